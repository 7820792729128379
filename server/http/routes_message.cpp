// One message as Mailpit serves it: GET /api/v1/message/{ID} (the Message JSON),
// /headers, /raw, /part/{PartID}, and exomock's /smtp facts. {ID} may be
// `latest` (message_lookup.hpp). The MIME work is mime::parse's, done per request
// on the stored bytes, as Mailpit does.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/api_routes.hpp"
#include "http/message_json.hpp"
#include "http/message_lookup.hpp"
#include "mime/search_text.hpp"

namespace exomock::http {

namespace {

// What Go's url.PathEscape leaves as it is: the unreserved characters and $&+=:@.
constexpr boost::urls::grammar::lut_chars path_segment_chars =
    boost::urls::unreserved_chars + "$&+=:@";

// The message {ID} names, read with its envelope; else the 404 to send.
struct found_message {
  std::int64_t id = 0;
  store::captured_message message;
};
std::variant<found_message, response> find_message(const request& r, route_context& c,
                                                   const response& unknown) {
  const auto resolved = resolve_message_id(r, c, r.captures.at(0), unknown);
  if (const auto* refusal = std::get_if<response>(&resolved)) {
    return *refusal;
  }
  const std::int64_t id = std::get<std::int64_t>(resolved);
  auto message = c.reader.message(id);
  if (!message) {
    return unknown;
  }
  return found_message{id, std::move(*message)};
}

mime::message_view view_of(const store::captured_message& m) {
  const mime::envelope smtp{m.mail_from, m.rcpt_to};
  return mime::parse(m.raw, &smtp);
}

route_result get_message(request& r, route_context& c) {
  auto found = find_message(r, c, page_not_found());
  if (auto* refusal = std::get_if<response>(&found)) {
    return std::move(*refusal);
  }
  const auto& [id, message] = std::get<found_message>(found);
  const auto summary = c.mailbox.summary(id);
  const std::string body = message_json(id, message, view_of(message),
                                        summary ? summary->tags : std::vector<std::string>{});
  mark_fetched(c, id);  // Mailpit marks a message read when it is fetched
  return json(200, body);
}

route_result get_headers(request& r, route_context& c) {
  auto found = find_message(r, c, page_not_found());
  if (auto* refusal = std::get_if<response>(&found)) {
    return std::move(*refusal);
  }
  const auto map = mime::headers(std::get<found_message>(found).message.raw);
  if (!map) {
    return text(400, "malformed MIME header: no message");
  }
  boost::json::object o;
  for (const auto& [key, values] : *map) {
    boost::json::array list;
    for (const std::string& v : values) {
      list.emplace_back(mime::valid_utf8(v));
    }
    o[mime::valid_utf8(key)] = std::move(list);
  }
  return json(200, boost::json::serialize(o));
}

route_result get_raw(request& r, route_context& c) {
  auto found = find_message(r, c, page_not_found());
  if (auto* refusal = std::get_if<response>(&found)) {
    return std::move(*refusal);
  }
  auto& [id, message] = std::get<found_message>(found);
  response out = text(200, std::move(message.raw), "text/plain; charset=utf-8");
  if (r.parameter("dl") == "1") {
    out.headers.push_back(
        {"Content-Disposition", "attachment; filename=\"" + std::to_string(id) + ".eml\""});
  }
  return out;
}

// A PartID with a '/' (a "../x" that reached us percent-encoded) is never a part.
route_result get_part(request& r, route_context& c) {
  auto found = find_message(r, c, page_not_found());
  if (auto* refusal = std::get_if<response>(&found)) {
    return std::move(*refusal);
  }
  const std::string& part_id = r.captures.at(1);
  const auto part = part_id.find('/') == std::string::npos
                        ? mime::part(std::get<found_message>(found).message.raw, part_id)
                        : std::nullopt;
  if (!part) {
    return page_not_found();
  }
  response out = text(200, part->content, part->content_type);
  // Go's url.PathEscape of the name, as Mailpit writes it.
  out.headers.push_back(
      {"Content-Disposition",
       "inline; filename=\"" + boost::urls::encode(part->file_name, path_segment_chars) + "\""});
  return out;
}

// The final reply is in the session's transcript once the session has ended:
// the 250 line that names this message's id.
std::string final_reply(const store::captured_message& m, route_context& c) {
  if (m.session_id.empty() || m.message_id.empty()) {
    return {};
  }
  const auto transcript = c.reader.transcript(m.session_id);
  if (!transcript) {
    return {};
  }
  std::string_view rest = *transcript;
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.starts_with("S: 250") && line.find(m.message_id) != std::string_view::npos) {
      return std::string(line.substr(3));
    }
  }
  return {};
}

// The scenario tenant that owns the login's domain, else a recipient's.
std::string tenant_of(const store::captured_message& m, route_context& c) {
  const auto scenario = c.live.snapshot();
  if (!scenario) {
    return {};
  }
  if (const policy::tenant* t = m.login.empty() ? nullptr : scenario->tenant_for(m.login)) {
    return t->name;
  }
  for (const std::string& r : m.rcpt_to) {
    if (const policy::tenant* t = scenario->tenant_for(r)) {
      return t->name;
    }
  }
  return {};
}

route_result get_smtp_facts(request& r, route_context& c) {
  auto found = find_message(r, c, page_not_found());
  if (auto* refusal = std::get_if<response>(&found)) {
    return std::move(*refusal);
  }
  const store::captured_message& m = std::get<found_message>(found).message;
  return json(200, smtp_json({&m, tenant_of(m, c), final_reply(m, c)}));
}

}  // namespace

void add_message_routes(router& routes) {
  routes.add("GET", "/api/v1/message/{id}", get_message);
  routes.add("GET", "/api/v1/message/{id}/headers", get_headers);
  routes.add("GET", "/api/v1/message/{id}/raw", get_raw);
  routes.add("GET", "/api/v1/message/{id}/smtp", get_smtp_facts);
  routes.add("GET", "/api/v1/message/{id}/part/{part}", get_part);
  // A PartID such as "..%2Fx" decodes to several segments: still 404 page not found.
  // Keep this after any longer /part/{part}/... route: it takes the rest of the path.
  routes.add("GET", "/api/v1/message/{id}/part/{part...}", get_part);
}

}  // namespace exomock::http
