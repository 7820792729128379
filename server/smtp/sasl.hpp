// Decoding of the SASL messages the core supports: PLAIN (RFC 4616), LOGIN
// (draft-murchison-sasl-login) and XOAUTH2 (Google/Microsoft "user=...^Aauth=
// Bearer ...^A^A"). Pure functions over already base64-decoded octets.
#pragma once

#include <optional>
#include <string_view>

#include "smtp/session_handler.hpp"

namespace exomock::smtp {

enum class sasl_mechanism { login, plain, xoauth2 };

/// The mechanism named `name` (case-insensitive) if the core can run it.
[[nodiscard]] std::optional<sasl_mechanism> find_mechanism(std::string_view name);

/// The canonical upper-case name of `m`.
[[nodiscard]] std::string_view mechanism_name(sasl_mechanism m);

/// RFC 4616 section 2: [authzid] NUL authcid NUL passwd, authcid and passwd non-empty.
[[nodiscard]] std::optional<credentials> decode_plain(std::string_view message);

/// XOAUTH2: "user=" user ^A "auth=Bearer " token ^A ^A. Other key=value fields
/// are ignored; the trailing ^A^A may be shortened to one ^A or none (seen in
/// the wild); the user and the token must be non-empty.
[[nodiscard]] std::optional<credentials> decode_xoauth2(std::string_view message);

}  // namespace exomock::smtp
