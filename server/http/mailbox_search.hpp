// A request's search and paging parameters as the routes read them (Mailpit's
// getStartLimit and ?query= / ?tz=), and the envelope they answer with. Shared
// by the message list, search and wait routes, and by the message routes,
// whose `latest` honours ?query= (latest_matching).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/http_message.hpp"
#include "http/mailbox_json.hpp"
#include "http/route_context.hpp"
#include "store/mailbox_query.hpp"

namespace exomock::http {

/// The store query for QUERY: Mailpit's words (search_query.hpp), each
/// tenant: name or domain resolved to that scenario tenant's domains, dates
/// read in the IANA zone TZ (when it names one; otherwise the server's zone).
[[nodiscard]] store::mailbox_query mailbox_query_for(const route_context& context,
                                                     std::string_view query,
                                                     std::string_view tz = "");

/// The newest message matching QUERY (the newest of all when QUERY is blank):
/// what the ID `latest` resolves to with `?query=` (and `&tz=`).
[[nodiscard]] std::optional<std::int64_t> latest_matching(const route_context& context,
                                                          std::string_view query,
                                                          std::string_view tz = "");

/// ?start= and ?limit= as Mailpit reads them: start counts when > 0, limit
/// when >= 0 (0 included); anything else, non-numbers too, keeps 0 and 50.
struct paging {
  std::int64_t start = 0;
  std::int64_t limit = 50;
};
[[nodiscard]] paging paging_of(const request& r);

/// The undocumented ?before= of the list and search routes: a date as the
/// search words take it, read in the server's zone; nullopt when absent or invalid.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> before_of(const request& r);

/// The search response for QUERY, a page as PAGING says (limit 0: counts only),
/// as /search and /wait answer it.
[[nodiscard]] messages_envelope search_envelope(const route_context& context,
                                                const store::mailbox_query& query, paging page);

/// The whole-mailbox part of an envelope: counts and tags.
void fill_mailbox(const route_context& context, messages_envelope& e);

}  // namespace exomock::http
