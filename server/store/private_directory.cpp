#include "store/private_directory.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace exomock::store {

bool make_private_directory(const std::filesystem::path& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error = "cannot create " + dir.string() + ": " + ec.message();
    return false;
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  if (ec) {
    error = "cannot restrict " + dir.string() + " to its owner: " + ec.message();
    return false;
  }
  return true;
}

bool write_private_file(const std::filesystem::path& file, std::string_view bytes,
                        std::string& error) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot create " + temporary.string() + ": " + std::strerror(errno);
    return false;
  }
  bool ok = true;
  for (std::size_t at = 0; ok && at < bytes.size();) {
    const ssize_t w = ::write(fd, bytes.data() + at, bytes.size() - at);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    ok = w > 0;
    at += ok ? static_cast<std::size_t>(w) : 0;
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) {
    error = "cannot write " + temporary.string() + ": " + std::strerror(errno);
  }
  ::close(fd);
  std::error_code ec;
  if (ok) {
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
      error = "cannot rename " + temporary.string() + ": " + ec.message();
      ok = false;
    }
  }
  if (!ok) {
    std::filesystem::remove(temporary, ec);
  }
  return ok;
}

}  // namespace exomock::store
