// The reader of one scenario document: walks the TOML tables into a
// policy::scenario_model, collecting every problem, then resolves the
// cross-references (mailboxes named by send_as, policies, applications, faults).
// [server] and [[listener]] are read here; tenants, mailboxes, limits, listener
// transport and faults by their own readers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// Reads the whole document; the model is complete only when `problems` stays empty.
[[nodiscard]] policy::scenario_model read_scenario(const toml::table& root, problem_list& problems,
                                                   const environment& env);

/// Parses TOML text (problems.file() names it); nullopt after a syntax error, added to `problems`.
[[nodiscard]] std::optional<toml::table> parse_document(std::string_view text,
                                                        problem_list& problems);
/// read_scenario over a parsed document: the model, or every problem.
[[nodiscard]] load_result read_document(const toml::table& root, const std::string& file_name,
                                        const environment& env);
/// The whole file, or nullopt when it cannot be opened.
[[nodiscard]] std::optional<std::string> read_text(const std::filesystem::path& file);

}  // namespace exomock::scenario
