// Formats UTC time points the way Exchange's .NET code prints them, with
// std::chrono calendar types only (no locale, no time zone database).
#include "policy/wire_time.hpp"

#include <array>
#include <cstdio>

namespace exomock::policy {

namespace {

struct civil {
  int year;
  unsigned month, day, weekday, hour, minute, second, millisecond;
};

civil split(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto ms = time_point_cast<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{ms - day};
  return civil{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               weekday{day}.c_encoding(),
               static_cast<unsigned>(hms.hours().count()),
               static_cast<unsigned>(hms.minutes().count()),
               static_cast<unsigned>(hms.seconds().count()),
               static_cast<unsigned>(hms.subseconds().count())};
}

constexpr std::array<const char*, 7> day_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Ticks at the Unix epoch: DateTime(1970, 1, 1).Ticks.
constexpr std::uint64_t unix_epoch_ticks = 621355968000000000ULL;

}  // namespace

std::string banner_date(std::chrono::system_clock::time_point t) {
  const civil c = split(t);
  std::array<char, 48> buf{};
  std::snprintf(buf.data(), buf.size(), "%s, %u %s %04d %02u:%02u:%02u +0000", day_names[c.weekday],
                c.day, month_names[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf.data();
}

std::string diag_timestamp(std::chrono::system_clock::time_point t) {
  const civil c = split(t);
  std::array<char, 40> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", c.year, c.month,
                c.day, c.hour, c.minute, c.second, c.millisecond);
  return buf.data();
}

std::uint64_t dotnet_ticks(std::chrono::system_clock::time_point t) {
  using ticks = std::chrono::duration<std::int64_t, std::ratio<1, 10'000'000>>;
  const auto since_epoch = std::chrono::duration_cast<ticks>(t.time_since_epoch()).count();
  return unix_epoch_ticks + static_cast<std::uint64_t>(since_epoch);
}

}  // namespace exomock::policy
