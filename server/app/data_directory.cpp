// Data directory creation.
#include "app/data_directory.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace exomock::app {
namespace {

std::optional<std::filesystem::path> make_temporary(std::string& error) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = (tmpdir != nullptr && *tmpdir != '\0') ? tmpdir : "/tmp";
  pattern += "/exomock-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (::mkdtemp(name.data()) == nullptr) {
    error = "cannot create a temporary directory from " + pattern + ": " + std::strerror(errno);
    return std::nullopt;
  }
  return std::filesystem::path(name.data());
}

}  // namespace

std::optional<std::filesystem::path> prepare_data_directory(const std::string& requested,
                                                            std::string& error) {
  if (requested.empty()) {
    return make_temporary(error);
  }
  std::error_code ec;
  std::filesystem::create_directories(requested, ec);
  if (ec) {
    error = "cannot create data directory " + requested + ": " + ec.message();
    return std::nullopt;
  }
  return std::filesystem::path(requested);
}

}  // namespace exomock::app
