// Lists in one line of text: an EHLO line's AUTH mechanisms ("LOGIN XOAUTH2"), the
// accepted values a scenario problem names ("contoso.com, fabrikam.com").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace exomock::policy {

/// `items` with `separator` before each one after the start of the text (so a leading
/// empty item adds nothing).
[[nodiscard]] inline std::string join(const std::vector<std::string>& items,
                                      std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

}  // namespace exomock::policy
