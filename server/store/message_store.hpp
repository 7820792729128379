// The durable capture. An accepted message is appended to the journal
// (DATA/journal, preallocated segment files) in a group with every other
// message queued at that moment, and its `done` runs once the group is
// durable: after one fdatasync shared by the group (durability::fsync), or
// as soon as the write returned (durability::write: the bytes are in the
// kernel, so only a machine crash, not a crash of exomock, could lose them).
// A background indexer thread at the lowest CPU priority then moves journal
// entries into SQLite (WAL, DATA/exomock.sqlite3), which the readers query;
// readers first apply whatever the indexer has not reached yet.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/admin_record.hpp"
#include "store/captured_message.hpp"
#include "store/commit_signal.hpp"
#include "store/fault_firing_log.hpp"
#include "store/journal_writer.hpp"
#include "store/latency_histogram.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// When a message counts as stored, i.e. when its 250 may be sent.
enum class durability {
  fsync,  ///< after the journal group is fdatasync'd: survives a power cut
  write,  ///< after the journal group is written: survives exomock being killed
};

struct store_options {
  store::durability durability = durability::write;
  std::size_t segment_bytes = std::size_t{64} << 20;  ///< journal segment size
};

/// Counters since open(), for logs and benchmarks.
struct store_stats {
  std::uint64_t groups_committed = 0;  ///< journal groups made durable
  std::uint64_t groups_failed = 0;  ///< groups whose write or sync failed: callbacks got ok=false
  std::uint64_t messages_committed = 0;
  std::uint64_t messages_failed = 0;
  std::uint64_t sessions_committed = 0;  ///< session records written to the journal
  std::string last_error;                ///< the latest journal failure, "" if none
  std::uint64_t entries_indexed = 0;     ///< journal entries moved into SQLite by the indexer
  std::uint64_t index_failures = 0;      ///< indexing transactions that failed (retried later)
  std::string last_index_error;          ///< SQLite's text for the latest failure, "" if none
  std::uint64_t entries_recovered = 0;   ///< applied at open() from a run that did not stop cleanly
  std::int64_t journal_bytes_skipped = 0;  ///< damaged or torn journal bytes passed over
  /// Frames a newer exomock wrote, passed over at open: one warning each.
  std::vector<std::string> foreign_frames;
};

struct journal_store;

class message_store {
 public:
  /// Opens (creating if needed) DIR/exomock.sqlite3 and DIR/journal, first applying
  /// any journal entries a crashed run left unindexed. Takes the journal's lock:
  /// one server per data directory. On failure returns nullptr and sets `error`.
  static std::unique_ptr<message_store> open(const std::filesystem::path& dir, std::string& error);
  static std::unique_ptr<message_store> open(const std::filesystem::path& dir,
                                             const store_options& options, std::string& error);
  ~message_store();  ///< writes and syncs what is queued, indexes it, joins the threads
  message_store(const message_store&) = delete;
  message_store& operator=(const message_store&) = delete;

  /// Queues the message and gives it its id. It is written by the next
  /// write_queued(); `done(ok, id)` runs when its group is durable (ok) or failed:
  /// inside write_queued() with durability::write, on the sync thread with
  /// durability::fsync. `done` must not throw, nor call flush().
  /// Returns true when nothing else was queued: the caller should arrange a
  /// write_queued() call (an event loop posts one, so a whole batch of ready
  /// connections shares one write and one fsync).
  bool submit(captured_message message, std::function<void(bool ok, std::int64_t id)> done);
  /// Queues a finished session's record; fire and forget (written with the next
  /// group, or within 200 ms).
  void record(const session_record& session);
  /// Queues a finished session's record to be written with the next write_queued()
  /// (which the caller arranges when this returns true, as for submit()); `written(ok)`
  /// runs once it is in the journal, so readers see it and the sign-ins queued before
  /// it: a connection waits for it before its final reply (221, or a 421 that closes).
  /// `written` runs inside write_queued(), on the caller's thread; it must not throw.
  bool record(const session_record& session, std::function<void(bool ok)> written);
  /// Queues one sign-in event; fire and forget, like a session record.
  void record(const sign_in_record& sign_in);
  /// Queues one admin change; flush() after it makes it readable at once.
  void record(const admin_record& change);
  /// Writes the [[fault]] rules' counts to the journal before it returns (so the
  /// reply whose rule they count goes out after them), with whatever else is queued.
  void record(const fault_counts_record& counts);
  /// Appends everything queued to the journal in one write. Thread-safe.
  void write_queued();
  /// Blocks until everything queued so far is durable and indexed into SQLite
  /// (or failed: see stats()); for shutdown and tests.
  void flush();
  /// A snapshot of the counters.
  [[nodiscard]] store_stats stats() const;
  /// Where the journal ends now: the server's own readers apply it up to there
  /// before a query (journal_end.hpp).
  [[nodiscard]] journal_position journal_end() const;
  /// Each stored message's time from submit() to its `done`: what its 250 waited for.
  [[nodiscard]] const latency_histogram& commit_latency() const;
  /// Notified each time a group of messages or records has become visible to
  /// readers (message_reader): what a request that waits for a message waits on.
  commit_signal& commits() { return commits_; }

 private:
  message_store() = default;
  commit_signal commits_;  // declared first: the threads notify it until they are joined
  std::unique_ptr<journal_store> impl_;
};

}  // namespace exomock::store
