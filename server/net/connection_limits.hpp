// A listener's connection limits: concurrent connections in total and per client
// IP (the scenario's max_connections, max_connections_per_ip). The server takes a
// slot per accepted socket; the slot gives its place back when the connection ends.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace exomock::net {

class connection_limits : public std::enable_shared_from_this<connection_limits> {
 public:
  /// A place taken by one live connection; released on destruction (any thread).
  class slot {
   public:
    slot(std::shared_ptr<connection_limits> owner, std::string client_ip)
        : owner_(std::move(owner)), client_ip_(std::move(client_ip)) {}
    slot(const slot&) = delete;
    slot& operator=(const slot&) = delete;
    ~slot() { owner_->release(client_ip_); }

   private:
    std::shared_ptr<connection_limits> owner_;
    std::string client_ip_;
  };

  /// 0 means no limit.
  connection_limits(std::uint32_t total, std::uint32_t per_ip) : total_(total), per_ip_(per_ip) {}

  /// A slot for a new connection from `client_ip`, or nullptr when a limit is reached.
  [[nodiscard]] std::unique_ptr<slot> admit(const std::string& client_ip);
  [[nodiscard]] std::uint32_t live() const;

 private:
  void release(const std::string& client_ip);

  const std::uint32_t total_;
  const std::uint32_t per_ip_;
  mutable std::mutex mutex_;  // connections accept and end on different strands
  std::uint32_t live_ = 0;
  std::map<std::string, std::uint32_t> per_client_;
};

}  // namespace exomock::net
