// [[fault]]: scripted fault-injection rules (policy/fault_rule.hpp). Each rule is
// read and checked on its own; check_fault_references() then names listeners and
// logins that the rest of the scenario does not define.
#pragma once

#include <cstddef>

#include "policy/model.hpp"
#include "scenario/read_context.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// The rule in `table` (the `number`th [[fault]], 1-based), read through `t`; the listener
/// and login it names are recorded in `c`.
[[nodiscard]] policy::fault_rule read_fault(table_reader& t, const toml::table& table,
                                            std::size_t number, read_context& c);
/// Reports the listeners and logins recorded by read_fault that `model` lacks.
void check_fault_references(const read_context& c, const policy::scenario_model& model);

}  // namespace exomock::scenario
