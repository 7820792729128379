// Time as it appears on Exchange's wire: the banner date, the DIAG timestamp
// and .NET DateTime ticks (what Exchange session ids decode to). Always UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace exomock::policy {

/// "Sun, 1 Nov 2026 09:05:03 +0000" (.NET "ddd, d MMM yyyy HH:mm:ss +0000": no leading zero on the
/// day).
[[nodiscard]] std::string banner_date(std::chrono::system_clock::time_point t);
/// "2026-11-01T09:05:03.123Z" (.NET "yyyy-MM-ddTHH:mm:ss.fffZ").
[[nodiscard]] std::string diag_timestamp(std::chrono::system_clock::time_point t);
/// 100 ns intervals since 0001-01-01T00:00:00Z, as System.DateTime.Ticks counts them.
[[nodiscard]] std::uint64_t dotnet_ticks(std::chrono::system_clock::time_point t);

}  // namespace exomock::policy
