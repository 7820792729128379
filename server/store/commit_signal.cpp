// The callbacks are copied out of the lock before they run, so a callback may
// unsubscribe (itself or another) without deadlocking.
#include "store/commit_signal.hpp"

#include <algorithm>

namespace exomock::store {

void commit_signal::notify() {
  std::vector<std::function<void()>> to_run;
  {
    const std::lock_guard lock(mutex_);
    ++commits_;
    to_run.reserve(callbacks_.size());
    for (const auto& entry : callbacks_) {
      to_run.push_back(entry.second);
    }
  }
  changed_.notify_all();
  for (const auto& callback : to_run) {
    callback();
  }
}

std::uint64_t commit_signal::commits() const {
  const std::lock_guard lock(mutex_);
  return commits_;
}

bool commit_signal::wait_until(const std::function<bool()>& ready,
                               std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  for (;;) {
    const std::uint64_t seen = commits_;
    lock.unlock();
    if (ready()) {
      return true;
    }
    lock.lock();
    if (!changed_.wait_until(lock, deadline, [&] { return commits_ != seen; })) {
      lock.unlock();
      return ready();  // one last look: the deadline may have raced a commit
    }
  }
}

commit_signal::subscription commit_signal::subscribe(std::function<void()> on_commit) {
  const std::lock_guard lock(mutex_);
  const subscription id = next_id_++;
  callbacks_.emplace_back(id, std::move(on_commit));
  return id;
}

void commit_signal::unsubscribe(subscription id) {
  const std::lock_guard lock(mutex_);
  std::erase_if(callbacks_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace exomock::store
