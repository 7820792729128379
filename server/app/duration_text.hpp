// Durations as written on the command line: "0", "250ms", "5s", "1.5s", "2m", "1h".
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace exomock::app {

/// A number with a unit (ms, s, m, h), or a bare "0"; nullopt when malformed or negative.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace exomock::app
