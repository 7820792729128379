// The reader of one scenario document: walks the TOML tables into a
// policy::scenario_model, collecting every problem, then resolves the
// cross-references (mailboxes named by send_as, policies, applications, faults).
// [server] and [[listener]] are read here; tenants, mailboxes, limits, listener
// transport and faults by their own readers.
#pragma once

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

/// The one path from TOML text to a model (load_string's, load_file's and the admin
/// document's): the text parsed (problems name `file_name`), then read in full. The
/// parsed document goes to `root` when given and the text parses.
[[nodiscard]] load_result read_text_document(std::string_view text, const std::string& file_name,
                                             const environment& env,
                                             std::optional<toml::table>* root = nullptr);
/// read_scenario over a parsed document: the model, or every problem.
[[nodiscard]] load_result read_document(const toml::table& root, const std::string& file_name,
                                        const environment& env);

}  // namespace exomock::scenario
