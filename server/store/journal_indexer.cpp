// Reading the journal: each segment is read and decoded frame by frame until
// the end marker. Segments are listed once, before any is read: a
// segment that had a successor at that moment is complete (the writer creates
// N+1 only after its last write to N), so the scan moves past its end; the last
// listed one may still grow, so the scan stops there.
#include "store/journal_indexer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "store/journal_record.hpp"

namespace exomock::store {

namespace {

// Reads a segment's frames in order through a 1 MiB buffer (pread, not mmap:
// a mapping of a 64 MiB segment would count every page read towards the
// server's resident memory).
class segment_reader {
 public:
  segment_reader(const std::filesystem::path& path, std::int64_t offset)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), offset_(offset) {
    struct stat st {};
    if (fd_ >= 0 && ::fstat(fd_, &st) == 0) {
      size_ = st.st_size;
    }
  }
  ~segment_reader() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  segment_reader(const segment_reader&) = delete;
  segment_reader& operator=(const segment_reader&) = delete;

  /// The next frame, or nullopt at the end of the written data.
  std::optional<decoded_frame> next() {
    if (!fill(journal_frame_header)) {
      return std::nullopt;
    }
    std::uint32_t length = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      length |= static_cast<std::uint32_t>(static_cast<unsigned char>(buffer_[start_ + i]))
                << (8 * i);
    }
    // A torn length may claim gigabytes: nothing past the file's end is read for it.
    const std::int64_t left = size_ - offset_ - static_cast<std::int64_t>(journal_frame_header);
    if (length == 0 || static_cast<std::int64_t>(length) > left ||
        !fill(journal_frame_header + length)) {
      return std::nullopt;
    }
    auto frame = decode_frame(std::string_view(buffer_).substr(start_, end_ - start_));
    if (frame) {
      start_ += frame->size;
      offset_ += static_cast<std::int64_t>(frame->size);
    }
    return frame;
  }
  /// Where the next frame starts.
  [[nodiscard]] std::int64_t offset() const { return offset_; }

 private:
  // Makes at least `n` bytes from the current frame available; false at end of file.
  bool fill(std::size_t n) {
    if (end_ - start_ >= n) {
      return true;
    }
    buffer_.erase(0, start_);
    end_ -= start_;
    start_ = 0;
    buffer_.resize(std::max<std::size_t>(n, chunk));
    while (end_ < n) {
      const ssize_t r = fd_ < 0 ? -1
                                : ::pread(fd_, buffer_.data() + end_, buffer_.size() - end_,
                                          static_cast<off_t>(offset_) + static_cast<off_t>(end_));
      if (r <= 0) {
        return false;
      }
      end_ += static_cast<std::size_t>(r);
    }
    return true;
  }
  static constexpr std::size_t chunk = std::size_t{1} << 20;
  int fd_;
  std::int64_t size_ = 0;
  std::int64_t offset_;  // file offset of buffer_[start_]
  std::string buffer_;
  std::size_t start_ = 0, end_ = 0;
};

}  // namespace

bool apply_journal_batch(index_writer& index, const std::filesystem::path& data_dir,
                         std::size_t limit, journal_position& applied, std::size_t& entries,
                         std::string& error) {
  entries = 0;
  const auto dir = journal_directory(data_dir);
  const std::vector<std::int64_t> segments = list_segments(dir);
  if (!index.begin(error)) {
    return false;
  }
  journal_position start;
  if (!index.read_applied(start, error)) {
    index.rollback();
    return false;
  }
  journal_position pos = start;
  for (std::size_t i = 0; i < segments.size() && entries < limit; ++i) {
    if (segments[i] < pos.segment) {
      continue;
    }
    if (segments[i] > pos.segment) {
      pos = {segments[i], 0};
    }
    segment_reader segment(segment_path(dir, segments[i]), pos.offset);
    while (entries < limit) {
      auto frame = segment.next();
      if (!frame) {
        break;
      }
      if (!index.insert(frame->entry)) {
        error = index.error();
        index.rollback();
        return false;
      }
      pos.offset = segment.offset();
      ++entries;
    }
  }
  if (pos == start) {
    index.rollback();  // nothing new: no need to write the position
    applied = start;
    return true;
  }
  if (!index.commit(pos, error)) {
    entries = 0;
    return false;
  }
  applied = pos;
  return true;
}

bool apply_journal(index_writer& index, const std::filesystem::path& data_dir,
                   journal_position& applied, std::string& error) {
  constexpr std::size_t batch = 4096;
  for (;;) {
    std::size_t entries = 0;
    if (!apply_journal_batch(index, data_dir, batch, applied, entries, error)) {
      return false;
    }
    if (entries < batch) {
      return true;
    }
  }
}

void delete_applied_segments(const std::filesystem::path& data_dir, journal_position applied) {
  const auto dir = journal_directory(data_dir);
  for (const std::int64_t n : list_segments(dir)) {
    if (n < applied.segment) {
      std::error_code ignored;
      std::filesystem::remove(segment_path(dir, n), ignored);
    }
  }
}

journal_catch_up::journal_catch_up(std::filesystem::path data_dir) : dir_(std::move(data_dir)) {}
journal_catch_up::~journal_catch_up() = default;

bool journal_catch_up::run(std::string& error) {
  if (list_segments(journal_directory(dir_)).empty()) {
    return true;
  }
  if (!index_) {
    index_ = index_writer::open(dir_ / "exomock.sqlite3", error);
    if (!index_) {
      return false;
    }
  }
  journal_position applied;
  return apply_journal(*index_, dir_, applied, error);
}

}  // namespace exomock::store
