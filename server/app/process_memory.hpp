// The process's own memory use, for /api/v1/info (Mailpit's RuntimeStats.Memory).
#pragma once

#include <cstdint>

namespace exomock::app {

/// The resident set in bytes, from /proc/self/statm; 0 where there is no /proc.
[[nodiscard]] std::uint64_t resident_memory_bytes();

}  // namespace exomock::app
