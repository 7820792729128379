// The window arithmetic behind the sending limits: minute booking, sliding
// 24-hour sums, submitting-connection order, continuous-error throttling.
#include "policy/sending_counters.hpp"

#include <gtest/gtest.h>

#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using std::chrono::floor;
using std::chrono::minutes;

const time_point t0 = testing::fixed_moment();  // 09:05:03.123
const time_point minute_start = floor<minutes>(t0);

TEST(sending_counters, thirty_a_minute_then_the_following_minutes) {
  mailbox_counters m;
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(reserve_release(m, 30, t0), t0) << i;
  }
  EXPECT_TRUE(minute_full(m, 30, t0));
  EXPECT_EQ(reserve_release(m, 30, t0), minute_start + 1min);
  for (int i = 0; i < 29; ++i) {
    EXPECT_EQ(reserve_release(m, 30, t0 + 1s), minute_start + 1min);
  }
  EXPECT_EQ(reserve_release(m, 30, t0 + 2s), minute_start + 2min);
  // In the next minute, its 30 slots are already booked: the message waits one more.
  EXPECT_TRUE(minute_full(m, 30, minute_start + 1min + 10s));
  EXPECT_EQ(reserve_release(m, 30, minute_start + 1min + 10s), minute_start + 2min);
  EXPECT_FALSE(minute_full(m, 30, minute_start + 3min));
  EXPECT_EQ(reserve_release(m, 30, minute_start + 3min), minute_start + 3min);
}

TEST(sending_counters, no_rate_limit_releases_at_once) {
  mailbox_counters m;
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(reserve_release(m, 0, t0), t0);
  }
  EXPECT_FALSE(minute_full(m, 0, t0));
}

TEST(sending_counters, recipients_slide_over_24_hours) {
  std::deque<dated_count> w;
  record_day_count(w, 9990, t0);
  EXPECT_FALSE(day_quota_exceeded(w, 10000, 10, t0 + 1h));
  EXPECT_TRUE(day_quota_exceeded(w, 10000, 11, t0 + 1h));
  record_day_count(w, 10, t0 + 1h);
  EXPECT_TRUE(day_quota_exceeded(w, 10000, 1, t0 + 24h - 1ms));
  EXPECT_FALSE(day_quota_exceeded(w, 10000, 9990, t0 + 24h));  // the first entry left the window
  EXPECT_EQ(sum_last_day(w, t0 + 24h), 10U);
  EXPECT_EQ(sum_last_day(w, t0 + 25h), 0U);
  EXPECT_FALSE(day_quota_exceeded(w, 0, 1'000'000, t0));  // 0: no limit
}

TEST(sending_counters, the_newest_connections_are_the_excess) {
  mailbox_counters m;
  for (std::uint64_t s = 1; s <= 5; ++s) {
    register_submitter(m, s);
  }
  register_submitter(m, 2);  // registering twice changes nothing
  EXPECT_FALSE(concurrency_exceeded(m, 3, 3));
  EXPECT_TRUE(concurrency_exceeded(m, 4, 3));
  EXPECT_TRUE(concurrency_exceeded(m, 5, 3));
  unregister_submitter(m, 1);
  EXPECT_FALSE(concurrency_exceeded(m, 4, 3));
  EXPECT_TRUE(concurrency_exceeded(m, 5, 3));
  EXPECT_FALSE(concurrency_exceeded(m, 99, 3));  // not submitting at all
  EXPECT_FALSE(concurrency_exceeded(m, 5, 0));
}

TEST(sending_counters, continuous_errors_throttle_for_the_period) {
  mailbox_counters m;
  const throttling_settings s{3, 10min, 1h, throttle_reply_stage::mail};
  record_error(m, error_class::mailbox_full, s, t0);
  record_error(m, error_class::send_as_denied, s, t0 + 1s);  // another class counts apart
  record_error(m, error_class::mailbox_full, s, t0 + 2s);
  EXPECT_FALSE(throttled(m, t0 + 3s));
  record_error(m, error_class::mailbox_full, s, t0 + 3s);
  EXPECT_EQ(throttled(m, t0 + 3s), error_class::mailbox_full);
  EXPECT_EQ(throttled(m, t0 + 3s + 1h - 1ms), error_class::mailbox_full);
  EXPECT_FALSE(throttled(m, t0 + 3s + 1h));
}

TEST(sending_counters, errors_outside_the_window_do_not_add_up) {
  mailbox_counters m;
  const throttling_settings s{2, 10min, 1h, throttle_reply_stage::mail};
  record_error(m, error_class::too_many_recipients, s, t0);
  record_error(m, error_class::too_many_recipients, s, t0 + 10min);
  EXPECT_FALSE(throttled(m, t0 + 10min));
  record_error(m, error_class::too_many_recipients, s, t0 + 11min);
  EXPECT_EQ(throttled(m, t0 + 11min), error_class::too_many_recipients);
  mailbox_counters off;
  record_error(off, error_class::mailbox_full, {0, 10min, 1h, throttle_reply_stage::mail}, t0);
  EXPECT_FALSE(throttled(off, t0));
}

TEST(sending_counters, external_means_outside_the_accepted_domains) {
  const std::vector<std::string> domains{"contoso.com", "contoso.net"};
  EXPECT_EQ(count_external({"a@contoso.com", "b@CONTOSO.NET", "c@example.net", "d@sub.contoso.com"},
                           domains),
            2U);
  EXPECT_EQ(count_external({}, domains), 0U);
}

}  // namespace
}  // namespace exomock::policy
