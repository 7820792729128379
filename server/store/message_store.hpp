// The durable capture: SQLite in WAL mode in the data directory. Writes go
// through one writer thread that group-commits whatever has queued up, so
// many sessions share one fsync and none waits behind another's slow commit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/captured_message.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// Counters since open(), for logs and benchmarks.
struct store_stats {
  std::uint64_t groups_committed = 0;  ///< transactions that committed
  std::uint64_t groups_failed = 0;     ///< transactions that failed; their callbacks got ok=false
  std::uint64_t messages_committed = 0;
  std::uint64_t messages_failed = 0;
  std::uint64_t sessions_committed = 0;
  std::string last_error;  ///< SQLite's text for the latest failed group, "" if none
};

class message_store {
 public:
  /// Opens (creating if needed) DIR/exomock.sqlite3. On failure returns nullptr and sets `error`.
  static std::unique_ptr<message_store> open(const std::filesystem::path& dir, std::string& error);
  ~message_store();  ///< drains the queue, commits, joins the writer
  message_store(const message_store&) = delete;
  message_store& operator=(const message_store&) = delete;

  /// Queues the message; `done(ok, id)` runs on the writer thread after the
  /// transaction holding it committed (ok) or failed. Never blocks on disk.
  /// `done` must not throw, and must not call flush() (it runs on the thread flush waits for).
  void submit(captured_message message, std::function<void(bool ok, std::int64_t id)> done);
  /// Queues a finished session's record; fire and forget (committed with the next group).
  void record(session_record session);
  /// Queues one sign-in event; fire and forget, like a session record.
  void record(sign_in_record sign_in);
  /// Blocks until everything queued so far is committed, or its group failed
  /// (see stats()); for shutdown and tests.
  void flush();
  /// A snapshot of the counters.
  [[nodiscard]] store_stats stats() const;

 private:
  struct impl;
  explicit message_store(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

/// Read-only access for the `messages` command and tests; opens its own connection.
class message_reader {
 public:
  static std::unique_ptr<message_reader> open(const std::filesystem::path& dir, std::string& error);
  ~message_reader();
  [[nodiscard]] std::vector<message_summary> list() const;
  /// At most LIMIT messages with id > AFTER_ID, in id order: a page for the API.
  [[nodiscard]] std::vector<message_summary> list(std::int64_t after_id, std::size_t limit) const;
  /// Every stored field of one message, raw bytes included.
  [[nodiscard]] std::optional<captured_message> message(std::int64_t id) const;
  [[nodiscard]] std::optional<std::string> raw(std::int64_t id) const;
  [[nodiscard]] std::optional<std::string> transcript(const std::string& session_id) const;

 private:
  struct impl;
  explicit message_reader(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::store
