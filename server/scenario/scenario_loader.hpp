// TOML scenario files in, a validated immutable model out. The only code that
// includes toml++. Every problem carries file:line:column and says what was expected.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"

namespace exomock::scenario {

struct problem {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
  /// "FILE:LINE:COLUMN: message"
  [[nodiscard]] std::string str() const;
};

/// Looks up an environment variable (injected so tests need not touch the process environment).
using environment = std::function<std::optional<std::string>(std::string_view name)>;
[[nodiscard]] environment process_environment();

struct load_result {
  std::shared_ptr<const policy::scenario_model> model;  ///< null when problems is not empty
  std::vector<problem> problems;
};

[[nodiscard]] load_result load_file(const std::filesystem::path& file,
                                    const environment& env = process_environment());
[[nodiscard]] load_result load_string(std::string_view toml_text, const std::string& file_name,
                                      const environment& env = process_environment());
/// The whole file, or nullopt when it cannot be opened.
[[nodiscard]] std::optional<std::string> read_text(const std::filesystem::path& file);
/// load_file's problem when read_text finds no file.
[[nodiscard]] problem cannot_open(const std::filesystem::path& file);

/// "3 tenants, 14 mailboxes, 4 listeners" for `exomock check`.
[[nodiscard]] std::string summary(const policy::scenario_model& model);

}  // namespace exomock::scenario
