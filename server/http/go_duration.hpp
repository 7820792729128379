// Durations as Go's time.ParseDuration reads them ("10s", "1.5s", "1m30s",
// "250ms", "100us"), for the wait route's ?timeout=, so a client writes what
// it would write for a Go tool.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace exomock::http {

/// One or more decimal numbers each with a unit (ns, us, µs, ms, s, m, h), an
/// optional leading sign, or a bare "0"; nullopt when malformed, or too large
/// for nanoseconds in 64 bits.
[[nodiscard]] std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

}  // namespace exomock::http
