// The real-time policy::clock: system_clock, for the running server.
// Lives in net/ because policy/ only sees injected clocks (tests use manual_clock).
#pragma once

#include <chrono>

#include "policy/clock.hpp"

namespace exomock::net {

class wall_clock final : public policy::clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace exomock::net
