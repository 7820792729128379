// The scenario as a whole: GET it as TOML (what `exomock check` accepts), POST
// reload to read the file again (422 and every problem as FILE:LINE:COLUMN,
// one a line, when it does not load: the old scenario stays live), and the
// scenario clock (POST {"advance": "25h"} or {"set": TIME}).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <charconv>

#include "http/admin_patch.hpp"
#include "http/api_routes.hpp"
#include "http/go_duration.hpp"
#include "http/mailbox_json.hpp"
#include "policy/join.hpp"
#include "policy/time_text.hpp"

namespace exomock::http {
namespace {

route_result get_scenario(request&, route_context& c) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  return text(200, c.admin->document(), "application/toml");
}

route_result reload_scenario(request&, route_context& c) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  const admin_outcome outcome = c.admin->reload();
  if (outcome.status != admin_status::applied) {
    return text(422, policy::join(outcome.messages, "\n"));
  }
  return text(200, c.admin->document(), "application/toml");
}

response clock_json(route_context& c) {
  return admin_object(boost::json::object{{"now", go_time(c.clock.now())}});
}

route_result get_clock(request&, route_context& c) {
  return clock_json(c);
}

route_result move_clock(request& r, route_context& c) {
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  std::string error;
  const auto body = read_object(r.body, error);
  if (!body) {
    return text(400, error);
  }
  const auto* advance = body->if_contains("advance");
  const auto* set = body->if_contains("set");
  if ((advance == nullptr) == (set == nullptr) || body->size() != 1) {
    return text(400, "the body must be {\"advance\": DURATION} or {\"set\": TIME}");
  }
  std::chrono::system_clock::time_point to;
  std::pair<std::string, std::string> field;
  if (advance != nullptr) {
    const auto by = advance->is_string() ? parse_go_duration(advance->as_string())
                                         : std::optional<std::chrono::nanoseconds>{};
    if (!by) {
      return text(400, "advance must be a duration such as \"90s\", \"25h\" or \"1h30m\"");
    }
    to = c.clock.now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(*by);
    field = {"advance", std::string(advance->as_string())};
  } else {
    const auto at = set->is_string() ? policy::parse_utc_time(set->as_string())
                                     : std::optional<std::chrono::system_clock::time_point>{};
    if (!at) {
      return text(400, "set must be a time such as \"2026-12-31T09:00:00Z\"");
    }
    to = *at;
    field = {"set", std::string(set->as_string())};
  }
  c.admin->set_clock(to);
  c.admin->record({"Set clock", "scenario clock", {}, {field}});
  return clock_json(c);
}

// The newest changes first; ?limit= (default 100, at most 10000).
route_result get_audit(request& r, route_context& c) {
  std::size_t limit = 100;
  if (const auto text = r.parameter("limit")) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n == 0 || n > 10000) {
      return http::text(400, "limit must be a number from 1 to 10000");
    }
    limit = n;
  }
  std::string error;
  const auto rows = c.audit.admin_changes(limit, error);
  if (!rows) {
    return http::text(500, error);
  }
  boost::json::array entries;
  for (const store::admin_row& row : *rows) {
    boost::system::error_code ec;
    boost::json::value fields = boost::json::parse(row.record.fields, ec);
    entries.push_back(boost::json::object{{"time", go_time(row.recorded)},
                                          {"operation", row.record.operation},
                                          {"target", row.record.target},
                                          {"fields", ec ? boost::json::object{} : fields}});
  }
  return admin_object(boost::json::object{{"entries", std::move(entries)}});
}

}  // namespace

void add_admin_scenario_routes(router& routes) {
  routes.add("GET", "/api/v1/admin/scenario", get_scenario);
  routes.add("POST", "/api/v1/admin/scenario/reload", reload_scenario);
  routes.add("GET", "/api/v1/admin/clock", get_clock);
  routes.add("POST", "/api/v1/admin/clock", move_clock);
  routes.add("GET", "/api/v1/admin/audit", get_audit);
}

}  // namespace exomock::http
