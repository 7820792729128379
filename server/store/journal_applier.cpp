// Reading the journal: each segment is read and decoded frame by frame until
// the end marker. Segments are listed once, before any is read: a
// segment that had a successor at that moment is complete (the writer creates
// N+1 only after its last write to N), so the scan moves past its end; the last
// listed one may still grow, so the scan stops there.
#include "store/journal_applier.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "store/journal_record.hpp"
#include "store/private_directory.hpp"
#include "store/replace_file.hpp"

namespace exomock::store {

namespace {

// Far above the largest message a listener accepts (SIZE 157286400) plus its envelope.
constexpr std::uint32_t max_frame_bytes = std::uint32_t{512} << 20;
// One indexing transaction holds SQLite's write lock; a reader's catch-up waits
// for it, so it stays short even when the indexer runs at nice 19 on a busy CPU.
constexpr std::int64_t max_batch_bytes = std::int64_t{8} << 20;
// How long a reader's catch-up waits for the server's indexer to let go.
constexpr int reader_busy_timeout_ms = 60'000;

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

  // The next frame, or nullopt at the end of the written data.
  std::optional<decoded_frame> next() {
    if (!fill(journal_frame_header)) {
      return std::nullopt;
    }
    const std::uint32_t length = frame_payload_length(std::string_view(buffer_).substr(start_));
    // A torn length may claim gigabytes: nothing past the file's end, nor more
    // than the largest frame a server writes, is read for it.
    const std::int64_t left = size_ - offset_ - static_cast<std::int64_t>(journal_frame_header);
    if (length == 0 || static_cast<std::int64_t>(length) > left || length > max_frame_bytes) {
      return std::nullopt;
    }
    if (journal_frame_header + length > chunk) {
      return next_large(journal_frame_header + length);
    }
    if (!fill(journal_frame_header + length)) {
      return std::nullopt;
    }
    auto frame = decode_frame(std::string_view(buffer_).substr(start_, end_ - start_));
    if (frame) {
      start_ += frame->size;
      offset_ += static_cast<std::int64_t>(frame->size);
    }
    return frame;
  }

  // A frame larger than the buffer is read into a string of its own, which becomes
  // the message's body (decode_frame(std::string&&)): a large message is held once,
  // not in the buffer and again in the entry.
  std::optional<decoded_frame> next_large(std::size_t size) {
    std::string frame(size, '\0');
    const std::size_t have = std::min(end_ - start_, size);
    buffer_.copy(frame.data(), have, start_);
    const auto at = offset_ + static_cast<std::int64_t>(have);
    if (read_at(frame.data() + have, size - have, at, size - have) < size - have) {
      return std::nullopt;
    }
    auto decoded = decode_frame(std::move(frame));
    if (decoded) {
      skip(size);
    }
    return decoded;
  }

  void skip(std::size_t n) {
    offset_ += static_cast<std::int64_t>(n);
    buffer_.clear();
    start_ = end_ = 0;
  }
  // Where the next frame starts.
  [[nodiscard]] std::int64_t offset() const { return offset_; }

  // After a frame that does not decode, in a segment no one writes any more:
  // moves to the next offset where a whole frame decodes (its CRC makes a
  // false match practically impossible), or to the end of the file when none
  // does, a torn tail. Returns the bytes passed over, the zero-filled rest of
  // a segment not counted.
  std::int64_t resync() {
    std::string rest(static_cast<std::size_t>(std::max<std::int64_t>(size_ - offset_, 0)), '\0');
    rest.resize(read_at(rest.data(), rest.size(), offset_, rest.size()));
    const std::string_view view(rest);
    for (std::size_t at = 1; at + journal_frame_header <= view.size();) {
      if (view.substr(at, 4) == std::string_view("\0\0\0\0", 4)) {
        // A zero length starts no frame: jump over the run of zeros.
        const std::size_t nonzero = view.find_first_not_of('\0', at);
        if (nonzero == std::string_view::npos) {
          break;
        }
        at = nonzero > at + 3 ? nonzero - 3 : at + 1;
        continue;
      }
      if (decode_frame(view.substr(at))) {
        skip(at);
        return static_cast<std::int64_t>(at);
      }
      ++at;
    }
    const std::size_t last = view.find_last_not_of('\0');
    skip(view.size());
    return last == std::string_view::npos ? 0 : static_cast<std::int64_t>(last + 1);
  }

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
    end_ += read_at(buffer_.data() + end_, buffer_.size() - end_,
                    offset_ + static_cast<std::int64_t>(end_), n - end_);
    return end_ >= n;
  }
  // Reads into `out` (room for `size` bytes) from file offset `at` until at least
  // `wanted` bytes have come or the file ends; returns how many came.
  std::size_t read_at(char* out, std::size_t size, std::int64_t at, std::size_t wanted) const {
    std::size_t got = 0;
    while (fd_ >= 0 && got < wanted) {
      const ssize_t r =
          ::pread(fd_, out + got, size - got, static_cast<off_t>(at) + static_cast<off_t>(got));
      if (r <= 0) {
        break;
      }
      got += static_cast<std::size_t>(r);
    }
    return got;
  }
  static constexpr std::size_t chunk = std::size_t{1} << 20;
  int fd_;
  std::int64_t size_ = 0;
  std::int64_t offset_;  // file offset of buffer_[start_]
  std::string buffer_;
  std::size_t start_ = 0, end_ = 0;
};

}  // namespace

std::filesystem::path foreign_frame_path(const std::filesystem::path& data_dir,
                                         journal_position at) {
  return journal_directory(data_dir) / "foreign" /
         (segment_path({}, at.segment).stem().string() + "-" + std::to_string(at.offset) +
          ".frame");
}

namespace {

// Copies a foreign frame out of the segment (which is deleted once applied) and
// says so in `warnings`; false, with the warning saying why, when it cannot be kept.
bool keep_foreign_frame(const std::filesystem::path& data_dir, journal_position at,
                        const foreign_frame& f, std::vector<std::string>& warnings) {
  const std::filesystem::path path = foreign_frame_path(data_dir, at);
  std::string error;
  if (!make_private_directory(path.parent_path(), error) || !replace_file(path, f.bytes, error)) {
    warnings.push_back(position_text(at) + ": " + foreign_frame_text(f) +
                       "; it cannot be kept aside (" + error + "), so indexing stops before it");
    return false;
  }
  warnings.push_back(position_text(at) + ": " + foreign_frame_text(f) + "; skipped, kept as " +
                     path.string() + " for a newer exomock");
  return true;
}

}  // namespace

bool apply_journal_batch(index_writer& index, const std::filesystem::path& data_dir,
                         std::size_t limit, journal_scan scan, apply_result& result,
                         std::string& error) {
  result.entries = 0;
  result.more = false;
  result.skipped_bytes = 0;
  result.foreign.clear();
  result.stopped = false;
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
  std::int64_t bytes = 0;
  bool stopped = false;  // before a foreign frame that is not to be passed over
  for (std::size_t i = 0; i < segments.size() && !result.more && !stopped; ++i) {
    if (segments[i] < pos.segment) {
      continue;
    }
    if (segments[i] > pos.segment) {
      pos = {segments[i], 0};
    }
    const bool complete = scan == journal_scan::all_complete || i + 1 < segments.size();
    segment_reader segment(segment_path(dir, segments[i]), pos.offset);
    for (;;) {
      if (result.entries >= limit || bytes >= max_batch_bytes) {
        result.more = true;
        break;
      }
      auto frame = segment.next();
      if (!frame && complete) {
        result.skipped_bytes += segment.resync();
        frame = segment.next();
      }
      if (!frame) {
        break;
      }
      if (const auto* f = std::get_if<foreign_frame>(&frame->entry)) {
        const journal_position at{segments[i],
                                  segment.offset() - static_cast<std::int64_t>(frame->size)};
        if (scan == journal_scan::live) {
          result.foreign.push_back(position_text(at) + ": " + foreign_frame_text(*f) +
                                   "; left for the server that wrote it");
          stopped = true;
          break;
        }
        if (!keep_foreign_frame(data_dir, at, *f, result.foreign)) {
          stopped = true;
          break;  // SQLite's position stays before it
        }
      } else if (index.insert(frame->entry)) {
        ++result.entries;  // a kept-aside foreign frame is passed over, not applied
      } else {
        error = index.error();
        index.rollback();
        return false;
      }
      bytes += segment.offset() - pos.offset;
      pos.offset = segment.offset();
    }
  }
  result.applied = pos;
  result.bytes = bytes;
  result.stopped = stopped;
  if (pos == start) {
    index.rollback();  // nothing new: no need to write the position
    return true;
  }
  if (!index.commit(pos, error)) {
    result.entries = 0;
    result.applied = start;
    return false;
  }
  return true;
}

bool apply_journal(index_writer& index, const std::filesystem::path& data_dir, journal_scan scan,
                   apply_result& total, std::string& error, std::optional<journal_position> until) {
  constexpr std::size_t batch = 4096;
  total = {};
  for (;;) {
    apply_result one;
    if (!apply_journal_batch(index, data_dir, batch, scan, one, error)) {
      return false;
    }
    total.applied = one.applied;
    total.entries += one.entries;
    total.skipped_bytes += one.skipped_bytes;
    total.foreign.insert(total.foreign.end(), one.foreign.begin(), one.foreign.end());
    total.stopped = one.stopped;
    if (!one.more || (until && !(one.applied < *until))) {
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

journal_catch_up::journal_catch_up(std::filesystem::path data_dir, journal_end end)
    : dir_(std::move(data_dir)), end_(std::move(end)) {}
journal_catch_up::~journal_catch_up() = default;

bool journal_catch_up::run(std::string& error) {
  // Taken before the scan: every message whose 250 preceded this query lies before it.
  const std::optional<journal_position> until =
      end_ ? std::optional<journal_position>(end_()) : std::nullopt;
  if (list_segments(journal_directory(dir_)).empty()) {
    return true;
  }
  if (!index_) {
    index_ = index_writer::open(dir_ / "exomock.sqlite3", error);
    if (!index_) {
      return false;
    }
    index_->set_busy_timeout(reader_busy_timeout_ms);
  }
  apply_result ignored;
  return apply_journal(*index_, dir_, journal_scan::live, ignored, error, until);
}

}  // namespace exomock::store
