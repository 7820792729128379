#include "app/process_memory.hpp"

#include <unistd.h>

#include <fstream>

namespace exomock::app {

std::uint64_t resident_memory_bytes() {
  // statm counts pages: total program size, then resident.
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) {
    return 0;
  }
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
}

}  // namespace exomock::app
