// Directories that hold captured mail and transcripts: created if missing and
// restricted to their owner (0700), whatever the umask.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace exomock::store {

/// Creates DIR (and its parents) if needed and sets its mode to 0700; false and
/// `error` when either fails.
bool make_private_directory(const std::filesystem::path& dir, std::string& error);

/// Writes FILE (mode 0600) with `bytes` durably: a temporary file, fsync'd, then
/// renamed over FILE. False and `error` on failure.
bool write_private_file(const std::filesystem::path& file, std::string_view bytes,
                        std::string& error);

}  // namespace exomock::store
