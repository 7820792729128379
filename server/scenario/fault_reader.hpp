// [[fault]]: scripted fault-injection rules (policy/fault_rule.hpp). Each rule is
// read and checked on its own; check() then names listeners and logins that the
// rest of the scenario does not define.
#pragma once

#include <string>
#include <vector>

#include "policy/model.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

class fault_reader {
 public:
  explicit fault_reader(problem_list& problems) : problems_(problems) {}

  /// The rule in `table` (the `number`th [[fault]], 1-based), read through `t`.
  [[nodiscard]] policy::fault_rule read(table_reader& t, const toml::table& table,
                                        std::size_t number);
  /// Reports listeners and logins the rules name that the model lacks.
  void check(const policy::scenario_model& model);

 private:
  struct reference {
    std::string value;
    policy::source_position where;
  };
  void read_match(table_reader& t, const toml::table& table, policy::fault_match& out);
  void read_action(table_reader& t, const toml::table& table, policy::fault_rule& out);
  void read_occurrence(table_reader& t, policy::fault_match& out);

  problem_list& problems_;
  std::vector<reference> listeners_;
  std::vector<reference> logins_;
};

}  // namespace exomock::scenario
