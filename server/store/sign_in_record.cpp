// GUIDs for new sign-in records (message_reader reads the log back).
#include "store/sign_in_record.hpp"

#include <iomanip>
#include <random>
#include <sstream>

namespace exomock::store {

std::string new_guid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::uint64_t hi = rng();
  const std::uint64_t lo = rng();
  // RFC 9562 version 4: version nibble 4, variant bits 10.
  const std::uint64_t a = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  const std::uint64_t b = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  std::ostringstream out;
  out << std::hex << std::setfill('0') << std::setw(8) << (a >> 32) << '-' << std::setw(4)
      << ((a >> 16) & 0xFFFF) << '-' << std::setw(4) << (a & 0xFFFF) << '-' << std::setw(4)
      << (b >> 48) << '-' << std::setw(12) << (b & 0xFFFFFFFFFFFFULL);
  return out.str();
}

}  // namespace exomock::store
