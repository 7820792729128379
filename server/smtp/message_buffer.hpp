// The bytes of the message being received, bounded by the maximum message size:
// beyond it the octets are still counted (so the peer's data is consumed up to
// its end, RFC 5321 section 4.5.3.1.7) but no longer stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace exomock::smtp {

class message_buffer {
 public:
  explicit message_buffer(std::uint64_t max_size = 0) : max_size_(max_size) {}

  void append(std::string_view octets) {
    total_ += octets.size();
    if (overflow_) {
      return;
    }
    if (total_ > max_size_) {
      overflow_ = true;
      std::string().swap(bytes_);  // the message will be refused: free it now
      return;
    }
    bytes_.append(octets);
  }

  void clear() {
    std::string().swap(bytes_);
    total_ = 0;
    overflow_ = false;
  }

  [[nodiscard]] std::uint64_t total() const { return total_; }
  [[nodiscard]] bool overflow() const { return overflow_; }
  /// The stored octets; empty after an overflow.
  [[nodiscard]] std::string take() { return std::move(bytes_); }

 private:
  std::uint64_t max_size_;
  std::uint64_t total_ = 0;
  bool overflow_ = false;
  std::string bytes_;
};

}  // namespace exomock::smtp
