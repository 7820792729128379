// Scenario time = start + (steady now - steady origin) x rate. The product is
// taken in long double nanoseconds so a rate like 60.0 keeps sub-millisecond
// precision over days of scenario time.
#include "policy/scenario_clock.hpp"

#include <cassert>
#include <utility>

namespace exomock::policy {

scenario_clock::scenario_clock(std::chrono::system_clock::time_point start, double rate,
                               steady_reading steady)
    : start_(start), rate_(rate), steady_(std::move(steady)), origin_(steady_()) {
  assert(rate_ > 0.0);
}

std::chrono::system_clock::time_point scenario_clock::now() const {
  using namespace std::chrono;
  const auto elapsed = duration_cast<nanoseconds>(steady_() - origin_);
  const auto scaled = static_cast<long double>(elapsed.count()) * rate_;
  const auto offset = nanoseconds(offset_.load(std::memory_order_acquire));
  return start_ + duration_cast<system_clock::duration>(
                      nanoseconds(static_cast<nanoseconds::rep>(scaled)) + offset);
}

void scenario_clock::set(std::chrono::system_clock::time_point to) {
  using namespace std::chrono;
  const std::lock_guard lock(set_mutex_);
  const auto by = duration_cast<nanoseconds>(to - now());
  offset_.fetch_add(by.count(), std::memory_order_acq_rel);
}

std::chrono::nanoseconds scenario_clock::real_time_for(std::chrono::nanoseconds d) const {
  return std::chrono::nanoseconds(
      static_cast<std::chrono::nanoseconds::rep>(static_cast<long double>(d.count()) / rate_));
}

}  // namespace exomock::policy
