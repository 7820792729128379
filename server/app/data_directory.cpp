// Data directory creation.
#include "app/data_directory.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "store/private_directory.hpp"

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
  // Captured mail and transcripts are for the owner only (mkdtemp makes 0700 too).
  if (!store::make_private_directory(requested, error)) {
    error = "data directory: " + error;
    return std::nullopt;
  }
  return std::filesystem::path(requested);
}

}  // namespace exomock::app
