// The accept-failure log limit, on time points the test chooses (no real time).
#include "net/repeat_limiter.hpp"

#include <gtest/gtest.h>

namespace exomock::net {
namespace {

using namespace std::chrono_literals;
using time_point = repeat_limiter::time_point;

TEST(RepeatLimiter, LogsTheFirstThenOncePerIntervalWithTheCount) {
  repeat_limiter limit(1s);
  const time_point t0{100s};
  EXPECT_EQ(limit.occurred(t0), 0U);
  for (int i = 1; i < 10; ++i) {
    EXPECT_FALSE(limit.occurred(t0 + i * 100ms)) << i;  // every 100 ms: not logged
  }
  EXPECT_EQ(limit.occurred(t0 + 1s), 9U);  // a second later: logged with the nine left out
  EXPECT_FALSE(limit.occurred(t0 + 1100ms));
  EXPECT_EQ(limit.occurred(t0 + 2100ms), 1U);
}

TEST(RepeatLimiter, EndingReportsWhatWasLeftOutAndStartsAfresh) {
  repeat_limiter limit(1s);
  const time_point t0{5s};
  EXPECT_EQ(limit.occurred(t0), 0U);
  EXPECT_FALSE(limit.occurred(t0 + 100ms));
  EXPECT_FALSE(limit.occurred(t0 + 200ms));
  EXPECT_EQ(limit.ended(), 2U);
  EXPECT_EQ(limit.ended(), 0U);
  EXPECT_EQ(limit.occurred(t0 + 300ms), 0U);  // a new failure after recovery: logged at once
}

}  // namespace
}  // namespace exomock::net
