#include "http/mailbox_json.hpp"

#include <date/date.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <charconv>

namespace exomock::http {
namespace {

namespace bjson = boost::json;

std::string string_member(const bjson::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string{};
}

// Rebuilt rather than passed through, so the keys are Mailpit's whatever the
// column holds.
bjson::object address(const bjson::value& v) {
  bjson::object out;
  const bjson::object empty;
  const bjson::object& in = v.is_object() ? v.get_object() : empty;
  out["Name"] = string_member(in, "Name");
  out["Address"] = string_member(in, "Address");
  return out;
}

bjson::value parsed(std::string_view text) {
  boost::system::error_code ec;
  bjson::value v = bjson::parse(text, ec);
  return ec ? bjson::value{} : v;
}

bjson::array address_list(std::string_view stored) {
  bjson::array out;
  const bjson::value v = parsed(stored);
  if (v.is_array()) {
    for (const bjson::value& item : v.get_array()) {
      out.push_back(address(item));
    }
  }
  return out;
}

}  // namespace

std::string id_text(std::int64_t id) {
  return std::to_string(id);
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || id <= 0 ||
      text.front() == '+') {
    return std::nullopt;
  }
  return id;
}

std::string go_time(std::string_view iso_ms) {
  std::string out(iso_ms);
  const std::size_t dot = out.rfind('.');
  if (dot == std::string::npos || out.empty() || out.back() != 'Z') {
    return out;
  }
  std::size_t end = out.size() - 1;  // the Z
  while (end > dot + 1 && out[end - 1] == '0') {
    --end;
  }
  if (end == dot + 1) {
    end = dot;  // no fraction left: drop the dot too
  }
  out.erase(end, out.size() - 1 - end);
  return out;
}

std::string go_time(std::chrono::system_clock::time_point t) {
  return go_time(date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(t)));
}

bjson::object summary_json(const store::mailbox_summary& m) {
  bjson::object o;
  o["ID"] = id_text(m.id);
  o["MessageID"] = m.message_id;
  o["Read"] = m.read;
  o["From"] = address(parsed(m.from_json));
  o["To"] = address_list(m.to_json);
  o["Cc"] = address_list(m.cc_json);
  o["Bcc"] = address_list(m.bcc_json);
  o["ReplyTo"] = address_list(m.reply_to_json);
  o["Subject"] = m.subject;
  o["Created"] = go_time(m.received);
  o["Username"] = m.login;
  bjson::array tags;
  for (const std::string& t : m.tags) {
    tags.emplace_back(t);
  }
  o["Tags"] = std::move(tags);
  o["Size"] = m.size;
  o["Attachments"] = m.attachments;
  o["Snippet"] = m.snippet;
  return o;
}

bjson::object envelope_json(const messages_envelope& e) {
  bjson::object o;
  o["total"] = e.mailbox.total;
  o["unread"] = e.mailbox.unread;
  o["count"] = e.messages.size();
  o["messages_count"] = e.matched.total;
  o["messages_unread"] = e.matched.unread;
  o["start"] = e.start;
  bjson::array tags;
  for (const std::string& t : e.tags) {
    tags.emplace_back(t);
  }
  o["tags"] = std::move(tags);
  bjson::array messages;
  for (const store::mailbox_summary& m : e.messages) {
    messages.emplace_back(summary_json(m));
  }
  o["messages"] = std::move(messages);
  return o;
}

}  // namespace exomock::http
