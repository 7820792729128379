#include "store/mailbox_columns.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "mime/message_view.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

namespace {

boost::json::object address_object(const mime::address& a) {
  boost::json::object o;
  o["Name"] = a.name;
  o["Address"] = a.address;
  return o;
}

std::string address_list(const std::vector<mime::address>& list) {
  boost::json::array out;
  for (const mime::address& a : list) {
    out.push_back(address_object(a));
  }
  return boost::json::serialize(out);
}

std::string without_angles(const std::string& id) {
  const auto first = id.find_first_not_of("<>");
  return first == std::string::npos ? std::string{}
                                    : id.substr(first, id.find_last_not_of("<>") - first + 1);
}

}  // namespace

mailbox_columns mailbox_columns_of(const std::string& raw, const std::string& mail_from,
                                   const std::vector<std::string>& rcpt_to,
                                   const std::string& smtp_message_id) {
  const mime::envelope smtp{mail_from, rcpt_to};
  const mime::message_view m = mime::parse(raw, &smtp);
  mailbox_columns c;
  c.subject = m.subject;
  c.from_json = boost::json::serialize(address_object(m.from));
  c.to_json = address_list(m.to);
  c.cc_json = address_list(m.cc);
  c.bcc_json = address_list(m.bcc);
  c.reply_to_json = address_list(m.reply_to);
  // Mailpit gives a message without a Message-ID one of its own; ours is the 250's.
  c.message_id = m.message_id.empty() ? without_angles(smtp_message_id) : m.message_id;
  c.date = m.date.value_or("");
  c.search_text = m.search_text;
  c.snippet = m.snippet;
  c.attachments = static_cast<std::int64_t>(m.attachment_count);
  c.inlines = static_cast<std::int64_t>(m.inline_count);
  c.tags = m.tags;
  return c;
}

void bind_mailbox_columns(sqlite3_stmt* s, int first, const mailbox_columns& c) {
  int i = first;
  for (const std::string* text :
       {&c.subject, &c.from_json, &c.to_json, &c.cc_json, &c.bcc_json, &c.reply_to_json,
        &c.message_id, &c.date, &c.search_text, &c.snippet}) {
    bind_text(s, i++, *text);
  }
  sqlite3_bind_int64(s, i++, c.attachments);
  sqlite3_bind_int64(s, i, c.inlines);
}

}  // namespace exomock::store
