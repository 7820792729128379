// Rate limit for a log line that can repeat many times a second (accept failures while
// descriptors are exhausted): the first occurrence is logged, then at most one per
// interval with the count of those left out. The caller passes the time: no clock here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace exomock::net {

class repeat_limiter {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit repeat_limiter(std::chrono::steady_clock::duration interval) : interval_(interval) {}

  /// One occurrence at `now`: the number of occurrences suppressed since the last
  /// logged one when this one is to be logged, else nullopt (it is counted).
  [[nodiscard]] std::optional<std::uint64_t> occurred(time_point now) {
    if (logged_once_ && now - last_logged_ < interval_) {
      ++suppressed_;
      return std::nullopt;
    }
    logged_once_ = true;
    last_logged_ = now;
    const std::uint64_t left_out = suppressed_;
    suppressed_ = 0;
    return left_out;
  }

  /// The condition ended: the occurrences suppressed since the last logged one, and a
  /// fresh start, so the next occurrence is logged at once.
  [[nodiscard]] std::uint64_t ended() {
    const std::uint64_t left_out = suppressed_;
    suppressed_ = 0;
    logged_once_ = false;
    return left_out;
  }

 private:
  std::chrono::steady_clock::duration interval_;
  time_point last_logged_{};
  bool logged_once_ = false;
  std::uint64_t suppressed_ = 0;
};

}  // namespace exomock::net
