// Uses the C++20 calendar types rather than gmtime_r, so formatting is pure
// arithmetic: no locale, no time zone database, safe on any thread.
#include "store/timestamp.hpp"

#include <charconv>
#include <cstdio>

namespace exomock::store {

using namespace std::chrono;

std::string iso8601_utc_ms(system_clock::time_point t) {
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ms - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int{ymd.year()},
                unsigned{ymd.month()}, unsigned{ymd.day()}, static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return text;
}

std::optional<system_clock::time_point> parse_iso8601_utc_ms(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  const auto field = [&](std::size_t pos, std::size_t len, int& value) {
    const char* first = text.data() + pos;
    for (std::size_t i = 0; i < len; ++i) {
      if (first[i] < '0' || first[i] > '9') {
        return false;  // from_chars would take a '-'
      }
    }
    const auto [end, ec] = std::from_chars(first, first + len, value);
    return ec == std::errc{} && end == first + len;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (!field(0, 4, y) || !field(5, 2, mo) || !field(8, 2, d) || !field(11, 2, h) ||
      !field(14, 2, mi) || !field(17, 2, s) || !field(20, 3, ms)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
}

}  // namespace exomock::store
