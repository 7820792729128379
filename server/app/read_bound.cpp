#include "app/read_bound.hpp"

#include <utility>

namespace exomock::app {

store::journal_position read_bound::end() const {
  const std::lock_guard lock(mutex_);
  return pinned_ ? *pinned_ : store_.journal_end();
}

// The HTTP service answers on one thread, and an answer never suspends, so
// pins of different requests never overlap.
read_bound::pin::pin(read_bound& bound) : bound_(bound) {
  const auto at = bound_.store_.journal_end();
  const std::lock_guard lock(bound_.mutex_);
  outer_ = std::exchange(bound_.pinned_, at);
}

read_bound::pin::~pin() {
  const std::lock_guard lock(bound_.mutex_);
  bound_.pinned_ = outer_;
}

}  // namespace exomock::app
