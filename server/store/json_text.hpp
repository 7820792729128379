// Recipient lists as JSON array text, for the rcpt_to column (Boost.JSON).
// Bytes >= 0x80 pass through unchanged, so a list round-trips byte for byte
// even when it is not valid UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::store {

/// ["a@x","b@y"]: quote, backslash and control characters escaped (RFC 8259 §7).
std::string json_string_array(const std::vector<std::string>& items);
/// The inverse, accepting any RFC 8259 array of strings; nullopt if TEXT is not one.
std::optional<std::vector<std::string>> parse_json_string_array(std::string_view text);

}  // namespace exomock::store
