// How long stores take, as a Prometheus histogram: fixed bucket bounds, one
// relaxed atomic per bucket, so observing costs a few adds on the store's
// threads and a scrape reads without stopping them (a scrape may see a count a
// moment ahead of the sum: Prometheus tolerates that, as its own clients do).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace exomock::store {

class latency_histogram {
 public:
  /// Upper bounds in seconds, from 100 µs (a write to the page cache) to 2.5 s.
  static constexpr std::array<double, 14> bounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  struct snapshot {
    std::array<std::uint64_t, bounds.size() + 1>
        buckets{};  ///< per bound, then +Inf; not cumulative
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };

  void observe(std::chrono::nanoseconds d) noexcept {
    const double seconds = std::chrono::duration<double>(d).count();
    std::size_t i = 0;
    while (i < bounds.size() && seconds > bounds[i]) {
      ++i;
    }
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(static_cast<std::uint64_t>(d.count() < 0 ? 0 : d.count()),
                      std::memory_order_relaxed);
  }

  [[nodiscard]] snapshot read() const noexcept {
    snapshot s;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
      s.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
      s.count += s.buckets[i];
    }
    s.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9;
    return s;
  }

 private:
  std::array<std::atomic<std::uint64_t>, bounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_ns_{0};
};

}  // namespace exomock::store
