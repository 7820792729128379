// The {ID} of Mailpit's message routes: the store's integer id as a decimal
// string, or `latest` (the newest message; with ?query=, the newest one that
// matches that search). Routes answer Mailpit's 404 bodies when it names none.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "http/http_message.hpp"
#include "http/route_context.hpp"

namespace exomock::http {

/// The id ID_TEXT names for request R: a number, or `latest` resolved (with
/// ?query= and ?tz=, the newest match: mailbox_search.hpp); else the
/// response to send: 404 "Message not found" when `latest` finds nothing, and
/// UNKNOWN (the route's own 404) for text that is no id.
[[nodiscard]] std::variant<std::int64_t, response> resolve_message_id(const request& r,
                                                                      route_context& context,
                                                                      std::string_view id_text,
                                                                      const response& unknown);

/// Marks message ID read, as Mailpit does when GET message or a view reads it,
/// and tells live clients (`update` {ID, Read:true}, then `stats`) when it was unread.
void mark_fetched(route_context& context, std::int64_t id);

/// Mailpit's 404 for an unknown message or part: "404 page not found".
[[nodiscard]] response page_not_found();
/// Mailpit's 404 for `latest` in an empty mailbox, and for /view of an unknown id.
[[nodiscard]] response message_not_found();

}  // namespace exomock::http
