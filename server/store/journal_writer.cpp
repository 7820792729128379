// Segment files: created zero-filled under a temporary name, fdatasync'd, then
// renamed to NNNNNNNNNNNN.jnl with the directory fsync'd, so a crash never
// leaves a segment name pointing at blocks that were not allocated.
#include "store/journal_writer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "store/journal_record.hpp"
#include "store/private_directory.hpp"

namespace exomock::store {

struct journal_writer::segment_file {
  int fd = -1;
  std::int64_t number = 0;
  std::size_t capacity = 0;
  std::filesystem::path path;
  ~segment_file() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

namespace {

constexpr std::size_t first_segment_bytes = std::size_t{1} << 20;

using segment_ptr = std::shared_ptr<journal_writer::segment_file>;

std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

bool sync_directory(const std::filesystem::path& dir, std::string& error) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    error = errno_text("cannot open " + dir.string());
    return false;
  }
  const bool ok = ::fsync(fd) == 0;
  if (!ok) {
    error = errno_text("cannot sync " + dir.string());
  }
  ::close(fd);
  return ok;
}

// Writes the whole file with zeros (real blocks, not a hole or unwritten
// extents: either would make every later fdatasync write metadata too), or,
// when no fdatasync per group follows, only reserves the blocks.
segment_ptr create_segment(const std::filesystem::path& path, std::int64_t number,
                           std::size_t capacity, bool zero_fill, std::string& error) {
  auto file = std::make_shared<journal_writer::segment_file>();
  file->number = number;
  file->capacity = capacity;
  file->path = path;
  std::error_code ec;  // for removing a half-made file
  file->fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (file->fd < 0) {
    error = errno_text("cannot create " + path.string());
    return nullptr;
  }
  if (!zero_fill) {
    // glibc writes zeros itself where the file system cannot allocate.
    const int rc = ::posix_fallocate(file->fd, 0, static_cast<off_t>(capacity));
    if (rc != 0) {
      error = "cannot allocate " + path.string() + ": " + std::strerror(rc);
      std::filesystem::remove(path, ec);
      return nullptr;
    }
    return file;
  }
  static const std::array<char, 1 << 20> zeros{};
  for (std::size_t at = 0; at < capacity;) {
    const std::size_t n = std::min(zeros.size(), capacity - at);
    const ssize_t w = ::pwrite(file->fd, zeros.data(), n, static_cast<off_t>(at));
    if (w <= 0) {
      error = errno_text("cannot fill " + path.string());
      std::filesystem::remove(path, ec);
      return nullptr;
    }
    at += static_cast<std::size_t>(w);
  }
  if (::fdatasync(file->fd) != 0) {
    error = errno_text("cannot sync " + path.string());
    std::filesystem::remove(path, ec);
    return nullptr;
  }
  return file;
}

std::filesystem::path standby_path(const std::filesystem::path& dir, std::int64_t number) {
  return segment_path(dir, number).string() + ".standby";
}

bool write_all(int fd, std::span<const std::string> frames, off_t at, std::string& error) {
  std::vector<iovec> iov;
  iov.reserve(frames.size());
  for (const std::string& f : frames) {
    iov.push_back({const_cast<char*>(f.data()), f.size()});  // NOLINT: iovec wants char*
  }
  std::size_t first = 0;
  while (first < iov.size()) {
    const int count = static_cast<int>(std::min<std::size_t>(iov.size() - first, IOV_MAX));
    const ssize_t w = ::pwritev(fd, &iov[first], count, at);
    if (w < 0) {
      if (errno == EINTR) {
        continue;
      }
      error = errno_text("cannot write to the journal");
      return false;
    }
    at += w;
    auto left = static_cast<std::size_t>(w);
    while (first < iov.size() && left >= iov[first].iov_len) {
      left -= iov[first].iov_len;
      ++first;
    }
    if (left > 0) {  // a short write: go on from inside this buffer
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  return true;
}

}  // namespace

std::filesystem::path journal_directory(const std::filesystem::path& data_dir) {
  return data_dir / "journal";
}

std::filesystem::path segment_path(const std::filesystem::path& journal_dir, std::int64_t segment) {
  std::array<char, 32> name{};
  std::snprintf(name.data(), name.size(), "%012lld.jnl", static_cast<long long>(segment));
  return journal_dir / name.data();
}

std::string position_text(journal_position at) {
  return "journal segment " + segment_path({}, at.segment).filename().string() + " offset " +
         std::to_string(at.offset);
}

std::vector<std::int64_t> list_segments(const std::filesystem::path& journal_dir) {
  std::vector<std::int64_t> numbers;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(journal_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() != 16 || !name.ends_with(".jnl") ||
        !std::all_of(name.begin(), name.begin() + 12,
                     [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    numbers.push_back(std::stoll(name.substr(0, 12)));
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

int lock_journal(const std::filesystem::path& data_dir, std::string& error) {
  const auto dir = journal_directory(data_dir);
  if (!make_private_directory(dir, error)) {
    return -1;
  }
  const auto lock_path = dir / "lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = errno_text("cannot open " + lock_path.string());
    return -1;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    error = "another exomock server is using the data directory " + data_dir.string();
    return -1;
  }
  return fd;
}

std::unique_ptr<journal_writer> journal_writer::open(const std::filesystem::path& data_dir,
                                                     int lock_fd, std::int64_t first_segment,
                                                     std::size_t segment_bytes, bool zero_fill,
                                                     std::string& error) {
  std::unique_ptr<journal_writer> w(new journal_writer());
  w->lock_fd_ = lock_fd;
  w->dir_ = journal_directory(data_dir);
  w->segment_bytes_ = segment_bytes;
  w->zero_fill_ = zero_fill;
  w->next_capacity_ = std::min(segment_bytes, first_segment_bytes);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(w->dir_, ec)) {
    if (entry.path().extension() == ".standby") {  // a crashed run's, never to be used
      std::filesystem::remove(entry.path(), ec);
    }
  }
  const auto path = segment_path(w->dir_, first_segment);
  w->current_ = create_segment(path, first_segment, w->next_capacity_, zero_fill, error);
  if (!w->current_ || !sync_directory(w->dir_, error)) {
    return nullptr;
  }
  w->segment_ = first_segment;
  w->prepare_standby();
  return w;
}

journal_writer::~journal_writer() {
  if (standby_.valid()) {
    if (auto file = standby_.get()) {
      std::error_code ignored;
      std::filesystem::remove(file->path, ignored);
    }
  }
  if (lock_fd_ >= 0) {
    ::close(lock_fd_);  // releases the flock
  }
}

void journal_writer::prepare_standby() {
  const std::int64_t number = segment_ + 1;
  const auto path = standby_path(dir_, number);
  // Segments start small and double up to segment_bytes_: a server that takes
  // ten messages writes (and, for durability::fsync, zero-fills) a megabyte or
  // two, not 128 MiB, and starts in milliseconds; a busy one soon rolls rarely.
  next_capacity_ = std::min(segment_bytes_, next_capacity_ * 2);
  const std::size_t capacity = next_capacity_;
  const bool zero_fill = zero_fill_;
  standby_ = std::async(std::launch::async, [path, number, capacity, zero_fill] {
    std::string ignored;  // on failure roll() creates the segment itself and reports
    return create_segment(path, number, capacity, zero_fill, ignored);
  });
}

bool journal_writer::roll(std::size_t needed, std::string& error) {
  const std::int64_t number = segment_ + 1;
  segment_ptr next = standby_.valid() ? standby_.get() : nullptr;
  if (!next || next->capacity < needed) {
    if (next) {
      std::error_code ignored;
      std::filesystem::remove(next->path, ignored);
    }
    // Sized for this group, not the maximum: a big message stalls the writes
    // for its own size's worth of zero-filling only.
    next = create_segment(standby_path(dir_, number), number, std::max(needed, next_capacity_),
                          zero_fill_, error);
    if (!next) {
      abandoned_ = true;  // try again for the next group
      return false;
    }
  }
  const auto final_path = segment_path(dir_, number);
  std::error_code ec;
  std::filesystem::rename(next->path, final_path, ec);
  if (ec) {
    error = "cannot rename " + next->path.string() + ": " + ec.message();
    return false;
  }
  next->path = final_path;
  // Once N+1 is listed, readers take N for complete: nothing may go to N any more,
  // even if making the new name durable fails below.
  current_ = std::move(next);
  segment_ = number;
  offset_ = 0;
  abandoned_ = false;
  prepare_standby();
  if (!sync_directory(dir_, error)) {
    abandoned_ = true;  // the group fails; the next one starts yet another segment
    return false;
  }
  return true;
}

bool journal_writer::append(std::span<const std::string> frames, std::string& error) {
  std::size_t bytes = 0;
  for (const std::string& f : frames) {
    bytes += f.size();
  }
  // Keep room for a zero length after the last frame: it marks the end.
  const bool full =
      static_cast<std::size_t>(offset_) + bytes + journal_end_marker > current_->capacity;
  if ((full || abandoned_) && !roll(bytes + journal_end_marker, error)) {
    return false;
  }
  if (!write_all(current_->fd, frames, static_cast<off_t>(offset_), error)) {
    // Part of the group may be on disk, and its clients hear of a failure. Blank
    // what can be blanked and go on in a new segment, so no later write can land
    // just before a complete frame of this group and make a reader take it up.
    const std::string zeros(bytes, '\0');
    std::string ignored;
    write_all(current_->fd, std::span(&zeros, 1), static_cast<off_t>(offset_), ignored);
    abandoned_ = true;
    return false;
  }
  offset_ += static_cast<std::int64_t>(bytes);
  bytes_written_ += static_cast<std::int64_t>(bytes);
  const std::lock_guard lock(dirty_mutex_);
  if (dirty_.empty() || dirty_.back() != current_) {
    dirty_.push_back(current_);
  }
  return true;
}

// One sync at a time: a second caller must not find the dirty list empty and
// report success while the first caller's fdatasync is still in flight.
bool journal_writer::sync(std::string& error) {
  const std::lock_guard serial(sync_mutex_);
  std::vector<segment_ptr> files;
  {
    const std::lock_guard lock(dirty_mutex_);
    files.swap(dirty_);
  }
  bool ok = true;
  for (const segment_ptr& f : files) {
    // No retry after a failure: Linux reports a writeback error once, so a second
    // fdatasync would succeed without the lost data being on disk.
    if (::fdatasync(f->fd) != 0 && ok) {
      error = errno_text("cannot sync " + f->path.string());
      ok = false;
    }
  }
  return ok;
}

}  // namespace exomock::store
