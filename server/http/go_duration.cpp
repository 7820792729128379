#include "http/go_duration.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <utility>

namespace exomock::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 8> units{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // U+00B5 micro sign
    {"\xCE\xBCs", 1'000},  // U+03BC Greek mu
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

bool digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") {
    return std::chrono::nanoseconds(0);
  }
  if (text.empty()) {
    return std::nullopt;
  }
  long double total = 0;
  while (!text.empty()) {
    long double value = 0;
    std::size_t i = 0;
    bool any_digit = false;
    for (; i < text.size() && digit(text[i]); ++i) {
      value = value * 10 + (text[i] - '0');
      any_digit = true;
    }
    if (i < text.size() && text[i] == '.') {
      long double scale = 0.1L;
      for (++i; i < text.size() && digit(text[i]); ++i) {
        value += (text[i] - '0') * scale;
        scale /= 10;
        any_digit = true;
      }
    }
    std::size_t unit_end = i;
    while (unit_end < text.size() && text[unit_end] != '.' && !digit(text[unit_end])) {
      ++unit_end;
    }
    const std::string_view unit = text.substr(i, unit_end - i);
    const auto* found =
        std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.first == unit; });
    if (!any_digit || found == units.end()) {
      return std::nullopt;
    }
    total += value * static_cast<long double>(found->second);
    text.remove_prefix(unit_end);
  }
  if (total > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  const auto ns = static_cast<std::int64_t>(total);
  return std::chrono::nanoseconds(negative ? -ns : ns);
}

}  // namespace exomock::http
