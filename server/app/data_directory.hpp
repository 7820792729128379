// Where the store keeps its files: the directory the user named, or a fresh
// temporary one (mkdtemp, exomock-XXXXXX under $TMPDIR or /tmp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace exomock::app {

/// Creates `requested` if needed, or a fresh temporary directory when it is empty.
/// On failure returns nullopt and sets `error`.
[[nodiscard]] std::optional<std::filesystem::path> prepare_data_directory(
    const std::string& requested, std::string& error);

}  // namespace exomock::app
