// GET and DELETE /api/v1/search (reference §1.2, §1.3): Mailpit's search
// words plus exomock's, newest first. A search never fails on its words:
// unknown words are text and bad dates are ignored; only a missing query is 400.
#include <boost/json/serialize.hpp>

#include "http/api_routes.hpp"
#include "http/mailbox_search.hpp"

namespace exomock::http {
namespace {

// The trimmed ?query=, or nullopt when there is none to run.
std::optional<std::string> query_of(const request& r) {
  constexpr std::string_view space = " \t\n\r\v\f";
  const std::string_view q = r.parameter("query").value_or("");
  const std::size_t first = q.find_first_not_of(space);
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(q.substr(first, q.find_last_not_of(space) - first + 1));
}

// Mailpit tells each deletion by search up to this many, and a `prune` beyond.
constexpr std::size_t most_delete_events = 200;

response no_query() {
  return text(400, "Error: no search query");
}

route_result search(request& r, route_context& c) {
  const auto query = query_of(r);
  if (!query) {
    return no_query();
  }
  store::mailbox_query q = mailbox_query_for(c, *query, r.parameter("tz").value_or(""));
  q.received_before = before_of(r);
  return json(200, boost::json::serialize(envelope_json(search_envelope(c, q, paging_of(r)))));
}

// One `delete` per message, or one `prune` when more than 200 went; then `stats`.
route_result delete_matches(request& r, route_context& c) {
  const auto query = query_of(r);
  if (!query) {
    return no_query();
  }
  const auto ids =
      c.mailbox.matching_ids(mailbox_query_for(c, *query, r.parameter("tz").value_or("")));
  publish_deleted(c.events, c.editor.delete_messages(ids), most_delete_events);
  return text(200, "ok");
}

}  // namespace

void add_search_routes(router& routes) {
  routes.add("GET", "/api/v1/search", search);
  routes.add("DELETE", "/api/v1/search", delete_matches);
}

}  // namespace exomock::http
