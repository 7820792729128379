// Counting is exact under the mutex: a refused connection never holds a place,
// and an address's entry is dropped with its last connection so the map stays small.
#include "net/connection_limits.hpp"

namespace exomock::net {

std::unique_ptr<connection_limits::slot> connection_limits::admit(const std::string& client_ip) {
  const std::lock_guard lock(mutex_);
  std::uint32_t& from_client = per_client_[client_ip];
  const bool over = (total_ != 0 && live_ >= total_) || (per_ip_ != 0 && from_client >= per_ip_);
  if (over) {
    if (from_client == 0) {
      per_client_.erase(client_ip);
    }
    return nullptr;
  }
  ++live_;
  ++from_client;
  return std::make_unique<slot>(shared_from_this(), client_ip);
}

std::uint32_t connection_limits::live() const {
  const std::lock_guard lock(mutex_);
  return live_;
}

void connection_limits::release(const std::string& client_ip) {
  const std::lock_guard lock(mutex_);
  --live_;
  const auto it = per_client_.find(client_ip);
  if (it != per_client_.end() && --it->second == 0) {
    per_client_.erase(it);
  }
}

}  // namespace exomock::net
