// Points in time as scenario files and Graph's $filter write them: RFC 3339 /
// ISO 8601 with a zone, "2026-11-28T09:00:00Z", "2026-11-28T10:00:00.250+01:00".
// Used by the scenario clock's start, fault rules' time windows and the sign-in log's filter.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace exomock::policy {

/// The UTC time point `text` names, or nullopt when it is not YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM).
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_utc_time(
    std::string_view text);

}  // namespace exomock::policy
