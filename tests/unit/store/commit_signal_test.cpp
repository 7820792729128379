// The wake-up on commit that an HTTP wait-for-message request relies on: a
// waiter wakes when a matching message commits, and times out otherwise.
#include "store/commit_signal.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

using std::chrono::steady_clock;
using namespace std::chrono_literals;

TEST(commit_signal, a_waiter_wakes_on_the_commit_that_makes_it_ready) {
  commit_signal signal;
  std::atomic<bool> arrived{false};
  auto waiter = std::async(std::launch::async, [&] {
    return signal.wait_until([&] { return arrived.load(); }, steady_clock::now() + 60s);
  });
  signal.notify();  // a commit that does not match: the waiter goes back to sleep
  arrived = true;
  signal.notify();
  EXPECT_TRUE(waiter.get());
  EXPECT_EQ(signal.commits(), 2u);
}

TEST(commit_signal, a_waiter_times_out_when_nothing_matches) {
  commit_signal signal;
  int checks = 0;
  EXPECT_FALSE(signal.wait_until([&] { return ++checks < 0; }, steady_clock::now() + 20ms));
  EXPECT_GE(checks, 2);  // at once and once more at the deadline
}

TEST(commit_signal, subscribers_hear_every_commit_until_they_leave) {
  commit_signal signal;
  int heard = 0;
  commit_signal::subscription id = 0;
  id = signal.subscribe([&] {
    if (++heard == 2) {
      signal.unsubscribe(id);  // from inside its own callback
    }
  });
  signal.notify();
  signal.notify();
  signal.notify();
  EXPECT_EQ(heard, 2);
}

TEST_P(store_test, a_waiter_wakes_when_a_matching_message_commits) {
  auto store = open_store();
  auto reader = open_reader();
  message_filter filter;
  filter.rcpt_to = "USER2@contoso.com";  // recipients match without regard to case
  auto waiter = std::async(std::launch::async, [&] {
    return store->commits().wait_until([&] { return !reader->search(filter, 1).empty(); },
                                       steady_clock::now() + 60s);
  });
  ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
  ASSERT_TRUE(submit_and_wait(*store, small_message(2)).ok);
  EXPECT_TRUE(waiter.get());
  EXPECT_EQ(reader->search(filter, 10).at(0).message_id, "<2@printer.example>");
  EXPECT_EQ(reader->count(), 2);
}

TEST_P(store_test, a_waiter_for_a_message_that_never_comes_times_out) {
  auto store = open_store();
  auto reader = open_reader();
  ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
  message_filter filter;
  filter.mail_from = "nobody@contoso.com";
  EXPECT_FALSE(store->commits().wait_until([&] { return !reader->search(filter, 1).empty(); },
                                           steady_clock::now() + 50ms));
}

TEST_P(store_test, search_combines_its_fields) {
  auto store = open_store();
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(submit_and_wait(*store, small_message(i)).ok);
  }
  auto reader = open_reader();
  message_filter filter;
  filter.mail_from = "Scanner@Contoso.com";
  EXPECT_EQ(reader->search(filter, 10).size(), 3u);
  filter.after_id = 1;
  EXPECT_EQ(reader->search(filter, 10).size(), 2u);
  EXPECT_EQ(reader->search(filter, 1).size(), 1u);
  filter.message_id = "<3@printer.example>";
  ASSERT_EQ(reader->search(filter, 10).size(), 1u);
  filter.session_id = "nope";
  EXPECT_TRUE(reader->search(filter, 10).empty());
}

}  // namespace
}  // namespace exomock::store::testing
