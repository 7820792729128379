// Bookkeeping of live connections for graceful shutdown.
#include "net/connection_registry.hpp"

#include <utility>
#include <vector>

namespace exomock::net {

std::unique_ptr<connection_registry::membership> connection_registry::join(
    std::weak_ptr<closable> connection) {
  const std::lock_guard lock(mutex_);
  const std::uint64_t key = next_key_++;
  live_.emplace(key, std::move(connection));
  return std::make_unique<membership>(*this, key);
}

void connection_registry::remove(std::uint64_t key) {
  std::function<void()> callback;
  {
    const std::lock_guard lock(mutex_);
    live_.erase(key);
    if (live_.empty()) {
      callback = std::exchange(on_empty_, nullptr);
    }
  }
  if (callback) {
    callback();
  }
}

void connection_registry::close_all() {
  std::vector<std::shared_ptr<closable>> targets;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [key, weak] : live_) {
      if (auto c = weak.lock()) {
        targets.push_back(std::move(c));
      }
    }
  }
  for (const auto& c : targets) {
    c->close_now();
  }
}

std::size_t connection_registry::size() const {
  const std::lock_guard lock(mutex_);
  return live_.size();
}

void connection_registry::when_empty(std::function<void()> callback) {
  {
    const std::lock_guard lock(mutex_);
    if (!live_.empty()) {
      on_empty_ = std::move(callback);
      return;
    }
  }
  callback();
}

}  // namespace exomock::net
