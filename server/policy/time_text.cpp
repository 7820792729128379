// A strict, allocation-free reader of RFC 3339 date-times; a space is accepted for
// the 'T' as RFC 3339 allows. Invalid calendar dates (February 30) are refused.
#include "policy/time_text.hpp"

#include <cctype>

namespace exomock::policy {

namespace {

// Reads exactly `width` digits at `pos`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// Fractional seconds after the '.', as milliseconds (further digits are dropped).
std::optional<int> fraction_ms(std::string_view text, std::size_t& pos) {
  int ms = 0;
  std::size_t n = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
    if (n < 3) {
      ms = ms * 10 + (text[pos] - '0');
    }
    ++n;
    ++pos;
  }
  if (n == 0) {
    return std::nullopt;
  }
  for (; n < 3; ++n) {
    ms *= 10;
  }
  return ms;
}

// "Z" or "±HH:MM" to the offset from UTC in minutes.
std::optional<int> zone_minutes(std::string_view text, std::size_t& pos) {
  if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    return 0;
  }
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
    return std::nullopt;
  }
  const int sign = text[pos++] == '-' ? -1 : 1;
  const auto h = digits(text, pos, 2);
  if (!h || !expect(text, pos, ':')) {
    return std::nullopt;
  }
  const auto m = digits(text, pos, 2);
  if (!m || *h > 23 || *m > 59) {
    return std::nullopt;
  }
  return sign * (*h * 60 + *m);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  const auto y = digits(text, pos, 4);
  const auto mo = expect(text, pos, '-') ? digits(text, pos, 2) : std::nullopt;
  const auto d = expect(text, pos, '-') ? digits(text, pos, 2) : std::nullopt;
  const bool separator = expect(text, pos, 'T') || expect(text, pos, 't') || expect(text, pos, ' ');
  const auto h = separator ? digits(text, pos, 2) : std::nullopt;
  const auto mi = expect(text, pos, ':') ? digits(text, pos, 2) : std::nullopt;
  const auto s = expect(text, pos, ':') ? digits(text, pos, 2) : std::nullopt;
  // system_clock counts nanoseconds in 64 bits, about 1677-09 to 2262-04: a year
  // beyond overflowed the sum below (undefined behaviour; found by fuzz/graph_filter).
  constexpr int earliest_year = 1678;
  constexpr int latest_year = 2261;
  if (!y || *y < earliest_year || *y > latest_year || !mo || !d || !h || !mi || !s || *h > 23 ||
      *mi > 59 || *s > 59) {
    return std::nullopt;
  }
  int ms = 0;
  if (expect(text, pos, '.')) {
    const auto f = fraction_ms(text, pos);
    if (!f) {
      return std::nullopt;
    }
    ms = *f;
  }
  const auto zone = zone_minutes(text, pos);
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!zone || pos != text.size() || !date.ok()) {
    return std::nullopt;
  }
  return sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} + milliseconds{ms} -
         minutes{*zone};
}

}  // namespace exomock::policy
