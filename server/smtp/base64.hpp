// Base64 (RFC 4648 section 4) for SASL exchanges (RFC 4954 section 4): strict
// alphabet, no white space; padding may be omitted, as some clients do. Also its
// base64url variant (RFC 4648 section 5) without padding, the alphabet of JWS
// compact serialisation (RFC 7515 section 2), for the XOAUTH2 tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace exomock::smtp {

/// The decoded octets, or nullopt when `text` is not base64.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

/// Padded base64 of `octets`.
[[nodiscard]] std::string base64_encode(std::string_view octets);

/// The decoded octets, or nullopt for a character outside the base64url alphabet
/// (padding '=' included) or an impossible length.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

/// base64url of `octets`, without padding.
[[nodiscard]] std::string base64url_encode(std::string_view octets);

}  // namespace exomock::smtp
