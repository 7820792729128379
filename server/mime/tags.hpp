// Mailpit's tag rules (mailpit-api.md section 1.9): how a tag is cleaned and
// checked, and the tags a message brings along (its X-Tags header and the
// +tag of plus-addresses).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mime/message_view.hpp"

namespace exomock::mime {

/// Characters outside [A-Za-z0-9 _.@-] become spaces, whitespace runs collapse,
/// the ends are trimmed, and the tag is cut to 100 bytes.
[[nodiscard]] std::string clean_tag(std::string_view tag);
/// Whether a cleaned tag is one Mailpit keeps: 1 to 100 of [A-Za-z0-9 _.@-].
[[nodiscard]] bool valid_tag(std::string_view tag);
/// Each tag cleaned, the invalid and the case-insensitive repeats dropped, sorted.
[[nodiscard]] std::vector<std::string> sorted_unique_tags(const std::vector<std::string>& tags);
/// "a" and "b" for "user+a+b@example.test"; none for an address without a +tag.
[[nodiscard]] std::vector<std::string> plus_address_tags(std::string_view address);
/// The tags Mailpit gives a message on arrival: the X-Tags header (comma
/// separated) and the plus-address tags of To, Cc, Bcc and From.
[[nodiscard]] std::vector<std::string> auto_tags(std::string_view x_tags, const message_view& m);

}  // namespace exomock::mime
