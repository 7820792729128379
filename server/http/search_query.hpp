// Mailpit's search language (reference §2, internal/storage/search.go) read
// into the store's typed terms, plus exomock's own words about how a message
// arrived: login:, listener:, path:, tenant:, tls:, client-ip:. Pure: no store,
// no scenario; tenant: terms keep the name as written for the route to resolve
// to the tenant's domains. Nothing here fails: as in Mailpit, a word that is
// not a filter, or a filter whose value does not parse, is searched as text
// (sizes) or dropped (dates).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/mailbox_query.hpp"

namespace date {
class time_zone;
}

namespace exomock::http {

/// Mailpit's cleanString: U+FEFF, CR, LF, tab, < > " , ; ( ) become spaces,
/// whitespace runs collapse, the ends are trimmed, letters are lower-cased.
/// Only ASCII letters and whitespace are folded (Go folds all of Unicode);
/// SQLite's LIKE compares ASCII case-insensitively only, so this changes
/// nothing for ASCII text.
[[nodiscard]] std::string clean_search_text(std::string_view text);

/// The query split as Mailpit's ArgsParser splits it: on spaces (U+0020 only),
/// with `"` toggling a quoted run in which spaces do not split; the quote
/// characters themselves are removed.
[[nodiscard]] std::vector<std::string> search_tokens(std::string_view query);

/// A date as after: and before: take it (already cleaned and upper-cased):
/// 2024-04-01, 2024/04/01, 04/01/2024 (US month first), each optionally with
/// " 10:30" or " 10:30:15" (or T for the space in the first two forms), RFC
/// 3339 with Z or an offset, 20240401, 20240401103015, and unix time in
/// seconds (10 digits), milliseconds (13), microseconds (16) or nanoseconds
/// (19). A date or time without an offset is read in ZONE (nullptr: UTC); a
/// date alone is midnight there. nullopt when no form fits.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_search_date(
    std::string_view text, const date::time_zone* zone);

/// Mailpit's sizeToBytes: `^(\d+)(\.\d+)?\s?([a-z]{1,2})?$` after lower-casing;
/// no unit is bytes, k/kb are KiB, m/mb are MiB; 0 for anything else.
[[nodiscard]] std::int64_t parse_search_size(std::string_view text);

/// The whole query as terms, in query order. ZONE reads dates (see parse_search_date).
[[nodiscard]] store::mailbox_query parse_search(std::string_view query,
                                                const date::time_zone* zone);

}  // namespace exomock::http
