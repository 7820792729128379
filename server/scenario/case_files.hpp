// The case library's scenarios (scenarios/cases/*.toml), compiled into the binary at
// build time by cmake/embed_files.cmake, so `serve --case` works from any directory
// and in the container: a generated source defines case_files().
#pragma once

#include <span>
#include <string_view>

namespace exomock::scenario {

struct case_file {
  std::string_view name;  ///< "mailbox-smtp-auth-off.toml"
  std::string_view body;  ///< the TOML text
  std::string_view etag;  ///< unused here; the generator writes it for every embedded file
};

/// Every case, sorted by file name.
[[nodiscard]] std::span<const case_file> case_files();

}  // namespace exomock::scenario
