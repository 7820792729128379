// The journal in front of SQLite. submit() and record() only encode and queue;
// write_queued() appends the queue as one group; a sync thread (durability::fsync)
// runs one fdatasync per group and then the group's callbacks; an indexer thread
// at the lowest CPU priority applies the journal to SQLite whenever the CPU has
// nothing better to do, and deletes segments SQLite has absorbed.
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
#include "store/store_engine.hpp"

namespace exomock::store {

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
// wait for it (they apply the journal's tail themselves). A backlog of 256 MiB
// is indexed at once, so a steady load cannot grow the journal forever.
constexpr auto index_quiet = std::chrono::milliseconds(100);
constexpr std::int64_t index_backlog_bytes = std::int64_t{256} << 20;
constexpr std::size_t index_batch = 4096;

}  // namespace

struct journal_store final : store_engine {
  explicit journal_store(commit_signal& signal) : commits(signal) {}
  commit_signal& commits;
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
  std::int64_t indexed_bytes = 0;      // of journal->bytes_written(), how many SQLite holds (about)
  std::uint64_t index_passes_failed = 0;
  std::int64_t deleted_below = 0;  // the indexer's own: segments before this one are gone
  bool syncer_idle = false;        // the sync thread waits with no deadline: only a notify wakes it
  bool indexer_waiting = false;
  bool index_urgent = false;  // flush() waits for the indexer: no gathering
  bool stopping = false;
  store_stats counters;
  std::thread sync_thread;
  std::thread index_thread;

  ~journal_store() override;
  journal_store(const journal_store&) = delete;
  journal_store& operator=(const journal_store&) = delete;
  journal_store(journal_store&&) = delete;
  journal_store& operator=(journal_store&&) = delete;

  bool submit(captured_message message, done_callback done) override;
  void record(const session_record& session) override;
  void record(const sign_in_record& sign_in) override;
  void write_queued() override;
  void flush() override;
  [[nodiscard]] store_stats stats() const override;
  void queue_lazy(std::string frame, std::size_t sessions);
  template <typename Ready>
  bool wait_for_sync_work(std::unique_lock<std::mutex>& lock, Ready ready);
  void void_group(const std::vector<pending_done>& failed);
  void run_sync();
  void run_background_sync();
  void run_index();
  bool index_pass();
};

void journal_store::write_queued() {
  std::vector<pending_done> done_now;
  bool ok = true;
  bool visible = false;  // readers (which apply the journal) may now see the group
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
      counters.sessions_committed += queued_sessions;
    } else {
      ++counters.groups_failed;
      counters.messages_failed += queued.size();
      counters.last_error = std::move(error);
    }
    queued_sessions = 0;
    visible = ok && (options.durability == durability::write || queued.empty());
    if (ok && options.durability == durability::fsync) {
      if (!queued.empty()) {
        unsynced.insert(unsynced.end(), std::make_move_iterator(queued.begin()),
                        std::make_move_iterator(queued.end()));
        sync_wanted.notify_one();
      }
    } else {
      if (ok && !queued.empty()) {
        ++counters.groups_committed;
        counters.messages_committed += queued.size();
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
  if (!ok) {
    void_group(done_now);  // a write that failed half-way may have left whole frames
  }
  if (visible) {
    commits.notify();
  }
  run_all(done_now, ok);
}

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

// One indexing transaction; false when there is nothing left (or it failed).
bool journal_store::index_pass() {
  apply_result r;
  std::string error;
  bool ok = apply_journal_batch(*index, dir, index_batch, journal_scan::live, r, error);
  // Also when a reader applied the entries: the segments are SQLite's now either way.
  if (ok && r.applied.segment > deleted_below) {
    delete_applied_segments(dir, r.applied);  // before flush() hears of the pass
    deleted_below = r.applied.segment;
  }
  {
    const std::lock_guard lock(mutex);
    if (ok && r.entries == 0 && !r.more && r.applied < written) {
      // Everything before `written` was written whole, so a frame there that does
      // not decode is damage (the disk, or a hand on the file). The scan passes
      // over it once the segment is complete; until then, fail instead of spinning.
      ok = false;
      error = "journal segment " + std::to_string(r.applied.segment) + " is damaged at offset " +
              std::to_string(r.applied.offset) +
              "; what follows is indexed once the segment is complete";
    }
    if (ok) {
      indexed = r.applied;
      // A reader may have applied entries too: caught up means all of them.
      indexed_bytes = indexed < written ? indexed_bytes + r.bytes : journal->bytes_written();
      counters.entries_indexed += r.entries;
      counters.journal_bytes_skipped += r.skipped_bytes;
    } else {
      ++index_passes_failed;
      ++counters.index_failures;
      counters.last_index_error = std::move(error);
    }
  }
  progress.notify_all();
  return ok && r.more;
}

void journal_store::run_index() {
  lower_own_priority();
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex);
      indexer_waiting = true;
      index_wanted.wait(lock,
                        [&] { return stopping || indexed < written || index_passes_failed > 0; });
      indexer_waiting = false;
      const auto backlog_full = [&] {
        return journal->bytes_written() - indexed_bytes >= index_backlog_bytes;
      };
      while (!stopping && !index_urgent && indexed < written && !backlog_full() &&
             std::chrono::steady_clock::now() < last_write + index_quiet) {
        index_wanted.wait_until(lock, last_write + index_quiet);
      }
      index_urgent = false;
      const bool failing = index_passes_failed > 0;
      index_passes_failed = 0;  // a failed pass is retried once per wake-up
      // At shutdown a failing index is left for the next open() to recover.
      stop = stopping && (!(indexed < written) || failing);
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

std::unique_ptr<store_engine> open_journal_store(const std::filesystem::path& dir,
                                                 const store_options& options,
                                                 commit_signal& commits, std::string& error) {
  auto p = std::make_unique<journal_store>(commits);
  p->dir = dir;
  p->options = options;
  const int lock_fd = lock_journal(dir, error);
  if (lock_fd < 0) {
    return nullptr;
  }
  p->index = index_writer::open(dir / "exomock.sqlite3", error);
  // Recovery: whatever a previous run journaled but did not index goes in now.
  // With the lock held no one writes, so every segment is complete.
  apply_result recovered;
  std::int64_t max_id = 0;
  if (!p->index || !apply_journal(*p->index, dir, journal_scan::all_complete, recovered, error) ||
      !p->index->max_message_id(max_id, error)) {
    ::close(lock_fd);
    return nullptr;
  }
  p->counters.entries_recovered = recovered.entries;
  p->counters.journal_bytes_skipped = recovered.skipped_bytes;
  std::int64_t last_segment = recovered.applied.segment;
  for (const std::int64_t n : list_segments(journal_directory(dir))) {
    last_segment = std::max(last_segment, n);
  }
  // Every listed segment is applied now; the new run starts a fresh one.
  delete_applied_segments(dir, {last_segment + 1, 0});
  // The writer owns lock_fd from here on, and closes it even when open() fails.
  p->journal = journal_writer::open(dir, lock_fd, last_segment + 1, options.segment_bytes,
                                    options.durability == durability::fsync, error);
  if (!p->journal) {
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
  return p;
}

journal_store::~journal_store() {
  if (!index_thread.joinable()) {
    return;  // open_journal_store() failed: nothing was started
  }
  flush();
  {
    const std::lock_guard lock(mutex);
    stopping = true;
  }
  sync_wanted.notify_all();
  index_wanted.notify_all();
  if (sync_thread.joinable()) {
    sync_thread.join();
  }
  index_thread.join();
  // After a clean stop SQLite holds everything: the journal's files go too
  // (while the lock is still held, so no new server reads them meanwhile).
  if (!(indexed < written)) {
    delete_applied_segments(dir, {written.segment + 1, 0});
  }
  journal.reset();  // removes the standby segment, releases the lock
}

bool journal_store::submit(captured_message message, done_callback done) {
  const std::int64_t id = next_id++;
  std::string frame = encode_frame(journaled_message{id, std::move(message)});
  const std::lock_guard lock(mutex);
  frames.push_back(std::move(frame));
  queued.push_back({id, std::move(done)});
  const bool first = !write_scheduled;
  write_scheduled = true;
  return first;
}

// Sessions and sign-ins wait up to lazy_window for a message group to ride along
// with, so a connection that sends one message costs one write and one sync, not two.
void journal_store::queue_lazy(std::string frame, std::size_t sessions) {
  const std::lock_guard lock(mutex);
  frames.push_back(std::move(frame));
  queued_sessions += sessions;
  if (!lazy_pending) {
    lazy_pending = true;
    lazy_since = std::chrono::steady_clock::now();
    if (syncer_idle) {
      sync_wanted.notify_one();  // starts the sync thread's lazy timer
    }
  }
}

void journal_store::record(const session_record& session) {
  queue_lazy(encode_frame(session), 1);
}

void journal_store::record(const sign_in_record& sign_in) {
  queue_lazy(encode_frame(sign_in), 0);
}

void journal_store::flush() {
  write_queued();
  std::unique_lock lock(mutex);
  progress.wait(lock, [&] { return unsynced.empty() && !syncing; });
  const journal_position target = written;
  const std::uint64_t failures_before = counters.index_failures;
  lock.unlock();
  std::string ignored;
  journal->sync(ignored);  // session-only groups have no sync of their own
  lock.lock();
  index_urgent = true;
  index_wanted.notify_one();
  progress.wait(lock,
                [&] { return !(indexed < target) || counters.index_failures > failures_before; });
}

store_stats journal_store::stats() const {
  const std::lock_guard lock(mutex);
  return counters;
}

}  // namespace exomock::store
