// The web page's files (server/http/web/), compiled into the binary at build time
// by cmake/embed_files.cmake: a generated source defines web_files().
#pragma once

#include <span>
#include <string_view>

namespace exomock::http {

struct web_file {
  std::string_view name;  ///< "app.js": the file's name in server/http/web/
  std::string_view body;
  std::string_view etag;  ///< a strong ETag, quotes included: "\"0123456789abcdef\""
};

/// Every file of the page, sorted by name.
[[nodiscard]] std::span<const web_file> web_files();

}  // namespace exomock::http
