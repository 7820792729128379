// Mailpit's tag rules, shared by the tags an API client sets and those derived
// from X-Tags and plus-addresses: characters outside [A-Za-z0-9 _.@-] become
// spaces, runs of whitespace collapse, the ends are trimmed, and the result is
// cut to 100 characters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exomock::store {

/// The cleaned tag, or nullopt when nothing is left of it.
[[nodiscard]] std::optional<std::string> clean_tag(std::string_view raw);

}  // namespace exomock::store
