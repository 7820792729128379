// The case library: one small scenario per Microsoft 365 SMTP AUTH trouble
// (scenarios/cases/NAME.toml, compiled in), each opening with a comment block that
// says what the device shows, why, and how the admin fixes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::scenario {

/// A case's comment block, read from its "# Key: text" lines (a line "#   more" goes on
/// with the key before it).
struct case_entry {
  std::string name;     ///< the file's stem: what `serve --case` takes
  std::string title;    ///< "Title:"
  std::string symptom;  ///< "Symptom:" one line for `exomock cases`
  std::string shows;    ///< "Shows:" what the device, app or trainee sees
  std::string cause;    ///< "Cause:"
  std::string fix;      ///< "Fix:" the admin center path and label, or the cmdlet
  std::string live;     ///< "Live:" how to flip it at run time (admin API, CLI, page)
  std::string_view toml;
};

/// Every case, sorted by name.
[[nodiscard]] std::vector<case_entry> case_library();
/// The case called `name`, if there is one.
[[nodiscard]] std::optional<case_entry> find_case(std::string_view name);
/// The comment block of a case's TOML as a case_entry (name and toml left empty).
[[nodiscard]] case_entry read_case_header(std::string_view toml);

}  // namespace exomock::scenario
