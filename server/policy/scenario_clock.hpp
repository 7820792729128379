// The scenario's clock: a start time and a rate over a real steady source, so a
// test can run the emulated world at 60x and cross a minute or a day without
// waiting. Pure arithmetic: the steady reading is injected (net/app give the real one).
// The admin API moves it at run time (set()); readers on other threads see the
// move at once, as one offset read atomically.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

#include "policy/clock.hpp"

namespace exomock::policy {

class scenario_clock final : public clock {
 public:
  /// A reading of a monotonic source; only differences between readings matter.
  using steady_reading = std::function<std::chrono::steady_clock::time_point()>;

  /// now() is `start` at construction and then advances `rate` times as fast as `steady`.
  /// `rate` must be positive.
  scenario_clock(std::chrono::system_clock::time_point start, double rate, steady_reading steady);

  [[nodiscard]] std::chrono::system_clock::time_point now() const override;
  [[nodiscard]] double rate() const { return rate_; }
  /// From now on now() reads `to`, then advances at the same rate. Thread-safe.
  void set(std::chrono::system_clock::time_point to);
  /// How long the steady source must run for the scenario clock to advance by `d`.
  [[nodiscard]] std::chrono::nanoseconds real_time_for(std::chrono::nanoseconds d) const;

 private:
  std::chrono::system_clock::time_point start_;
  double rate_;
  steady_reading steady_;
  std::chrono::steady_clock::time_point origin_;
  std::mutex set_mutex_;                 // one set() at a time: each reads, then moves, the offset
  std::atomic<std::int64_t> offset_{0};  // nanoseconds set() added
};

}  // namespace exomock::policy
