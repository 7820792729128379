// /livez and /readyz: whether the process runs, and whether the capture answers.
#include "http/api_routes.hpp"

namespace exomock::http {

void add_health_routes(router& routes) {
  routes.add("GET", "/livez",
             [](request&, route_context&) -> route_result { return text(200, "", ""); });
  routes.add("GET", "/readyz", [](request&, route_context& c) -> route_result {
    if (!c.mailbox.answers()) {
      return text(503, "Service Unavailable\n", "text/plain; charset=utf-8");
    }
    return text(200, "", "");
  });
}

}  // namespace exomock::http
