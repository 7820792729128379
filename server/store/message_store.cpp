// The journal in front of SQLite. submit() and record() only encode and queue;
// write_queued() appends the queue as one group; a sync thread (durability::fsync)
// runs one fdatasync per group and then the group's callbacks; an indexer thread
// at the lowest CPU priority applies the journal to SQLite whenever the CPU has
// nothing better to do, and deletes segments SQLite has absorbed.
#include "store/message_store.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

#include "store/index_writer.hpp"
#include "store/journal_indexer.hpp"
#include "store/journal_record.hpp"
#include "store/journal_writer.hpp"

namespace exomock::store {

using done_callback = std::function<void(bool ok, std::int64_t id)>;

namespace {

struct pending_done {
  std::int64_t id = 0;
  done_callback done;
};

void run_all(std::vector<pending_done>& dones, bool ok) {
  for (pending_done& d : dones) {
    if (d.done) {
      d.done(ok, ok ? d.id : 0);
    }
  }
  dones.clear();
}

// Indexing is bookkeeping, never worth slowing a client down for: nice 19
// gives the thread CPU time only when the connection and sync threads leave some.
void lower_own_priority() {
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  ::setpriority(PRIO_PROCESS, tid, 19);
}

constexpr auto lazy_window = std::chrono::milliseconds(200);
constexpr auto background_sync_delay = std::chrono::milliseconds(50);
// The indexer waits for a pause this long in the writes before a pass: while
// clients are sending, every CPU cycle is theirs, and a burst is indexed
// afterwards in a few large transactions (one SQLite fsync each). Readers do not
// wait for it (they apply the journal's tail themselves). A backlog of a full
// few segments is indexed at once, so a steady load cannot grow the journal forever.
constexpr auto index_quiet = std::chrono::milliseconds(100);
constexpr std::int64_t index_backlog_segments = 4;
constexpr std::size_t index_batch = 4096;

}  // namespace

struct message_store::impl {
  std::filesystem::path dir;
  store_options options;
  std::unique_ptr<index_writer> index;  // the indexer thread's, after open()
  std::unique_ptr<journal_writer> journal;
  std::atomic<std::int64_t> next_id{1};

  mutable std::mutex mutex;
  std::condition_variable sync_wanted;   // wakes the sync thread
  std::condition_variable index_wanted;  // wakes the indexer
  std::condition_variable progress;      // wakes flush()
  std::vector<std::string> frames;       // queued, not yet written
  std::vector<pending_done> queued;      // callbacks of the queued messages
  std::size_t queued_sessions = 0;
  bool write_scheduled = false;
  bool lazy_pending = false;  // session or sign-in frames queued without a message
  std::chrono::steady_clock::time_point lazy_since;
  std::chrono::steady_clock::time_point last_write;
  std::vector<pending_done> unsynced;  // written, waiting for the sync thread
  bool syncing = false;                // the sync thread is between taking and finishing a group
  journal_position written;            // the journal's end after the last write
  journal_position indexed;            // how far the indexer has applied
  std::uint64_t index_passes_failed = 0;
  std::int64_t deleted_below = 0;  // the indexer's own: segments before this one are gone
  bool syncer_idle = false;        // durability::write: the background syncer waits for a write
  bool indexer_waiting = false;
  bool indexer_idle = false;  // waiting with no deadline: only a notify wakes it
  bool index_urgent = false;  // flush() waits for the indexer: no gathering
  bool stopping = false;
  store_stats stats;
  std::thread sync_thread;
  std::thread index_thread;

  void write_queued();
  void queue_lazy(std::string frame, std::size_t sessions);
  void run_sync();
  void run_background_sync();
  void run_index();
  bool index_pass();
};

void message_store::impl::write_queued() {
  std::vector<pending_done> done_now;
  bool ok = true;
  {
    std::unique_lock lock(mutex);
    write_scheduled = false;
    lazy_pending = false;
    if (frames.empty()) {
      return;
    }
    std::string error;
    // Under the lock, so groups reach the journal in the order they were queued.
    ok = journal->append(frames, error);
    frames.clear();
    if (ok) {
      written = journal->end();
      last_write = std::chrono::steady_clock::now();
      stats.sessions_committed += queued_sessions;
    } else {
      ++stats.groups_failed;
      stats.messages_failed += queued.size();
      stats.last_error = std::move(error);
    }
    queued_sessions = 0;
    if (ok && options.durability == durability::fsync) {
      if (!queued.empty()) {
        unsynced.insert(unsynced.end(), std::make_move_iterator(queued.begin()),
                        std::make_move_iterator(queued.end()));
        sync_wanted.notify_one();
      }
    } else {
      if (ok && !queued.empty()) {
        ++stats.groups_committed;
        stats.messages_committed += queued.size();
      }
      done_now.swap(queued);
      if (ok && syncer_idle) {
        sync_wanted.notify_one();
      }
    }
    queued.clear();
    if (ok && indexer_waiting) {
      index_wanted.notify_one();
    }
  }
  run_all(done_now, ok);
}

void message_store::impl::run_sync() {
  std::vector<pending_done> group;
  for (;;) {
    {
      std::unique_lock lock(mutex);
      sync_wanted.wait(lock, [&] { return stopping || !unsynced.empty(); });
      if (unsynced.empty()) {
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
        ++stats.groups_committed;
        stats.messages_committed += group.size();
      } else {
        ++stats.groups_failed;
        stats.messages_failed += group.size();
        stats.last_error = std::move(error);
      }
    }
    run_all(group, ok);  // only now may the sessions send their 250s
    {
      const std::lock_guard lock(mutex);
      syncing = false;
    }
    progress.notify_all();
  }
}

// durability::write: the 250s went out when the write returned; this makes the
// same bytes survive a power cut too, at most background_sync_delay later.
void message_store::impl::run_background_sync() {
  journal_position synced;
  for (;;) {
    std::unique_lock lock(mutex);
    syncer_idle = true;
    sync_wanted.wait(lock, [&] { return stopping || synced < written; });
    syncer_idle = false;
    if (!(synced < written)) {
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
    stats.last_error = std::move(error);
    sync_wanted.wait_for(lock, background_sync_delay, [&] { return stopping; });
    if (stopping) {
      return;  // flush() already tried; nothing more to do
    }
  }
}

// One indexing transaction; false when there is nothing left (or it failed).
bool message_store::impl::index_pass() {
  journal_position applied;
  std::size_t entries = 0;
  std::string error;
  const bool ok = apply_journal_batch(*index, dir, index_batch, applied, entries, error);
  // Also when a reader applied the entries: the segments are SQLite's now either way.
  if (ok && applied.segment > deleted_below) {
    delete_applied_segments(dir, applied);  // before flush() hears of the pass
    deleted_below = applied.segment;
  }
  {
    const std::lock_guard lock(mutex);
    if (ok) {
      indexed = applied;
      stats.entries_indexed += entries;
    } else {
      ++index_passes_failed;
      ++stats.index_failures;
      stats.last_index_error = std::move(error);
    }
  }
  progress.notify_all();
  return ok && entries == index_batch;
}

void message_store::impl::run_index() {
  lower_own_priority();
  for (;;) {
    bool write_lazy = false;
    bool stop = false;
    {
      std::unique_lock lock(mutex);
      const auto work = [&] {
        return stopping || indexed < written || index_passes_failed > 0 ||
               (lazy_pending && std::chrono::steady_clock::now() >= lazy_since + lazy_window);
      };
      indexer_waiting = true;
      while (!work()) {
        if (lazy_pending) {
          index_wanted.wait_until(lock, lazy_since + lazy_window);
        } else {
          indexer_idle = true;
          index_wanted.wait(lock);
          indexer_idle = false;
        }
      }
      indexer_waiting = false;
      const auto backlog_full = [&] {
        return written.segment - indexed.segment >= index_backlog_segments;
      };
      while (!stopping && !index_urgent && indexed < written && !backlog_full() &&
             std::chrono::steady_clock::now() < last_write + index_quiet) {
        index_wanted.wait_until(lock, last_write + index_quiet);
      }
      index_urgent = false;
      const bool failing = index_passes_failed > 0;
      index_passes_failed = 0;  // a failed pass is retried once per wake-up
      write_lazy = lazy_pending &&
                   (stopping || std::chrono::steady_clock::now() >= lazy_since + lazy_window);
      // At shutdown a failing index is left for the next open() to recover.
      stop = stopping && frames.empty() && (!(indexed < written) || failing);
    }
    if (write_lazy) {
      write_queued();
    }
    if (stop) {
      return;
    }
    while (index_pass()) {
    }
    // A failed pass is retried after a pause, not in a tight loop.
    std::unique_lock lock(mutex);
    if (index_passes_failed > 0 && !stopping) {
      index_wanted.wait_for(lock, std::chrono::milliseconds(100));
    }
  }
}

std::unique_ptr<message_store> message_store::open(const std::filesystem::path& dir,
                                                   std::string& error) {
  return open(dir, store_options{}, error);
}

std::unique_ptr<message_store> message_store::open(const std::filesystem::path& dir,
                                                   const store_options& options,
                                                   std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error = "cannot create data directory " + dir.string() + ": " + ec.message();
    return nullptr;
  }
  auto p = std::make_unique<impl>();
  p->dir = dir;
  p->options = options;
  const int lock_fd = lock_journal(dir, error);
  if (lock_fd < 0) {
    return nullptr;
  }
  p->index = index_writer::open(dir / "exomock.sqlite3", error);
  // Recovery: whatever a previous run journaled but did not index goes in now.
  journal_position applied;
  std::int64_t max_id = 0;
  if (!p->index || !apply_journal(*p->index, dir, applied, error) ||
      !p->index->max_message_id(max_id, error)) {
    ::close(lock_fd);
    return nullptr;
  }
  std::int64_t last_segment = applied.segment;
  for (const std::int64_t n : list_segments(journal_directory(dir))) {
    last_segment = std::max(last_segment, n);
  }
  // Every listed segment is applied now; the new run starts a fresh one.
  delete_applied_segments(dir, {last_segment + 1, 0});
  p->journal = journal_writer::open(dir, lock_fd, last_segment + 1, options.segment_bytes,
                                    options.durability == durability::fsync, error);
  if (!p->journal) {
    ::close(lock_fd);
    return nullptr;
  }
  p->next_id = max_id + 1;
  p->written = p->journal->end();
  p->indexed = p->written;  // nothing of this run's segment is unindexed yet
  if (options.durability == durability::fsync) {
    p->sync_thread = std::thread([raw = p.get()] { raw->run_sync(); });
  } else {
    p->sync_thread = std::thread([raw = p.get()] { raw->run_background_sync(); });
  }
  p->index_thread = std::thread([raw = p.get()] { raw->run_index(); });
  return std::unique_ptr<message_store>(new message_store(std::move(p)));
}

message_store::message_store(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

message_store::~message_store() {
  flush();
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->sync_wanted.notify_all();
  impl_->index_wanted.notify_all();
  if (impl_->sync_thread.joinable()) {
    impl_->sync_thread.join();
  }
  impl_->index_thread.join();
  // After a clean stop SQLite holds everything: the journal's files go too
  // (while the lock is still held, so no new server reads them meanwhile).
  if (!(impl_->indexed < impl_->written)) {
    delete_applied_segments(impl_->dir, {impl_->written.segment + 1, 0});
  }
  impl_->journal.reset();  // removes the standby segment, releases the lock
}

bool message_store::submit(captured_message message, done_callback done) {
  const std::int64_t id = impl_->next_id++;
  std::string frame = encode_frame(journaled_message{id, std::move(message)});
  const std::lock_guard lock(impl_->mutex);
  impl_->frames.push_back(std::move(frame));
  impl_->queued.push_back({id, std::move(done)});
  const bool first = !impl_->write_scheduled;
  impl_->write_scheduled = true;
  return first;
}

// Sessions and sign-ins wait up to lazy_window for a message group to ride along
// with, so a connection that sends one message costs one write and one sync, not two.
void message_store::impl::queue_lazy(std::string frame, std::size_t sessions) {
  const std::lock_guard lock(mutex);
  frames.push_back(std::move(frame));
  queued_sessions += sessions;
  if (!lazy_pending) {
    lazy_pending = true;
    lazy_since = std::chrono::steady_clock::now();
    if (indexer_idle) {
      index_wanted.notify_one();  // starts the indexer's lazy timer
    }
  }
}

void message_store::record(const session_record& session) {
  impl_->queue_lazy(encode_frame(session), 1);
}

void message_store::record(const sign_in_record& sign_in) {
  impl_->queue_lazy(encode_frame(sign_in), 0);
}

void message_store::write_queued() {
  impl_->write_queued();
}

void message_store::flush() {
  impl_->write_queued();
  std::unique_lock lock(impl_->mutex);
  impl_->progress.wait(lock, [&] { return impl_->unsynced.empty() && !impl_->syncing; });
  const journal_position target = impl_->written;
  const std::uint64_t failures_before = impl_->stats.index_failures;
  lock.unlock();
  std::string ignored;
  impl_->journal->sync(ignored);  // session-only groups have no sync of their own
  lock.lock();
  impl_->index_urgent = true;
  impl_->index_wanted.notify_one();
  impl_->progress.wait(lock, [&] {
    return !(impl_->indexed < target) || impl_->stats.index_failures > failures_before;
  });
}

store_stats message_store::stats() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

}  // namespace exomock::store
