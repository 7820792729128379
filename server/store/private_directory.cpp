#include "store/private_directory.hpp"

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

}  // namespace exomock::store
