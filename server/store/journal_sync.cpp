// Making journal groups durable. With durability::fsync the sync thread runs
// one fdatasync per group and only then the group's callbacks (the 250s);
// with durability::write the callbacks have run already and a background sync
// follows within background_sync_delay, so the same bytes soon survive a power
// cut too. Either thread also writes session and sign-in records that waited
// lazy_window for a message group in vain.
#include <chrono>
#include <utility>

#include "store/journal_record.hpp"
#include "store/journal_store.hpp"

namespace exomock::store {

namespace {

constexpr auto background_sync_delay = std::chrono::milliseconds(50);

}  // namespace

// The sync thread also writes session and sign-in records that waited
// lazy_window for a message group in vain (not the indexer: at nice 19 it could
// be held off the CPU while it held the store's mutex).
template <typename Ready>
bool journal_store::wait_for_sync_work(std::unique_lock<std::mutex>& lock, Ready ready) {
  for (;;) {
    if (ready()) {
      return true;
    }
    if (lazy_pending && std::chrono::steady_clock::now() >= lazy_since + lazy_window) {
      lock.unlock();
      write_queued();
      lock.lock();
      continue;
    }
    if (stopping) {
      return false;
    }
    if (lazy_pending) {
      sync_wanted.wait_until(lock, lazy_since + lazy_window);
    } else {
      syncer_idle = true;
      sync_wanted.wait(lock);
      syncer_idle = false;
    }
  }
}

// A group whose sync failed: its clients hear ok=false, and a void entry takes
// the messages out of SQLite again should its frames be applied anyway.
void journal_store::void_group(const std::vector<pending_done>& failed) {
  void_record v;
  for (const pending_done& d : failed) {
    v.ids.push_back(d.id);
  }
  if (v.ids.empty()) {
    return;
  }
  std::string frame = encode_frame(v);
  {
    const std::lock_guard lock(mutex);
    frames.push_back(std::move(frame));
  }
  write_queued();
}

void journal_store::run_sync() {
  std::vector<pending_done> group;
  for (;;) {
    {
      std::unique_lock lock(mutex);
      if (!wait_for_sync_work(lock, [&] { return !unsynced.empty(); })) {
        return;  // stopping, and nothing waits for a sync
      }
      group.swap(unsynced);
      syncing = true;
    }
    // Everything in `group` was appended before this call, so this one sync covers it.
    std::string error;
    const bool ok = journal->sync(error);
    {
      const std::lock_guard lock(mutex);
      if (ok) {
        ++counters.groups_committed;
        counters.messages_committed += group.size();
      } else {
        ++counters.groups_failed;
        counters.messages_failed += group.size();
        counters.last_error = std::move(error);
      }
    }
    if (ok) {
      commits.notify();
    } else {
      void_group(group);
    }
    run_all(group, ok, commit_latency);  // only now may the sessions send their 250s
    {
      const std::lock_guard lock(mutex);
      syncing = false;
    }
    progress.notify_all();
  }
}

// durability::write: the 250s went out when the write returned; this makes the
// same bytes survive a power cut too, at most background_sync_delay later.
void journal_store::run_background_sync() {
  journal_position synced;
  for (;;) {
    std::unique_lock lock(mutex);
    if (!wait_for_sync_work(lock, [&] { return synced < written; })) {
      return;  // stopping, and everything written is synced
    }
    // Let the writes of the next few milliseconds share this sync.
    sync_wanted.wait_for(lock, background_sync_delay, [&] { return stopping; });
    const journal_position target = written;
    lock.unlock();
    std::string error;
    if (journal->sync(error)) {
      synced = target;
      continue;
    }
    lock.lock();
    counters.last_error = std::move(error);
    synced = target;  // Linux reports a lost write once: a retry would only pretend
  }
}

}  // namespace exomock::store
