// Smart lockout with a manual clock: threshold inside the window, repeated wrong
// passwords counted once, locked even for the right password, growth, and the
// pipeline's "account locked" with its 50053 sign-in event.
#include "policy/lockout_book.hpp"

#include <gtest/gtest.h>

#include "policy/sign_in_attempt.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using testing::fixed_moment;

smart_lockout settings(std::uint32_t threshold = 10) {
  smart_lockout s;
  s.threshold = threshold;
  s.duration = 60s;
  s.growth = 2.0;
  s.window = 30min;
  return s;
}

void fail_distinct(lockout_book& book, int count, manual_clock& clock, int first = 0) {
  for (int i = first; i < first + count; ++i) {
    book.record_failure("a@contoso.com", "Wrong-" + std::to_string(i), settings(), clock.now());
  }
}

TEST(lockout_book, locks_at_the_threshold_for_the_duration) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  fail_distinct(book, 9, clock);
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
  EXPECT_TRUE(book.record_failure("a@contoso.com", "Wrong-9", settings(), clock.now()));
  EXPECT_TRUE(book.locked("a@contoso.com", clock.now()));
  clock.advance(59s);
  EXPECT_TRUE(book.locked("a@contoso.com", clock.now()));
  clock.advance(1s);
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
}

TEST(lockout_book, the_same_wrong_password_counts_once) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  for (int i = 0; i < 50; ++i) {
    book.record_failure("a@contoso.com", "Same-Wrong", settings(), clock.now());
  }
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
}

TEST(lockout_book, only_the_last_three_wrong_passwords_are_remembered) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  // Cycling through four passwords: each has dropped out of the last three when it comes back.
  for (int i = 0; i < 10; ++i) {
    book.record_failure("a@contoso.com", "Cycle-" + std::to_string(i % 4), settings(), clock.now());
  }
  EXPECT_TRUE(book.locked("a@contoso.com", clock.now()));
  lockout_book three;
  for (int i = 0; i < 30; ++i) {
    three.record_failure("a@contoso.com", "Cycle-" + std::to_string(i % 3), settings(),
                         clock.now());
  }
  EXPECT_FALSE(three.locked("a@contoso.com", clock.now()));
}

TEST(lockout_book, failures_outside_the_window_do_not_count) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  fail_distinct(book, 9, clock);
  clock.advance(31min);
  fail_distinct(book, 1, clock, 100);
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
  fail_distinct(book, 8, clock, 200);
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
  fail_distinct(book, 1, clock, 300);
  EXPECT_TRUE(book.locked("a@contoso.com", clock.now()));
}

TEST(lockout_book, each_further_lockout_lasts_longer) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  fail_distinct(book, 10, clock);
  EXPECT_EQ(book.locked_until("a@contoso.com"), clock.now() + 60s);
  clock.advance(60s);
  // After a lockout, the next counted failure locks again, twice as long.
  EXPECT_TRUE(book.record_failure("a@contoso.com", "Another", settings(), clock.now()));
  EXPECT_EQ(book.locked_until("a@contoso.com"), clock.now() + 120s);
  clock.advance(120s);
  EXPECT_TRUE(book.record_failure("a@contoso.com", "Yet-another", settings(), clock.now()));
  EXPECT_EQ(book.locked_until("a@contoso.com"), clock.now() + 240s);
  EXPECT_EQ(book.lockouts("a@contoso.com"), 3u);
}

TEST(lockout_book, failures_while_locked_do_not_extend_the_lockout) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  fail_distinct(book, 10, clock);
  const auto until = book.locked_until("a@contoso.com");
  clock.advance(10s);
  EXPECT_FALSE(book.record_failure("a@contoso.com", "While-locked", settings(), clock.now()));
  EXPECT_EQ(book.locked_until("a@contoso.com"), until);
}

TEST(lockout_book, a_success_starts_over_and_accounts_are_separate) {
  manual_clock clock(fixed_moment());
  lockout_book book;
  fail_distinct(book, 9, clock);
  book.record_success("a@contoso.com");
  fail_distinct(book, 9, clock, 50);
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
  book.record_failure("b@contoso.com", "x", settings(1), clock.now());
  EXPECT_TRUE(book.locked("b@contoso.com", clock.now()));
  EXPECT_FALSE(book.locked("a@contoso.com", clock.now()));
}

TEST(lockout_book, growth_is_capped_at_a_day) {
  smart_lockout s = settings();
  s.growth = 1000.0;
  EXPECT_EQ(lockout_length(s, 0), 60s);
  EXPECT_EQ(lockout_length(s, 5), std::chrono::milliseconds(24h));
}

// Through the pipeline with state shared by two "sessions" (two requests).
class lockout_pipeline : public ::testing::Test {
 protected:
  auth_decision attempt(const std::string& secret) {
    const smtp::credentials c{"LOGIN", "lockout@contoso.com", secret, ""};
    auto request = make_auth_request(model_, model_.listeners.at(0), c, facts_, clock_.now());
    return attempt_sign_in(request, shared_, nullptr);
  }
  void SetUp() override {
    model_.tenants[0].mailboxes.push_back(testing::make_mailbox("lockout@contoso.com"));
  }

  scenario_model model_ = testing::make_model();
  smtp::session_facts facts_ = testing::tls_facts();
  manual_clock clock_{fixed_moment()};
  live_scenario shared_;
};

TEST_F(lockout_pipeline, right_password_refused_while_locked_then_accepted) {
  for (int i = 0; i < 10; ++i) {
    const auth_decision d = attempt("Wrong-" + std::to_string(i));
    EXPECT_EQ(d.reply, reply_id::auth_bad_credentials);
    EXPECT_EQ(d.sign_in->error_code, 50126);
  }
  const auth_decision locked = attempt("Demo-Passw0rd!");
  EXPECT_EQ(locked.reply, reply_id::auth_account_locked);
  EXPECT_FALSE(locked.authenticated);
  EXPECT_EQ(locked.sign_in->error_code, 50053);
  EXPECT_EQ(attempt("Wrong-again").reply, reply_id::auth_account_locked);
  clock_.advance(61s);
  const auth_decision after = attempt("Demo-Passw0rd!");
  EXPECT_TRUE(after.authenticated);
  EXPECT_EQ(after.sign_in->error_code, 0);
}

TEST_F(lockout_pipeline, unknown_users_and_oauth_do_not_count) {
  for (int i = 0; i < 20; ++i) {
    const smtp::credentials c{"XOAUTH2", "lockout@contoso.com", "bad-" + std::to_string(i), ""};
    auto request = make_auth_request(model_, model_.listeners.at(0), c, facts_, clock_.now());
    EXPECT_EQ(attempt_sign_in(request, shared_, nullptr).reply, reply_id::auth_unsuccessful);
  }
  EXPECT_TRUE(attempt("Demo-Passw0rd!").authenticated);
}

}  // namespace
}  // namespace exomock::policy
