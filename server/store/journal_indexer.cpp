// Reading the journal: each segment is mapped read-only and decoded frame by
// frame until the end marker. Segments are listed once, before any is read: a
// segment that had a successor at that moment is complete (the writer creates
// N+1 only after its last write to N), so the scan moves past its end; the last
// listed one may still grow, so the scan stops there.
#include "store/journal_indexer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string_view>
#include <vector>

#include "store/journal_record.hpp"

namespace exomock::store {

namespace {

class mapped_segment {
 public:
  explicit mapped_segment(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
      data_ = p == MAP_FAILED ? nullptr : static_cast<const char*>(p);
    }
    ::close(fd);
  }
  ~mapped_segment() {
    if (data_ != nullptr) {
      ::munmap(const_cast<char*>(data_), size_);  // NOLINT: munmap takes void*
    }
  }
  mapped_segment(const mapped_segment&) = delete;
  mapped_segment& operator=(const mapped_segment&) = delete;
  [[nodiscard]] std::string_view bytes() const {
    return data_ == nullptr ? std::string_view() : std::string_view(data_, size_);
  }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
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
    const mapped_segment segment(segment_path(dir, segments[i]));
    const std::string_view bytes = segment.bytes();
    while (entries < limit && static_cast<std::size_t>(pos.offset) < bytes.size()) {
      auto frame = decode_frame(bytes.substr(static_cast<std::size_t>(pos.offset)));
      if (!frame) {
        break;
      }
      if (!index.insert(frame->entry)) {
        error = index.error();
        index.rollback();
        return false;
      }
      pos.offset += static_cast<std::int64_t>(frame->size);
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
