#include "http/message_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/mailbox_json.hpp"
#include "mime/search_text.hpp"

namespace exomock::http {

namespace bjson = boost::json;

namespace {

bjson::object address_object(const mime::address& a) {
  bjson::object o;
  o["Name"] = a.name;
  o["Address"] = a.address;
  return o;
}

bjson::array address_list(const std::vector<mime::address>& list) {
  bjson::array out;
  for (const mime::address& a : list) {
    out.push_back(address_object(a));
  }
  return out;
}

bjson::array string_list(const std::vector<std::string>& items) {
  bjson::array out;
  for (const std::string& s : items) {
    out.emplace_back(s);
  }
  return out;
}

bjson::array part_list(const std::vector<mime::part_summary>& parts) {
  bjson::array out;
  for (const mime::part_summary& p : parts) {
    bjson::object o;
    o["PartID"] = p.part_id;
    o["FileName"] = p.file_name;
    o["ContentType"] = p.content_type;
    o["ContentID"] = p.content_id;
    o["Size"] = p.size;
    bjson::object sums;
    sums["MD5"] = p.md5;
    sums["SHA1"] = p.sha1;
    sums["SHA256"] = p.sha256;
    o["Checksums"] = std::move(sums);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::string message_json(std::int64_t id, const store::captured_message& m,
                         const mime::message_view& view, const std::vector<std::string>& tags) {
  bjson::object o;
  o["ID"] = id_text(id);
  o["MessageID"] = view.message_id;
  o["From"] = address_object(view.from);
  o["To"] = address_list(view.to);
  o["Cc"] = address_list(view.cc);
  o["Bcc"] = address_list(view.bcc);
  o["ReplyTo"] = address_list(view.reply_to);
  o["ReturnPath"] = view.return_path;
  o["Subject"] = view.subject;
  bjson::object unsubscribe;
  unsubscribe["Header"] = view.unsubscribe.header;
  unsubscribe["Links"] = string_list(view.unsubscribe.links);
  unsubscribe["Errors"] = view.unsubscribe.errors;
  unsubscribe["HeaderPost"] = view.unsubscribe.header_post;
  o["ListUnsubscribe"] = std::move(unsubscribe);
  // Without a readable Date header Mailpit gives the time the message arrived.
  o["Date"] = view.date.value_or(go_time(m.received));
  o["Tags"] = string_list(tags);
  o["Username"] = mime::valid_utf8(m.login);
  o["Text"] = view.text;
  o["HTML"] = view.html;
  o["Size"] = m.raw.size();
  o["Inline"] = part_list(view.inlines);
  o["Attachments"] = part_list(view.attachments);
  return bjson::serialize(o);
}

std::string smtp_json(const smtp_facts& facts) {
  const store::captured_message& m = *facts.message;
  const auto text = [](const std::string& s) { return bjson::value(mime::valid_utf8(s)); };
  bjson::object o;
  o["MailFrom"] = text(m.mail_from);
  bjson::array rcpt;
  for (const std::string& r : m.rcpt_to) {
    rcpt.push_back(text(r));
  }
  o["RcptTo"] = std::move(rcpt);
  o["Login"] = text(m.login);
  o["ClientIP"] = m.client_ip;
  o["ClientPort"] = m.client_port;
  o["Listener"] = m.listener;
  o["Path"] = m.path;
  o["Tenant"] = facts.tenant;
  o["TLSVersion"] = m.tls_version;
  o["TLSCipher"] = m.tls_cipher;
  o["SessionID"] = m.session_id;
  o["Received"] = go_time(m.received);
  o["Released"] =
      go_time(m.released == std::chrono::system_clock::time_point{} ? m.received : m.released);
  o["Helo"] = text(m.helo);
  o["Mechanism"] = m.auth_mechanism;
  if (!facts.reply.empty()) {
    o["Reply"] = text(facts.reply);
  }
  return bjson::serialize(o);
}

}  // namespace exomock::http
