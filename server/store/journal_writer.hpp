// The append side of the journal: numbered, preallocated segment files in
// DATA/journal. For durability::fsync they are zero-filled ahead of time, so an
// fdatasync flushes only the new data blocks, never the inode or extent tree:
// half the I/O of appending to a growing file. Without a sync per group,
// fallocate() is enough (unwritten extents also read as zeros). The next segment is prepared in the
// background under a temporary name and renamed into place when the current
// one is full, so a reader that sees segment N+1 knows segment N is complete.
#pragma once

#include <compare>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace exomock::store {

/// A place in the journal: a segment number and a byte offset in it.
struct journal_position {
  std::int64_t segment = 0;
  std::int64_t offset = 0;
  auto operator<=>(const journal_position&) const = default;  // NOLINT(modernize-use-nullptr)
};

/// DIR/journal/NNNNNNNNNNNN.jnl for segment N.
[[nodiscard]] std::filesystem::path journal_directory(const std::filesystem::path& data_dir);
[[nodiscard]] std::filesystem::path segment_path(const std::filesystem::path& journal_dir,
                                                 std::int64_t segment);
/// "journal segment 000000000001.jnl offset 120": a position as messages name it.
[[nodiscard]] std::string position_text(journal_position at);
/// The segment numbers present, ascending (temporary files are not segments).
[[nodiscard]] std::vector<std::int64_t> list_segments(const std::filesystem::path& journal_dir);

/// Takes the journal's exclusive lock: one server per data directory. Returns the
/// descriptor that holds it, or -1 with `error` set.
[[nodiscard]] int lock_journal(const std::filesystem::path& data_dir, std::string& error);

class journal_writer {
 public:
  /// Starts segment `first_segment` (1 MiB; each next one twice the last, up to
  /// `segment_bytes`); keeps `lock_fd` (see lock_journal) until destroyed.
  static std::unique_ptr<journal_writer> open(const std::filesystem::path& data_dir, int lock_fd,
                                              std::int64_t first_segment, std::size_t segment_bytes,
                                              bool zero_fill, std::string& error);
  ~journal_writer();
  journal_writer(const journal_writer&) = delete;
  journal_writer& operator=(const journal_writer&) = delete;

  /// Writes the frames at the end of the journal (one pwritev), rolling to a new
  /// segment first when they do not fit. Callers serialize appends.
  bool append(std::span<const std::string> frames, std::string& error);
  /// Makes everything appended before the call durable (fdatasync). May run on
  /// another thread while appends go on.
  bool sync(std::string& error);
  /// Where the next frame will go.
  [[nodiscard]] journal_position end() const { return {segment_, offset_}; }
  /// Bytes of frames appended since open(), over all segments.
  [[nodiscard]] std::int64_t bytes_written() const { return bytes_written_; }

  struct segment_file;

 private:
  journal_writer() = default;
  bool roll(std::size_t needed, std::string& error);
  void prepare_standby();

  std::filesystem::path dir_;
  std::size_t segment_bytes_ = 0;  // the largest segment
  std::size_t next_capacity_ = 0;  // the size of the newest segment prepared
  bool zero_fill_ = true;
  int lock_fd_ = -1;
  std::shared_ptr<segment_file> current_;
  std::int64_t segment_ = 0;
  std::int64_t offset_ = 0;
  std::int64_t bytes_written_ = 0;
  bool abandoned_ = false;  // a write failed here: the next group starts a new segment
  std::future<std::shared_ptr<segment_file>> standby_;
  std::mutex sync_mutex_;  // one sync() at a time
  std::mutex dirty_mutex_;
  std::vector<std::shared_ptr<segment_file>> dirty_;  // written since the last sync
};

}  // namespace exomock::store
