#include "http/api_routes.hpp"

namespace exomock::http {
namespace {

// Headers Mailpit's middleware puts on every API and view response.
void add_common_headers(route_result& result) {
  if (auto* r = std::get_if<response>(&result)) {
    r->headers.push_back({"Referrer-Policy", "no-referrer"});
    return;
  }
  auto& deferred = std::get<deferred_response>(result);
  auto wrap = [](response r) {
    r.headers.push_back({"Referrer-Policy", "no-referrer"});
    return r;
  };
  deferred.poll = [poll = std::move(deferred.poll), wrap]() -> std::optional<response> {
    auto r = poll();
    if (r) {
      return wrap(std::move(*r));
    }
    return std::nullopt;
  };
  deferred.expired = [expired = std::move(deferred.expired), wrap] { return wrap(expired()); };
}

}  // namespace

bool identity_route(std::string_view path) {
  return path.ends_with("/oauth2/v2.0/token") || path.ends_with("/oauth2/v2.0/devicecode") ||
         path.ends_with("/v2.0/.well-known/openid-configuration") ||
         path.ends_with("/discovery/v2.0/keys");
}

router api_router() {
  router routes;
  add_health_routes(routes);
  add_chaos_routes(routes);
  add_graph_sign_in_routes(routes);
  add_session_routes(routes);
  add_explain_routes(routes);
  add_metrics_routes(routes);
  // Before the message routes: their /part/{part...} would take .../part/{part}/thumb.
  add_offline_routes(routes);
  add_message_routes(routes);
  add_view_routes(routes);
  add_send_routes(routes);
  add_mailbox_routes(routes);
  add_search_routes(routes);
  add_wait_routes(routes);
  add_tag_routes(routes);
  add_info_routes(routes);
  add_event_routes(routes);
  add_admin_exchange_routes(routes);
  add_admin_entra_routes(routes);
  add_admin_scenario_routes(routes);
  add_tenant_routes(routes);
  add_admin_device_code_routes(routes);
  add_token_routes(routes);
  add_discovery_routes(routes);
  add_web_routes(routes);
  return routes;
}

route_result answer(const router& routes, const access_settings& access, request& r,
                    route_context& context) {
  if (auto refused = identity_route(r.path) || web_route(r.path) ? std::nullopt
                                                                 : refuse_unauthorized(r, access)) {
    r.route = routes.pattern_of(r.path);  // counted under the route it was refused for
    return std::move(*refused);
  }
  route_result result = routes.dispatch(r, context);
  if (r.path.starts_with("/api/") || r.path.starts_with("/view/")) {
    add_common_headers(result);
  }
  return result;
}

}  // namespace exomock::http
