// Hand-written address parsing (RFC 4291 section 2.2 text forms; RFC 4632 CIDR)
// so that the policy layer needs no socket headers.
#include "policy/ip_range.hpp"

#include <charconv>
#include <vector>

namespace exomock::policy {

namespace {

std::optional<std::array<std::uint8_t, 4>> parse_v4(std::string_view text) {
  std::array<std::uint8_t, 4> out{};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto dot = text.find('.');
    const std::string_view part = i < 3 ? text.substr(0, dot) : text;
    if ((i < 3 && dot == std::string_view::npos) || part.empty() || part.size() > 3) {
      return std::nullopt;
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc{} || end != part.data() + part.size() || value > 255) {
      return std::nullopt;
    }
    out[i] = static_cast<std::uint8_t>(value);
    if (i < 3) {
      text.remove_prefix(dot + 1);
    }
  }
  return out;
}

// Parses colon-separated 16-bit groups (an optional trailing dotted quad counts as two).
std::optional<std::vector<std::uint16_t>> parse_groups(std::string_view text) {
  std::vector<std::uint16_t> groups;
  while (!text.empty()) {
    const auto colon = text.find(':');
    const std::string_view part = text.substr(0, colon);
    if (colon == std::string_view::npos && part.find('.') != std::string_view::npos) {
      const auto v4 = parse_v4(part);
      if (!v4) {
        return std::nullopt;
      }
      groups.push_back(static_cast<std::uint16_t>(((*v4)[0] << 8) | (*v4)[1]));
      groups.push_back(static_cast<std::uint16_t>(((*v4)[2] << 8) | (*v4)[3]));
      break;
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value, 16);
    if (part.empty() || part.size() > 4 || ec != std::errc{} || end != part.data() + part.size()) {
      return std::nullopt;
    }
    groups.push_back(static_cast<std::uint16_t>(value));
    if (colon == std::string_view::npos) {
      break;
    }
    text.remove_prefix(colon + 1);
    if (text.empty()) {
      return std::nullopt;  // trailing single colon
    }
  }
  return groups;
}

std::optional<ip_address> parse_v6(std::string_view text) {
  const auto gap = text.find("::");
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  if (gap == std::string_view::npos) {
    auto all = parse_groups(text);
    if (!all || all->size() != 8) {
      return std::nullopt;
    }
    head = std::move(*all);
  } else {
    auto h = parse_groups(text.substr(0, gap));
    auto t = parse_groups(text.substr(gap + 2));
    if (!h || !t || h->size() + t->size() > 7) {
      return std::nullopt;
    }
    head = std::move(*h);
    tail = std::move(*t);
  }
  std::array<std::uint16_t, 8> words{};
  std::copy(head.begin(), head.end(), words.begin());
  std::copy(tail.begin(), tail.end(), words.end() - static_cast<std::ptrdiff_t>(tail.size()));
  ip_address out;
  out.v4 = false;
  for (std::size_t i = 0; i < 8; ++i) {
    out.bytes[2 * i] = static_cast<std::uint8_t>(words[i] >> 8);
    out.bytes[2 * i + 1] = static_cast<std::uint8_t>(words[i] & 0xFF);
  }
  return out;
}

bool is_v4_mapped(const ip_address& a) {
  for (std::size_t i = 0; i < 10; ++i) {
    if (a.bytes[i] != 0) {
      return false;
    }
  }
  return a.bytes[10] == 0xFF && a.bytes[11] == 0xFF;
}

}  // namespace

std::optional<ip_address> parse_ip_address(std::string_view text) {
  if (text.find(':') == std::string_view::npos) {
    const auto v4 = parse_v4(text);
    if (!v4) {
      return std::nullopt;
    }
    ip_address out;
    std::copy(v4->begin(), v4->end(), out.bytes.begin());
    return out;
  }
  auto v6 = parse_v6(text);
  if (v6 && is_v4_mapped(*v6)) {
    ip_address out;
    std::copy(v6->bytes.begin() + 12, v6->bytes.end(), out.bytes.begin());
    return out;
  }
  return v6;
}

std::optional<ip_range> parse_ip_range(std::string_view text) {
  const auto slash = text.find('/');
  auto base = parse_ip_address(text.substr(0, slash));
  if (!base) {
    return std::nullopt;
  }
  const unsigned max_prefix = base->v4 ? 32 : 128;
  unsigned prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
        prefix > max_prefix) {
      return std::nullopt;
    }
  }
  return ip_range{*base, prefix};
}

bool range_contains(const ip_range& range, const ip_address& address) {
  if (range.base.v4 != address.v4) {
    return false;
  }
  unsigned bits = range.prefix;
  for (std::size_t i = 0; bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
    if ((range.base.bytes[i] & mask) != (address.bytes[i] & mask)) {
      return false;
    }
    bits -= take;
  }
  return true;
}

bool range_contains(std::string_view range, std::string_view address) {
  const auto r = parse_ip_range(range);
  const auto a = parse_ip_address(address);
  return r && a && range_contains(*r, *a);
}

}  // namespace exomock::policy
