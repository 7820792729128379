// The live scenario as a document: the parsed TOML of its file, changed by the
// admin API's edits and read again, after each one, by the loader's own reader
// (read_scenario), so an edit is valid exactly when a file saying the same would
// load. toml++ stays behind this header.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "policy/scenario_edit.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::scenario {

enum class edit_status : std::uint8_t { applied, not_found, invalid };

struct edit_outcome {
  edit_status status = edit_status::applied;
  /// The model of the edited document (applied only).
  std::shared_ptr<const policy::scenario_model> model;
  /// not_found: what is missing; invalid: the validator's messages, without position.
  std::vector<std::string> messages;
};

class scenario_document {
 public:
  /// The file read and validated: the document, or nullopt and every problem.
  [[nodiscard]] static std::optional<scenario_document> open(
      const std::filesystem::path& file, std::vector<problem>& problems,
      const environment& env = process_environment());
  /// As open() over TOML text; `file_name` names it in problems and in file().
  [[nodiscard]] static std::optional<scenario_document> parse(
      std::string_view text, const std::string& file_name, std::vector<problem>& problems,
      const environment& env = process_environment());

  scenario_document(scenario_document&&) noexcept;
  scenario_document& operator=(scenario_document&&) noexcept;
  ~scenario_document();

  /// The model the document reads as.
  [[nodiscard]] const std::shared_ptr<const policy::scenario_model>& model() const;
  [[nodiscard]] const std::filesystem::path& file() const;

  /// Applies every edit to a copy of the document (a key set or unset, or a whole
  /// table added or removed) and reads the copy as the loader would; only when it
  /// reads without a problem does it become this document.
  [[nodiscard]] edit_outcome apply(const std::vector<policy::scenario_edit>& edits);

  /// The document as TOML (toml++'s formatter: comments and layout are not kept;
  /// password_env stays a reference).
  [[nodiscard]] std::string toml() const;

 private:
  struct impl;
  explicit scenario_document(std::unique_ptr<impl> i);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::scenario
