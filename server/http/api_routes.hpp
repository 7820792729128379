// The whole route table: Mailpit's /api/v1 and exomock's own routes, each
// family in its own routes_*.cpp.
#pragma once

#include "http/access_guard.hpp"
#include "http/route_context.hpp"
#include "http/router.hpp"

namespace exomock::http {

/// Every route of the API.
[[nodiscard]] router api_router();

/// One request through the access check and the router: what the server runs.
[[nodiscard]] route_result answer(const router& routes, const access_settings& access, request& r,
                                  route_context& context);

// Each family adds its routes.
void add_health_routes(router& routes);
void add_chaos_routes(router& routes);
void add_graph_sign_in_routes(router& routes);
void add_session_routes(router& routes);
void add_explain_routes(router& routes);  ///< /api/v1/explain (reply_explain_json.hpp)
void add_metrics_routes(router& routes);
void add_message_routes(router& routes);
void add_view_routes(router& routes);
void add_send_routes(router& routes);
void add_mailbox_routes(router& routes);    ///< /api/v1/messages (routes_messages.cpp)
void add_search_routes(router& routes);     ///< /api/v1/search
void add_wait_routes(router& routes);       ///< /api/v1/wait
void add_tag_routes(router& routes);        ///< /api/v1/tags
void add_info_routes(router& routes);       ///< /api/v1/info, /api/v1/webui
void add_offline_routes(router& routes);    ///< release, html-check, link-check, thumb
void add_event_routes(router& routes);      ///< /api/events without the WebSocket upgrade
void add_token_routes(router& routes);      ///< Entra's /{tenant}/oauth2/v2.0/token, devicecode
void add_discovery_routes(router& routes);  ///< openid-configuration, discovery/v2.0/keys
/// /api/v1/admin: transport-config, cas-mailbox, organization-config, authentication-policy
void add_admin_exchange_routes(router& routes);
/// /api/v1/admin: users, reset-lockout, conditional-access, security-defaults, basic-auth,
/// applications
void add_admin_entra_routes(router& routes);
/// /api/v1/admin: scenario, scenario/reload, clock, audit
void add_admin_scenario_routes(router& routes);
/// /api/v1/admin/device-codes: the pending codes, and a user's approval of one
void add_admin_device_code_routes(router& routes);
/// /api/v1/tenants: a tenant per test (create, list, show, remove with its mail)
void add_tenant_routes(router& routes);

/// The web page: GET / and GET /ui/{file} (routes_web.cpp).
void add_web_routes(router& routes);
/// Whether `path` is the web page's (/ or /ui/...): served without the API's
/// --http-token, as it holds no data and must show its login form.
[[nodiscard]] bool web_route(std::string_view path);
/// The Content-Type of a page file by its name's suffix.
[[nodiscard]] std::string web_content_type(std::string_view name);

/// Whether `path` is one of Entra's token or discovery routes: they answer without
/// the API's --http-token/--http-auth (HTTP Basic there carries a client's secret).
[[nodiscard]] bool identity_route(std::string_view path);

/// "http(s)://HOST" as the client reached this server (its Host header).
[[nodiscard]] std::string own_base_url(const request& r);

}  // namespace exomock::http
