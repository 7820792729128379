// The reader of one scenario document: walks the TOML tables into a
// policy::scenario_model, collecting every problem, then resolves the
// cross-references (mailboxes named by send_as, policies, applications, faults).
// [server] and [[listener]] are read here; tenants, mailboxes, limits, listener
// transport and faults by their own readers.
#pragma once

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// Reads the whole document; the model is complete only when `problems` stays empty.
[[nodiscard]] policy::scenario_model read_scenario(const toml::table& root, problem_list& problems,
                                                   const environment& env);

}  // namespace exomock::scenario
