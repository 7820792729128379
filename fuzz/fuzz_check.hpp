// What a target does when it sees a property fail that no sanitizer would catch
// (a decoder that does not round-trip, a reply line too long): abort, naming the
// property, so libFuzzer saves the input as a crash and the replay test fails.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace exomock::fuzz {

inline void check(bool holds, const char* property) {
  if (!holds) {
    std::fprintf(stderr, "fuzz finding: %s\n", property);
    std::abort();
  }
}

}  // namespace exomock::fuzz
