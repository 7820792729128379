// What message_store runs on: the queue in front of the journal, the sync
// thread and the indexer thread, and the state they share under one mutex.
// Its member functions live in three files, one per thread's job:
// journal_store.cpp (queue, group write, open and close), journal_sync.cpp
// (making groups durable) and index_thread.cpp (moving the journal into SQLite).
// Internal to store/.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/admin_record.hpp"
#include "store/captured_message.hpp"
#include "store/commit_signal.hpp"
#include "store/index_writer.hpp"
#include "store/journal_writer.hpp"
#include "store/latency_histogram.hpp"
#include "store/message_store.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

using done_callback = std::function<void(bool ok, std::int64_t id)>;

/// A queued message's id and the callback that sends its 250.
struct pending_done {
  std::int64_t id = 0;
  done_callback done;
  std::chrono::steady_clock::time_point queued_at;  ///< for the commit latency
};

/// Session and sign-in records wait this long for a message group to ride along
/// with, so a connection that sends one message costs one write and one sync.
constexpr auto lazy_window = std::chrono::milliseconds(200);

/// Runs the callbacks (ok or not) and empties the list; `latency` sees each
/// successful message's time from submit() to its callback.
void run_all(std::vector<pending_done>& dones, bool ok, latency_histogram& latency);

struct journal_store {
  /// Recovers what a crashed run journaled, then starts the threads; null on failure.
  static std::unique_ptr<journal_store> open(const std::filesystem::path& dir,
                                             const store_options& options, commit_signal& commits,
                                             std::string& error);
  explicit journal_store(commit_signal& signal) : commits(signal) {}
  ~journal_store();  ///< writes, syncs and indexes what is queued, joins the threads
  journal_store(const journal_store&) = delete;
  journal_store& operator=(const journal_store&) = delete;
  journal_store(journal_store&&) = delete;
  journal_store& operator=(journal_store&&) = delete;

  // message_store's operations (journal_store.cpp).
  bool submit(captured_message message, done_callback done);
  void record(const session_record& session);
  bool record(const session_record& session, std::function<void(bool ok)> written);
  void record(const sign_in_record& sign_in);
  void record(const admin_record& change);
  void record(const fault_counts_record& counts);
  void write_queued();
  void flush();
  [[nodiscard]] store_stats stats() const;
  [[nodiscard]] journal_position written_end() const;
  void queue_lazy(std::string frame, std::size_t sessions);

  // The sync thread (journal_sync.cpp).
  template <typename Ready>
  bool wait_for_sync_work(std::unique_lock<std::mutex>& lock, Ready ready);
  void void_group(const std::vector<pending_done>& failed);
  void run_sync();
  void run_background_sync();

  // The indexer thread (index_thread.cpp).
  void run_index();
  bool index_pass();
  bool backfill_pass();

  commit_signal& commits;  // notified once a group is durable, so readers may see it
  std::filesystem::path dir;
  store_options options;
  std::unique_ptr<index_writer> index;  // the indexer thread's, after open()
  std::unique_ptr<journal_writer> journal;
  std::atomic<std::int64_t> next_id{1};

  mutable std::mutex mutex;
  std::condition_variable sync_wanted;   // wakes the sync thread
  std::condition_variable index_wanted;  // wakes the indexer
  std::condition_variable progress;      // wakes flush()
  std::vector<std::string> frames;       // queued, not yet written (a large message: 3 pieces)
  std::vector<pending_done> queued;      // callbacks of the queued messages
  std::vector<std::function<void(bool)>> records_awaited;  // session records a 221 waits for
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
  bool mailbox_filled = false;  // no row from before the mailbox view is left (or it failed)
  bool index_urgent = false;    // flush() waits for the indexer: no gathering
  bool stopping = false;
  store_stats counters;
  latency_histogram commit_latency;
  std::thread sync_thread;
  std::thread index_thread;
};

}  // namespace exomock::store
