// GET /api/events without the WebSocket upgrade: the stream itself is served
// by event_stream (the server hands upgrades over before routing); a plain
// request gets what Mailpit's websocket library answers it, 400 Bad Request.
#include "http/api_routes.hpp"

namespace exomock::http {

void add_event_routes(router& routes) {
  routes.add("GET", "/api/events", [](request&, route_context&) -> route_result {
    return text(400, "Bad Request\n", "text/plain; charset=utf-8");
  });
}

}  // namespace exomock::http
