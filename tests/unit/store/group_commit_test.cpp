// Group commit: many threads submit at once, every callback runs exactly once
// with a unique id, and messages queued during a sync share the next one.
#include <gtest/gtest.h>

#include <future>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "store/message_store.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

TEST_P(store_test, eight_threads_one_thousand_messages) {
  constexpr int threads = 8;
  constexpr int per_thread = 125;
  auto store = open_store();
  std::vector<std::atomic<int>> calls(std::size_t{threads} * per_thread);
  std::mutex ids_mutex;
  std::vector<std::int64_t> ids;
  std::atomic<int> failures{0};
  {
    std::vector<std::jthread> workers;
    workers.reserve(threads);
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = 0; i < per_thread; ++i) {
          const int n = t * per_thread + i;
          const bool first = store->submit(small_message(n), [&, n](bool ok, std::int64_t id) {
            ++calls[n];
            if (!ok) {
              ++failures;
            }
            const std::lock_guard lock(ids_mutex);
            ids.push_back(id);
          });
          if (first) {
            store->write_queued();  // what the event loop's posted write does
          }
        }
      });
    }
  }
  store->flush();
  for (auto& c : calls) {
    EXPECT_EQ(c.load(), 1);
  }
  EXPECT_EQ(failures.load(), 0);
  const std::set<std::int64_t> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(unique.count(0), 0u);

  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), ids.size());
  std::set<std::int64_t> listed;
  std::set<std::string> recipients;
  for (const auto& m : list) {
    listed.insert(m.id);
    recipients.insert(m.rcpt_to.at(0));
  }
  EXPECT_EQ(listed, unique);
  EXPECT_EQ(recipients.size(), list.size());
  const auto stats = store->stats();
  EXPECT_EQ(stats.messages_committed, 1000u);
  if (GetParam() == durability::fsync) {
    // A write takes microseconds and runs on the submitting thread, so with
    // durability::write groups form only under real contention; a sync is slow
    // enough that messages queued meanwhile always share the next one.
    EXPECT_LT(stats.groups_committed, 1000u) << "no two messages ever shared a sync";
  }
}

TEST_P(store_test, messages_queued_during_a_sync_share_the_next_one) {
  if (GetParam() != durability::fsync) {
    GTEST_SKIP() << "durability::write runs callbacks inside write_queued(): no sync to share";
  }
  auto store = open_store();
  std::latch first_committed(1), release_writer(1);
  // The first callback holds the sync thread, so the next 100 messages wait for one sync.
  EXPECT_TRUE(store->submit(small_message(0), [&](bool, std::int64_t) {
    first_committed.count_down();
    release_writer.wait();
  }));
  store->write_queued();
  first_committed.wait();
  std::atomic<int> ok{0};
  EXPECT_TRUE(store->submit(small_message(1), [&](bool good, std::int64_t) { ok += good; }));
  for (int i = 2; i <= 100; ++i) {  // a write is already due: no second one is asked for
    EXPECT_FALSE(store->submit(small_message(i), [&](bool good, std::int64_t) { ok += good; }));
  }
  store->record(session("s"));
  store->write_queued();  // one write for the whole batch
  release_writer.count_down();
  store->flush();
  EXPECT_EQ(ok.load(), 100);
  const auto stats = store->stats();
  EXPECT_EQ(stats.groups_committed, 2u);
  EXPECT_EQ(stats.messages_committed, 101u);
  EXPECT_EQ(stats.sessions_committed, 1u);
}

TEST_P(store_test, a_callback_may_submit_again) {
  auto store = open_store();
  std::promise<std::int64_t> second;
  store->submit(small_message(0), [&](bool, std::int64_t) {
    if (store->submit(small_message(1), [&](bool, std::int64_t id) { second.set_value(id); })) {
      store->write_queued();
    }
  });
  store->write_queued();
  EXPECT_GT(second.get_future().get(), 1);
}

}  // namespace
}  // namespace exomock::store::testing
