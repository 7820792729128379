// Thread-safe counters for the /metrics route, in the lowest layer that counts
// (policy; net and http count with the same types). The SMTP hot path only ever
// does one relaxed atomic add: every reply passes reply_code_counter, so it is a
// fixed array; events as rare as a session or an AUTH attempt take a short mutex
// around a small map of label values. Values only grow, as Prometheus counters do.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace exomock::policy {

/// One monotonically growing count.
class event_counter {
 public:
  void add(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<std::uint64_t> value_{0};
};

/// Counts per combination of N label values (in the family's label order).
template <std::size_t N>
class labelled_counter {
 public:
  using labels = std::array<std::string, N>;

  void add(labels values, std::uint64_t n = 1) {
    const std::lock_guard lock(mutex_);
    counts_[std::move(values)] += n;
  }
  /// Every combination seen so far, in label order.
  [[nodiscard]] std::vector<std::pair<labels, std::uint64_t>> snapshot() const {
    const std::lock_guard lock(mutex_);
    return {counts_.begin(), counts_.end()};
  }

 private:
  mutable std::mutex mutex_;
  std::map<labels, std::uint64_t> counts_;
};

/// Replies by their three-digit code (RFC 5321 section 4.2: 2yz to 5yz).
class reply_code_counter {
 public:
  static constexpr int lowest = 200;
  static constexpr int highest = 599;

  /// Codes outside 200-599 are not SMTP replies and are not counted.
  void add(int code) noexcept {
    if (code >= lowest && code <= highest) {
      counts_[static_cast<std::size_t>(code - lowest)].add();
    }
  }
  /// The codes given at least once, with their counts, lowest code first.
  [[nodiscard]] std::vector<std::pair<int, std::uint64_t>> snapshot() const {
    std::vector<std::pair<int, std::uint64_t>> out;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (const std::uint64_t n = counts_[i].value(); n > 0) {
        out.emplace_back(lowest + static_cast<int>(i), n);
      }
    }
    return out;
  }

 private:
  std::array<event_counter, highest - lowest + 1> counts_{};
};

}  // namespace exomock::policy
