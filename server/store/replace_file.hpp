// Replacing a file so that a reader (or a crash) sees the old text or the new,
// never half of one: a temporary file beside it, fsync, rename, fsync of the
// directory. The scenario file the admin API persists and the journal's foreign
// frames kept aside are both written this way.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace exomock::store {

/// A new file is created 0600; one that exists keeps its permissions. False and
/// `error` when any step fails (the old file is then untouched).
[[nodiscard]] bool replace_file(const std::filesystem::path& file, std::string_view text,
                                std::string& error);

}  // namespace exomock::store
