// Wakes whoever waits for new captures. The store notifies it each time a
// group of messages or records has become visible to readers; an HTTP
// wait-for-message request blocks in wait_until() (re-running its query after
// every commit), and a live-events stream subscribes a callback that posts to
// its own executor.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace exomock::store {

class commit_signal {
 public:
  using subscription = std::uint64_t;

  /// Called by the store once a group is queryable; runs the subscribed
  /// callbacks on the calling thread (the store's writer).
  void notify();
  /// How many times notify() has run.
  [[nodiscard]] std::uint64_t commits() const;
  /// Checks `ready` at once and again after every commit, until it returns
  /// true or `deadline` passes; returns its last answer. A commit that lands
  /// while `ready` runs is not missed: the count is read before each check.
  bool wait_until(const std::function<bool()>& ready,
                  std::chrono::steady_clock::time_point deadline);
  /// `on_commit` runs after every commit until unsubscribed. It runs on the
  /// store's writer thread, so it should only hand the news on (post to an
  /// Asio executor, say); it may unsubscribe, but not call notify().
  subscription subscribe(std::function<void()> on_commit);
  void unsubscribe(subscription id);

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t commits_ = 0;
  subscription next_id_ = 1;
  std::vector<std::pair<subscription, std::function<void()>>> callbacks_;
};

}  // namespace exomock::store
