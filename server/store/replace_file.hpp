// Replacing a file so that a reader (or a crash) sees the old text or the new,
// never half of one: a temporary file beside it, fsync, rename, fsync of the directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace exomock::app {

/// false and `error` when any step fails (the old file is then untouched).
[[nodiscard]] bool replace_file(const std::filesystem::path& file, std::string_view text,
                                std::string& error);

}  // namespace exomock::app
