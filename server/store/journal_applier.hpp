// Moves journal entries into SQLite. The server's indexer thread calls it in the
// background; readers call it on open so they never miss an accepted message
// (see catch_up_journal); the server calls it at start to recover after a crash.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/index_writer.hpp"
#include "store/journal_end.hpp"
#include "store/journal_writer.hpp"

namespace exomock::store {

/// Whether the newest segment may still be growing. A frame that does not decode
/// in a complete segment is damage: the scan looks for the next frame that does
/// and goes on from there. In a segment that may be growing it can also be a
/// write in progress, so the scan stops there.
///
/// A whole frame of a kind or layout this build does not know (a foreign_frame) was
/// written by a newer exomock. In a live scan (a reader beside a running server)
/// that server is the newer one: the scan stops before the frame, which the
/// server's own indexer applies, rather than move SQLite's position past it. With
/// the lock held (a server's recovery at start) no one else will apply it: the
/// scan keeps a copy of the frame (foreign_frame_path) and goes on with a warning,
/// since stopping would leave every later message unindexed while the server
/// goes on accepting mail.
enum class journal_scan {
  live,          ///< a server may be writing the newest segment
  all_complete,  ///< the caller holds the journal's lock: no one writes
};

struct apply_result {
  journal_position applied;        ///< where SQLite has caught up to
  std::size_t entries = 0;         ///< applied by this call
  std::int64_t bytes = 0;          ///< of journal frames, applied by this call
  bool more = false;               ///< stopped at a batch limit: call again
  std::int64_t skipped_bytes = 0;  ///< damaged bytes passed over in complete segments
  /// Frames a newer exomock wrote (foreign_frame), one warning each: segment,
  /// offset, kind, and what became of the frame.
  std::vector<std::string> foreign;
  bool stopped = false;  ///< before a foreign frame it did not pass over (`foreign` says why)
};

/// Where a foreign frame's bytes are kept when recovery passes over it:
/// DIR/journal/foreign/SEGMENT-OFFSET.frame.
[[nodiscard]] std::filesystem::path foreign_frame_path(const std::filesystem::path& data_dir,
                                                       journal_position at);

/// Applies the entries past the applied position in one transaction, at most
/// `limit` of them (and about 8 MiB), so SQLite's write lock is held briefly.
bool apply_journal_batch(index_writer& index, const std::filesystem::path& data_dir,
                         std::size_t limit, journal_scan scan, apply_result& result,
                         std::string& error);

/// Applies everything, batch after batch; `total` sums the batches. With `until`,
/// stops once SQLite has reached it (a batch may go past it): a reader beside a
/// server under load would otherwise chase the growing journal for as long as the
/// load lasts.
bool apply_journal(index_writer& index, const std::filesystem::path& data_dir, journal_scan scan,
                   apply_result& total, std::string& error,
                   std::optional<journal_position> until = std::nullopt);

/// Deletes segments that lie wholly before `applied` (SQLite holds their entries).
void delete_applied_segments(const std::filesystem::path& data_dir, journal_position applied);

/// For readers: before each query, applies what the journal holds beyond SQLite,
/// so a query right after a 250 sees that message even when the server's
/// indexer has not run yet. A data directory without a journal needs nothing.
/// With `end` (a reader inside the server), only up to where the journal ended
/// when the query came: what arrives meanwhile is for the next query.
class journal_catch_up {
 public:
  explicit journal_catch_up(std::filesystem::path data_dir, journal_end end = {});
  ~journal_catch_up();
  journal_catch_up(const journal_catch_up&) = delete;
  journal_catch_up& operator=(const journal_catch_up&) = delete;
  /// False when the capture cannot be written (a read-only copy, say): the
  /// reader then answers from what SQLite holds, which after a clean stop is all.
  bool run(std::string& error);

 private:
  std::filesystem::path dir_;
  journal_end end_;
  std::unique_ptr<index_writer> index_;
};

}  // namespace exomock::store
