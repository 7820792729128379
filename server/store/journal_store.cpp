// The queue in front of the journal. submit() and record() only encode and
// queue; write_queued() appends the queue as one group and, with
// durability::write, runs its callbacks at once (journal_sync.cpp makes the
// groups durable; index_thread.cpp moves them into SQLite). open() first
// applies whatever a crashed run journaled but did not index.
#include "store/journal_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <utility>

#include "store/journal_applier.hpp"
#include "store/journal_record.hpp"

namespace exomock::store {

void run_all(std::vector<pending_done>& dones, bool ok, latency_histogram& latency) {
  const auto now = std::chrono::steady_clock::now();
  for (pending_done& d : dones) {
    if (ok) {
      latency.observe(now - d.queued_at);
    }
    if (d.done) {
      d.done(ok, ok ? d.id : 0);
    }
  }
  dones.clear();
}

void journal_store::write_queued() {
  std::vector<pending_done> done_now;
  std::vector<std::function<void(bool)>> records_now;
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
    records_now.swap(records_awaited);
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
  if (visible || (ok && !records_now.empty())) {
    commits.notify();
  }
  // Written is enough for a session record: readers apply the journal as written.
  for (const auto& written : records_now) {
    written(ok);
  }
  run_all(done_now, ok, commit_latency);
}

std::unique_ptr<journal_store> journal_store::open(const std::filesystem::path& dir,
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
  if (recovered.stopped) {
    // What follows the frame is not indexed: deleting the segments would lose it.
    error = recovered.foreign.back();
    ::close(lock_fd);
    return nullptr;
  }
  p->counters.entries_recovered = recovered.entries;
  p->counters.journal_bytes_skipped = recovered.skipped_bytes;
  p->counters.foreign_frames = std::move(recovered.foreign);
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
    return;  // open() failed: nothing was started
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
  // A large body goes to the journal from the string it arrived in (the frame's
  // pieces are written one after the other), not from a copy.
  std::vector<std::string> pieces = encode_frame_pieces(journaled_message{id, std::move(message)});
  const std::lock_guard lock(mutex);
  frames.insert(frames.end(), std::make_move_iterator(pieces.begin()),
                std::make_move_iterator(pieces.end()));
  queued.push_back({id, std::move(done), std::chrono::steady_clock::now()});
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

bool journal_store::record(const session_record& session, std::function<void(bool ok)> written) {
  std::string frame = encode_frame(session);
  const std::lock_guard lock(mutex);
  frames.push_back(std::move(frame));
  ++queued_sessions;
  records_awaited.push_back(std::move(written));
  const bool first = !write_scheduled;
  write_scheduled = true;
  return first;
}

void journal_store::record(const fault_counts_record& counts) {
  std::string frame = encode_frame(counts);
  {
    const std::lock_guard lock(mutex);
    frames.push_back(std::move(frame));
  }
  write_queued();  // now, with the group queued so far
}

void journal_store::record(const sign_in_record& sign_in) {
  queue_lazy(encode_frame(sign_in), 0);
}

void journal_store::record(const admin_record& change) {
  queue_lazy(encode_frame(change), 0);
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

journal_position journal_store::written_end() const {
  const std::lock_guard lock(mutex);
  return written;
}

store_stats journal_store::stats() const {
  const std::lock_guard lock(mutex);
  return counters;
}

}  // namespace exomock::store
