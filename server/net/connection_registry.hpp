// The live connections of a server, so shutdown can wait for them and then
// close the stragglers. Connections run on their own strands: the registry is
// guarded by a mutex and asks each connection to close on its own strand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace exomock::net {

/// A connection the server can ask to end (thread-safe: it posts to its own strand).
class closable {
 public:
  virtual ~closable() = default;
  virtual void close_now() = 0;
};

class connection_registry {
 public:
  /// Membership for the lifetime of the returned object.
  class membership {
   public:
    membership(connection_registry& registry, std::uint64_t key)
        : registry_(&registry), key_(key) {}
    membership(const membership&) = delete;
    membership& operator=(const membership&) = delete;
    ~membership() { registry_->remove(key_); }

   private:
    connection_registry* registry_;
    std::uint64_t key_;
  };

  [[nodiscard]] std::unique_ptr<membership> join(std::weak_ptr<closable> connection);
  void close_all();
  [[nodiscard]] std::size_t size() const;
  /// Calls `callback` once, as soon as no connection is live (at once if none is).
  void when_empty(std::function<void()> callback);

 private:
  void remove(std::uint64_t key);

  mutable std::mutex mutex_;
  std::uint64_t next_key_ = 0;
  std::map<std::uint64_t, std::weak_ptr<closable>> live_;
  std::function<void()> on_empty_;
};

}  // namespace exomock::net
