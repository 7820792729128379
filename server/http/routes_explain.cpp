// GET /api/v1/explain?line=REPLY: `exomock explain --json` over HTTP, so the web page
// links a failed session to the same explanation the command line prints.
#include <boost/json/serialize.hpp>

#include "http/api_routes.hpp"
#include "http/reply_explain_json.hpp"

namespace exomock::http {
namespace {

route_result explain(request& r, route_context& /*context*/) {
  const auto line = r.parameter("line");
  if (!line || line->empty()) {
    return text(400, "line is required: GET /api/v1/explain?line=535%205.7.139%20...\n");
  }
  return json(200, boost::json::serialize(explain_line_json(*line)));
}

}  // namespace

void add_explain_routes(router& routes) {
  routes.add("GET", "/api/v1/explain", explain);
}

}  // namespace exomock::http
