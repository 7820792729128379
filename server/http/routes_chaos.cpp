// GET and PUT /api/v1/chaos, as Mailpit answers them (reference §1.11): 400
// "Chaos is not enabled" until `serve --enable-chaos`; a PUT replaces all three
// triggers, and new sessions carry them out as fault rules.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_routes.hpp"
#include "http/go_json.hpp"
#include "policy/chaos_triggers.hpp"

namespace exomock::http {
namespace {

boost::json::object trigger_json(const policy::chaos_trigger& t) {
  return {{"ErrorCode", t.error_code}, {"Probability", t.probability}};
}

response triggers_json(const policy::chaos_triggers& t) {
  boost::json::object o;
  o["Sender"] = trigger_json(t.sender);
  o["Recipient"] = trigger_json(t.recipient);
  o["Authentication"] = trigger_json(t.authentication);
  return json(200, boost::json::serialize(o));
}

response not_enabled() {
  return text(400, "Chaos is not enabled");
}

// One trigger of the body: omitted means the default code with probability 0.
std::optional<std::string> read_trigger(const boost::json::value& body, std::string_view key,
                                        int default_code, policy::chaos_trigger& into) {
  into = {default_code, 0};
  const auto* t = member(body, key);
  if (t == nullptr || t->is_null()) {
    return std::nullopt;
  }
  std::string error;
  const auto code = int_member(*t, "ErrorCode", error);
  const auto probability = int_member(*t, "Probability", error);
  if (!error.empty()) {
    return error;
  }
  into.error_code = code && *code != 0 ? static_cast<int>(*code) : default_code;
  into.probability = probability ? static_cast<int>(*probability) : 0;
  return policy::chaos_problem(into);
}

route_result get_chaos(request&, route_context& c) {
  const std::lock_guard lock(c.live.mutex);
  if (!c.live.chaos) {
    return not_enabled();
  }
  return triggers_json(*c.live.chaos);
}

route_result put_chaos(request& r, route_context& c) {
  {
    const std::lock_guard lock(c.live.mutex);
    if (!c.live.chaos) {
      return not_enabled();
    }
  }
  std::string error;
  const auto body = parse_body(r.body, error);
  if (!body) {
    return text(400, error);
  }
  // Applied in Mailpit's order, so an error part-way leaves the earlier triggers changed.
  policy::chaos_triggers next;
  std::optional<std::string> problem;
  {
    const std::lock_guard lock(c.live.mutex);
    next = *c.live.chaos;
    policy::chaos_trigger t;
    if (!(problem = read_trigger(*body, "Sender", 451, t))) {
      next.sender = t;
      if (!(problem = read_trigger(*body, "Recipient", 451, t))) {
        next.recipient = t;
        if (!(problem = read_trigger(*body, "Authentication", 535, t))) {
          next.authentication = t;
        }
      }
    }
    c.live.chaos = next;
  }
  c.live.replace(policy::with_chaos(*c.live.snapshot(), next));
  if (problem) {
    return text(400, *problem);
  }
  return triggers_json(next);
}

}  // namespace

void add_chaos_routes(router& routes) {
  routes.add("GET", "/api/v1/chaos", get_chaos);
  routes.add("PUT", "/api/v1/chaos", put_chaos);
}

}  // namespace exomock::http
