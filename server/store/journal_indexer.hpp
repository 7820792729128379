// Moves journal entries into SQLite. The server's indexer thread calls it in the
// background; readers call it on open so they never miss an accepted message
// (see catch_up_journal); the server calls it at start to recover after a crash.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "store/index_writer.hpp"
#include "store/journal_writer.hpp"

namespace exomock::store {

/// Applies at most `limit` entries past the applied position in one transaction.
/// Sets `applied` to the new position and `entries` to how many were applied.
bool apply_journal_batch(index_writer& index, const std::filesystem::path& data_dir,
                         std::size_t limit, journal_position& applied, std::size_t& entries,
                         std::string& error);

/// Applies everything, batch after batch. Sets `applied` to the final position.
bool apply_journal(index_writer& index, const std::filesystem::path& data_dir,
                   journal_position& applied, std::string& error);

/// Deletes segments that lie wholly before `applied` (SQLite holds their entries).
void delete_applied_segments(const std::filesystem::path& data_dir, journal_position applied);

/// For readers: before each query, applies what the journal holds beyond SQLite,
/// so a query right after a 250 sees that message even when the server's
/// indexer has not run yet. A data directory without a journal needs nothing.
class journal_catch_up {
 public:
  explicit journal_catch_up(std::filesystem::path data_dir);
  ~journal_catch_up();
  journal_catch_up(const journal_catch_up&) = delete;
  journal_catch_up& operator=(const journal_catch_up&) = delete;
  /// False when the capture cannot be written (a read-only copy, say): the
  /// reader then answers from what SQLite holds, which after a clean stop is all.
  bool run(std::string& error);

 private:
  std::filesystem::path dir_;
  std::unique_ptr<index_writer> index_;
};

}  // namespace exomock::store
