// The indexer thread: applies the journal to SQLite at the lowest CPU
// priority, once the writes pause or a backlog builds up, and deletes the
// segments SQLite has absorbed (journal_applier.cpp does the reading and
// applying).
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "store/journal_applier.hpp"
#include "store/journal_store.hpp"

namespace exomock::store {

namespace {

// Indexing is bookkeeping, never worth slowing a client down for: nice 19
// gives the thread CPU time only when the connection and sync threads leave some.
void lower_own_priority() {
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  ::setpriority(PRIO_PROCESS, tid, 19);
}

// The indexer waits for a pause this long in the writes before a pass: while
// clients are sending, every CPU cycle is theirs, and a burst is indexed
// afterwards in a few large transactions (one SQLite fsync each). Readers do not
// wait for it (they apply the journal's tail themselves). A backlog of 256 MiB
// is indexed at once, so a steady load cannot grow the journal forever.
constexpr auto index_quiet = std::chrono::milliseconds(100);
constexpr std::int64_t index_backlog_bytes = std::int64_t{256} << 20;
constexpr std::size_t index_batch = 4096;
// Rows from before the mailbox view are parsed this many per transaction.
constexpr std::size_t backfill_batch = 256;

}  // namespace

// One indexing transaction; false when there is nothing left (or it failed).
bool journal_store::index_pass() {
  // What was written before the scan began: a frame written during it may be
  // missed by the scan, and is no sign of damage.
  journal_position written_before;
  {
    const std::lock_guard lock(mutex);
    written_before = written;
  }
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
    if (ok && r.stopped) {
      ok = false;  // a frame this build cannot read; it is no one else's to apply
      error = r.foreign.back();
    } else if (ok && r.entries == 0 && !r.more && r.applied < written_before) {
      // Everything before `written` was written whole, so a frame there that does
      // not decode is damage (the disk, or a hand on the file). The scan passes
      // over it once the segment is complete; until then, fail instead of spinning.
      ok = false;
      error = position_text(r.applied) +
              " is damaged; what follows is indexed once the segment is complete";
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

// One batch of the mailbox view for rows written before it (schema step 6), only
// while the journal is fully indexed, so new messages always go first. False
// when no row is left, or on a failure (recorded; not retried in this run).
bool journal_store::backfill_pass() {
  {
    const std::lock_guard lock(mutex);
    if (stopping || mailbox_filled || indexed < written) {
      return false;
    }
  }
  std::size_t filled = 0;
  std::string error;
  const bool ok = index->fill_mailbox_batch(backfill_batch, filled, error);
  const std::lock_guard lock(mutex);
  if (!ok) {
    ++counters.index_failures;
    counters.last_index_error = "filling the mailbox view: " + error;
  }
  mailbox_filled = !ok || filled == 0;
  return !mailbox_filled;
}

void journal_store::run_index() {
  lower_own_priority();
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex);
      indexer_waiting = true;
      index_wanted.wait(lock, [&] {
        return stopping || indexed < written || index_passes_failed > 0 || !mailbox_filled;
      });
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
    while (backfill_pass()) {
    }
    // A failed pass is retried after a pause, not in a tight loop.
    std::unique_lock lock(mutex);
    if (index_passes_failed > 0 && !stopping) {
      index_wanted.wait_for(lock, std::chrono::milliseconds(100));
    }
  }
}

}  // namespace exomock::store
