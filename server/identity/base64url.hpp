// base64url without padding (RFC 4648 section 5), the alphabet of JWS compact
// serialisation (RFC 7515 section 2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exomock::identity {

[[nodiscard]] std::string base64url_encode(std::string_view bytes);
/// nullopt for a character outside the alphabet or an impossible length.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace exomock::identity
