// Base64 (RFC 4648 section 4) for SASL exchanges (RFC 4954 section 4): strict
// alphabet, no white space; padding may be omitted, as some clients do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exomock::smtp {

/// The decoded octets, or nullopt when `text` is not base64.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

/// Padded base64 of `octets`.
[[nodiscard]] std::string base64_encode(std::string_view octets);

}  // namespace exomock::smtp
