// ISO 8601 UTC text with milliseconds, the form every time column holds:
// "2024-05-01T09:30:00.123Z". Fixed width, so text order is time order.
// Internal to store/.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace exomock::store {

/// Formats T truncated (towards the past) to whole milliseconds.
std::string iso8601_utc_ms(std::chrono::system_clock::time_point t);
/// Parses exactly the form iso8601_utc_ms writes; nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc_ms(std::string_view text);

}  // namespace exomock::store
