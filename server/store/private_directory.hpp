// Directories that hold captured mail and transcripts: created if missing and
// restricted to their owner (0700), whatever the umask.
#pragma once

#include <filesystem>
#include <string>

namespace exomock::store {

/// Creates DIR (and its parents) if needed and sets its mode to 0700; false and
/// `error` when either fails.
bool make_private_directory(const std::filesystem::path& dir, std::string& error);

}  // namespace exomock::store
