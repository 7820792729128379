// Time columns: fixed-width ISO 8601 UTC with milliseconds, truncated, and parsed back exactly.
#include "store/timestamp.hpp"

#include <gtest/gtest.h>

namespace exomock::store {
namespace {

using namespace std::chrono;

TEST(timestamp, formats_utc_with_milliseconds) {
  const auto t = sys_days{2024y / May / 1} + 9h + 30min + 5s + 123ms + 999us;
  EXPECT_EQ(iso8601_utc_ms(t), "2024-05-01T09:30:05.123Z");
  EXPECT_EQ(iso8601_utc_ms(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(timestamp, parses_what_it_formats) {
  const auto t = sys_days{2031y / December / 31} + 23h + 59min + 59s + 7ms;
  EXPECT_EQ(parse_iso8601_utc_ms(iso8601_utc_ms(t)), t);
}

TEST(timestamp, rejects_other_forms) {
  for (const char* bad :
       {"", "2024-05-01T09:30:05Z", "2024-05-01 09:30:05.123Z", "2024-13-01T09:30:05.123Z",
        "2024-02-30T09:30:05.123Z", "2024-05-01T24:00:00.000Z", "2024-05-01T09:30:05.-12Z"}) {
    EXPECT_EQ(parse_iso8601_utc_ms(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace exomock::store
