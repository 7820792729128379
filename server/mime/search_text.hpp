// Mailpit's text clean-ups: cleanString (the search text and every search
// value), the 200-byte snippet, and its UTF-8-safe cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace exomock::mime {

/// Mailpit's cleanString: U+FEFF, CR/LF, tab, < > " , ; ( ) become spaces,
/// whitespace runs collapse, the ends are trimmed, and the text is lowercased.
[[nodiscard]] std::string clean_string(std::string_view text);

/// Mailpit's CreateSnippet: the HTML as text when there is HTML, else the text,
/// whitespace collapsed; the first 200 bytes plus "..." when longer.
[[nodiscard]] std::string snippet(std::string_view text, std::string_view html);

/// At most N bytes of S, never cutting a UTF-8 sequence (Mailpit's truncate).
[[nodiscard]] std::string truncate_utf8(std::string_view s, std::size_t n);

/// S with every byte that is not valid UTF-8 replaced by U+FFFD, as Go's JSON
/// encoder writes it.
[[nodiscard]] std::string valid_utf8(std::string_view s);

}  // namespace exomock::mime
