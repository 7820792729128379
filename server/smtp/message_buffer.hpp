// The bytes of the message being received, bounded twice: by the maximum message
// size (the advertised SIZE), beyond which the octets are still counted, so the
// peer's data is consumed up to its end (RFC 5321 section 4.5.3.1.7), but none
// is kept; and by the handler's allowance (a mailbox's MaxSendSize), beyond which
// only the message's first octets (its header) are kept for the handler's verdict.
// A message that will be refused is never held whole.
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace exomock::smtp {

class message_buffer {
 public:
  explicit message_buffer(std::uint64_t max_size = 0) : max_size_(max_size), keep_max_(max_size) {}

  /// Empties the buffer for a new message: past `keep_max` octets (at most the
  /// maximum) only the first `keep_prefix` are kept.
  void start(std::uint64_t keep_max, std::size_t keep_prefix) {
    clear();
    keep_max_ = std::min(keep_max, max_size_);
    keep_prefix_ = static_cast<std::size_t>(std::min<std::uint64_t>(keep_prefix, keep_max_));
  }

  void append(std::string_view octets) {
    const std::uint64_t before = total_;
    total_ += octets.size();
    if (total_ > max_size_) {
      std::string().swap(bytes_);  // the message will be refused: free it now
      return;
    }
    if (before > keep_max_) {
      return;  // past the allowance already: only counted
    }
    if (total_ > keep_max_) {
      // This append crosses the allowance: keep the prefix, from what is held and
      // from these octets, and let the rest go.
      bytes_.resize(std::min(bytes_.size(), keep_prefix_));
      bytes_.append(octets.substr(0, keep_prefix_ - bytes_.size()));
      bytes_.shrink_to_fit();
      return;
    }
    grow_for(octets.size());
    bytes_.append(octets);
  }

  void clear() {
    std::string().swap(bytes_);
    total_ = 0;
  }

  [[nodiscard]] std::uint64_t total() const { return total_; }
  /// Above the maximum message size: nothing kept.
  [[nodiscard]] bool overflow() const { return total_ > max_size_; }
  /// The kept octets; empty after an overflow.
  [[nodiscard]] std::string take() { return std::move(bytes_); }

 private:
  // Past 1 MiB the buffer reserves its whole allowance at once: the allocator maps
  // a block that large with mmap, whose untouched pages take no memory, so a large
  // message is never copied while it grows (doubling would hold the old and the
  // new copy, up to twice the message, at each step).
  void grow_for(std::size_t n) {
    constexpr std::size_t reserve_all_above = std::size_t{1} << 20;
    const std::size_t need = bytes_.size() + n;
    if (need <= bytes_.capacity() || need <= reserve_all_above) {
      return;
    }
    try {
      bytes_.reserve(static_cast<std::size_t>(keep_max_));
    } catch (const std::exception&) {
      // Address space refused (strict overcommit): grow step by step instead.
    }
  }

  std::uint64_t max_size_;
  std::uint64_t keep_max_;
  std::size_t keep_prefix_ = 0;
  std::uint64_t total_ = 0;
  std::string bytes_;
};

}  // namespace exomock::smtp
