// The plain SQLite engine: SQLite's WAL is the commit point. submit() and
// record() only queue; a writer thread takes everything queued at once and
// inserts it in one transaction, then runs the messages' callbacks, so every
// message queued while a COMMIT runs goes into the next one (group commit).
// durability::write runs with synchronous=NORMAL: a COMMIT's WAL frames are in
// the kernel when it returns, so a killed exomock loses nothing, and only a
// power cut can lose the commits since the last checkpoint. durability::fsync
// runs with synchronous=FULL: the WAL is fsync'd at every COMMIT.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "store/index_writer.hpp"
#include "store/journal_indexer.hpp"
#include "store/journal_record.hpp"
#include "store/journal_writer.hpp"
#include "store/store_engine.hpp"

namespace exomock::store {

namespace {

// Session and sign-in records wait this long for a message group to ride along
// with, so a one-message connection costs one COMMIT, not two.
constexpr auto lazy_window = std::chrono::milliseconds(200);

struct pending_done {
  std::int64_t id = 0;
  done_callback done;
};

class sqlite_store final : public store_engine {
 public:
  explicit sqlite_store(commit_signal& commits) : commits_(commits) {}
  ~sqlite_store() override;
  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;
  sqlite_store(sqlite_store&&) = delete;
  sqlite_store& operator=(sqlite_store&&) = delete;

  bool open(const std::filesystem::path& dir, const store_options& options, std::string& error);
  bool submit(captured_message message, done_callback done) override;
  void record(const session_record& session) override { queue(session, 1); }
  void record(const sign_in_record& sign_in) override { queue(sign_in, 0); }
  void write_queued() override;
  void flush() override;
  [[nodiscard]] store_stats stats() const override;

 private:
  void queue(journal_entry entry, std::size_t sessions);
  void run();
  bool wait_for_group(std::unique_lock<std::mutex>& lock);
  bool write_group(std::span<const journal_entry> group, std::string& error);
  void count_group(bool ok, std::size_t entries, std::size_t messages, std::size_t sessions,
                   std::string error);

  commit_signal& commits_;
  std::unique_ptr<index_writer> index_;
  int lock_fd_ = -1;
  std::atomic<std::int64_t> next_id_{1};

  mutable std::mutex mutex_;
  std::condition_variable work_wanted_;  // wakes the writer
  std::condition_variable group_done_;   // wakes flush()
  std::vector<journal_entry> entries_;   // queued, in order
  std::vector<pending_done> dones_;      // callbacks of the queued messages
  std::size_t queued_sessions_ = 0;
  std::uint64_t queued_ = 0;      // entries ever queued
  std::uint64_t processed_ = 0;   // entries whose group committed or failed
  std::uint64_t urgent_ = 0;      // flush() wants every entry up to this one now
  bool write_scheduled_ = false;  // submit() asked its caller for a write_queued()
  bool write_wanted_ = false;     // write_queued() ran since the last group was taken
  std::chrono::steady_clock::time_point lazy_since_;  // when the oldest queued entry came
  bool stopping_ = false;
  store_stats counters_;
  std::thread thread_;
};

sqlite_store::~sqlite_store() {
  if (thread_.joinable()) {
    flush();
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_wanted_.notify_one();
    thread_.join();
  }
  index_.reset();
  if (lock_fd_ >= 0) {
    ::close(lock_fd_);
  }
}

bool sqlite_store::open(const std::filesystem::path& dir, const store_options& options,
                        std::string& error) {
  lock_fd_ = lock_journal(dir, error);
  if (lock_fd_ < 0) {
    return false;
  }
  index_ = index_writer::open(
      dir / "exomock.sqlite3", error,
      options.durability == durability::fsync ? wal_sync::full : wal_sync::normal);
  // A journal that a killed run of the journal engine left behind goes in first.
  apply_result recovered;
  std::int64_t max_id = 0;
  if (!index_ || !apply_journal(*index_, dir, journal_scan::all_complete, recovered, error) ||
      !index_->max_message_id(max_id, error)) {
    return false;
  }
  counters_.entries_recovered = recovered.entries;
  counters_.journal_bytes_skipped = recovered.skipped_bytes;
  const auto segments = list_segments(journal_directory(dir));
  if (!segments.empty()) {
    delete_applied_segments(dir, {segments.back() + 1, 0});
  }
  next_id_ = max_id + 1;
  thread_ = std::thread([this] { run(); });
  return true;
}

bool sqlite_store::submit(captured_message message, done_callback done) {
  const std::int64_t id = next_id_++;
  const std::lock_guard lock(mutex_);
  if (entries_.empty()) {
    lazy_since_ = std::chrono::steady_clock::now();
  }
  entries_.emplace_back(journaled_message{id, std::move(message)});
  dones_.push_back({id, std::move(done)});
  ++queued_;
  const bool first = !write_scheduled_;
  write_scheduled_ = true;
  return first;
}

void sqlite_store::queue(journal_entry entry, std::size_t sessions) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    wake = entries_.empty();
    if (wake) {
      lazy_since_ = std::chrono::steady_clock::now();
    }
    entries_.push_back(std::move(entry));
    queued_sessions_ += sessions;
    ++queued_;
  }
  if (wake) {
    work_wanted_.notify_one();  // starts the writer's lazy timer
  }
}

void sqlite_store::write_queued() {
  {
    const std::lock_guard lock(mutex_);
    write_wanted_ = true;
  }
  work_wanted_.notify_one();
}

// False once stopping with nothing left to write. Messages go as soon as their
// write_queued() came; without one (a caller that never calls it), and for
// records alone, after lazy_window.
bool sqlite_store::wait_for_group(std::unique_lock<std::mutex>& lock) {
  for (;;) {
    if (queued_ > processed_) {
      if (stopping_ || urgent_ > processed_ || write_wanted_ ||
          std::chrono::steady_clock::now() >= lazy_since_ + lazy_window) {
        return true;
      }
      work_wanted_.wait_until(lock, lazy_since_ + lazy_window);
    } else if (stopping_) {
      return false;
    } else {
      write_wanted_ = false;  // nothing to write: the request is spent
      work_wanted_.wait(lock);
    }
  }
}

void sqlite_store::run() {
  // Swapped with the queue, so both keep their capacity.
  std::vector<journal_entry> group;
  std::vector<pending_done> group_dones;
  for (;;) {
    std::uint64_t through = 0;
    std::size_t sessions = 0;
    {
      std::unique_lock lock(mutex_);
      if (!wait_for_group(lock)) {
        return;
      }
      group.swap(entries_);
      group_dones.swap(dones_);
      sessions = std::exchange(queued_sessions_, 0);
      write_scheduled_ = false;
      write_wanted_ = false;
      through = queued_;
    }
    std::string error;
    const bool ok = write_group(group, error);
    count_group(ok, group.size(), group_dones.size(), sessions, std::move(error));
    if (ok) {
      commits_.notify();  // before the 250s: a waiter may already look
    }
    // Only now, after COMMIT returned, may the sessions send their 250s.
    for (pending_done& d : group_dones) {
      if (d.done) {
        d.done(ok, ok ? d.id : 0);
      }
    }
    {
      const std::lock_guard lock(mutex_);
      processed_ = through;
    }
    group_done_.notify_all();
    group.clear();
    group_dones.clear();
  }
}

bool sqlite_store::write_group(std::span<const journal_entry> group, std::string& error) {
  if (!index_->begin(error)) {
    return false;
  }
  for (const journal_entry& e : group) {
    if (!index_->insert(e)) {
      error = index_->error();
      index_->rollback();
      return false;
    }
  }
  return index_->commit(error);
}

// Before the callbacks, so a callback (or a test after one) already sees its group counted.
void sqlite_store::count_group(bool ok, std::size_t entries, std::size_t messages,
                               std::size_t sessions, std::string error) {
  const std::lock_guard lock(mutex_);
  if (ok) {
    ++counters_.groups_committed;
    counters_.messages_committed += messages;
    counters_.sessions_committed += sessions;
    counters_.entries_indexed += entries;
  } else {
    ++counters_.groups_failed;
    counters_.messages_failed += messages;
    counters_.last_error = std::move(error);
  }
}

void sqlite_store::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t ticket = queued_;
  urgent_ = ticket;
  work_wanted_.notify_one();
  group_done_.wait(lock, [&] { return processed_ >= ticket; });
}

store_stats sqlite_store::stats() const {
  const std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace

std::unique_ptr<store_engine> open_sqlite_store(const std::filesystem::path& dir,
                                                const store_options& options,
                                                commit_signal& commits, std::string& error) {
  auto store = std::make_unique<sqlite_store>(commits);
  if (!store->open(dir, options, error)) {
    return nullptr;
  }
  return store;
}

}  // namespace exomock::store
