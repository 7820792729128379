// IPv4/IPv6 addresses and CIDR ranges, parsed without the sockets API so
// policy stays pure: Conditional Access named locations and inbound connectors use them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace exomock::policy {

/// An address in 16-byte form; IPv4 is kept as IPv4 (v4 = true, bytes 0..3).
struct ip_address {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = true;
};

struct ip_range {
  ip_address base;
  unsigned prefix = 0;  ///< significant leading bits
};

/// "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1" (mapped addresses become IPv4).
[[nodiscard]] std::optional<ip_address> parse_ip_address(std::string_view text);
/// "10.20.0.0/16", "2001:db8::/32"; a bare address is a single-host range.
[[nodiscard]] std::optional<ip_range> parse_ip_range(std::string_view text);
[[nodiscard]] bool range_contains(const ip_range& range, const ip_address& address);
/// True when `address` parses and lies in the range given as text (which must parse too).
[[nodiscard]] bool range_contains(std::string_view range, std::string_view address);

}  // namespace exomock::policy
