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
void add_metrics_routes(router& routes);
void add_message_routes(router& routes);
void add_view_routes(router& routes);
void add_send_routes(router& routes);

}  // namespace exomock::http
