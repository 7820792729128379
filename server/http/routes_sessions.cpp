// GET /api/v1/sessions and GET /api/v1/session/{SID}: every finished SMTP session,
// those that sent no message included (a refused AUTH is what a device tester
// looks for), with its redacted transcript. Envelope keys are snake_case and
// object keys PascalCase, as Mailpit's own listings are. A transcript line is
// {"Direction": "C" | "S" | "*", "Text"}: client, server, or exomock's note
// (message data, TLS), the "C: ", "S: " and "*  " prefixes of the stored text.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <string>
#include <string_view>

#include "http/api_routes.hpp"
#include "policy/wire_time.hpp"

namespace exomock::http {

namespace {

namespace js = boost::json;

constexpr std::size_t default_limit = 50;  // Mailpit's page size
constexpr std::string_view outcomes[] = {"delivered", "auth-failed", "refused", "timed-out",
                                         "closed"};

js::object session_object(const store::session_summary& s) {
  const store::session_record& r = s.record;
  return js::object{
      {"ID", r.session_id},
      {"Listener", r.listener},
      {"ClientIP", r.client_ip},
      {"ClientPort", r.client_port},
      {"Login", r.login},
      {"TLSVersion", r.tls_version},
      {"TLSCipher", r.tls_cipher},
      {"Started", policy::diag_timestamp(r.started)},
      {"Ended", policy::diag_timestamp(r.ended)},
      {"Outcome", r.outcome},
      {"Messages", s.messages},
  };
}

// The stored "C: ..." lines as objects; a line without a prefix (a bare LF the
// client sent inside a line) continues the one before it.
js::array transcript_lines(std::string_view text) {
  js::array out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    std::string_view direction;
    if (line.starts_with("C: ")) {
      direction = "C";
    } else if (line.starts_with("S: ")) {
      direction = "S";
    } else if (line.starts_with("*  ")) {
      direction = "*";
    }
    if (direction.empty() && !out.empty()) {
      js::string& previous = out.back().as_object()["Text"].as_string();
      previous.append("\n");
      previous.append(line);
      continue;
    }
    out.emplace_back(js::object{{"Direction", direction.empty() ? "*" : direction},
                                {"Text", direction.empty() ? line : line.substr(3)}});
  }
  return out;
}

// Mailpit's reading of start and limit: a value that is not a whole number is ignored.
std::size_t count_parameter(const request& r, std::string_view name, std::size_t fallback) {
  const auto text = r.parameter(name);
  std::size_t n = 0;
  if (!text || text->empty()) {
    return fallback;
  }
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  return ec == std::errc{} && end == text->data() + text->size() ? n : fallback;
}

response unreadable(const std::string& error) {
  return text(500, error + "\n", "text/plain; charset=utf-8");
}

route_result list_sessions(request& r, route_context& c) {
  store::session_filter filter;
  filter.login = std::string(r.parameter("login").value_or(""));
  filter.client_ip = std::string(r.parameter("client_ip").value_or(""));
  filter.outcome = std::string(r.parameter("outcome").value_or(""));
  if (!filter.outcome.empty() &&
      std::find(std::begin(outcomes), std::end(outcomes), filter.outcome) == std::end(outcomes)) {
    return text(400, "unknown outcome: " + filter.outcome);
  }
  const std::size_t start = count_parameter(r, "start", 0);
  const std::size_t limit = count_parameter(r, "limit", default_limit);
  std::string error;
  const auto page = c.audit.sessions(filter, start, limit, error);
  if (!page) {
    return unreadable(error);
  }
  js::array sessions;
  for (const store::session_summary& s : page->sessions) {
    sessions.emplace_back(session_object(s));
  }
  const js::object body{
      {"total", page->total},
      {"count", sessions.size()},
      {"start", start},
      {"sessions", std::move(sessions)},
  };
  return json(200, js::serialize(body));
}

route_result one_session(request& r, route_context& c) {
  std::string error;
  const auto session = c.audit.session(r.captures.at(0), error);
  if (!session) {
    return error.empty() ? text(404, "404 page not found") : unreadable(error);
  }
  if (r.parameter("format") == "text") {
    return text(200, session->record.transcript, "text/plain; charset=utf-8");
  }
  js::object body = session_object(*session);
  body["Lines"] = transcript_lines(session->record.transcript);
  return json(200, js::serialize(body));
}

// An open session in the finished list's keys where they mean the same; "State" is how
// far the dialogue got.
js::object live_object(const policy::live_session& s) {
  return js::object{
      {"ID", s.id},
      {"Listener", s.listener},
      {"ClientIP", s.client_ip},
      {"ClientPort", s.client_port},
      {"Started", policy::diag_timestamp(s.started)},
      {"State", policy::live_state(s)},
      {"Hello", s.hello_name},
      {"TLSVersion", s.tls_version},
      {"Login", s.login},
      {"Messages", s.messages},
      {"AuthRefusals", s.auth_refusals},
  };
}

// GET /api/v1/sessions/live: the sessions open now, oldest first. A session leaves this
// list once its record went to the store, and shows in /api/v1/sessions once indexed.
route_result live_sessions(request& /*r*/, route_context& c) {
  js::array sessions;
  for (const policy::live_session& s : c.live.sessions.list()) {
    sessions.emplace_back(live_object(s));
  }
  const js::object body{{"count", sessions.size()}, {"sessions", std::move(sessions)}};
  return json(200, js::serialize(body));
}

// GET /api/v1/sessions/live/{SID}: one open session with its transcript so far, in the
// finished session's "Lines" form; Mailpit's 404 once it has ended (or never was).
route_result one_live_session(request& r, route_context& c) {
  const auto found = c.live.sessions.find(r.captures.at(0));
  if (!found) {
    return text(404, "404 page not found");
  }
  js::object body = live_object(found->first);
  body["Lines"] = transcript_lines(found->second);
  return json(200, js::serialize(body));
}

}  // namespace

void add_session_routes(router& routes) {
  routes.add("GET", "/api/v1/sessions", list_sessions);
  routes.add("GET", "/api/v1/sessions/live", live_sessions);
  routes.add("GET", "/api/v1/sessions/live/{id}", one_live_session);
  routes.add("GET", "/api/v1/session/{id}", one_session);
}

}  // namespace exomock::http
