// SplitMix64's output function (Steele, Lea and Flood, "Fast Splittable Pseudorandom
// Number Generators", OOPSLA 2014): spreads inputs that differ in a few bits, such as
// a seed and a session number or a fault rule and its occurrence, over all 64 bits.
// Each session's generator seed and every fault draw come from it, so its constants
// are part of what a seeded scenario replays.
#pragma once

#include <cstdint>

namespace exomock::policy {

/// One SplitMix64 step of `x`: the golden-ratio increment, then the finaliser.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace exomock::policy
