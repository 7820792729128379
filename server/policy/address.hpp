// Case rules for e-mail addresses as Exchange Online applies them: addresses
// and domains compare case-insensitively (ASCII), the domain is after the last '@'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "smtp/ascii.hpp"

namespace exomock::policy {

/// Case folding and comparison in ASCII only, as for protocol tokens.
using smtp::ascii::iequals;
using smtp::ascii::to_lower;
/// The part after the last '@', or "" when there is none.
[[nodiscard]] std::string_view domain_of(std::string_view address);
/// Whether `list` holds `address` (case-insensitive).
[[nodiscard]] bool contains_address(const std::vector<std::string>& list, std::string_view address);

}  // namespace exomock::policy
