// What reading one scenario document shares across its sections: where problems
// go, the environment (for password_env), the names seen so far, and the references
// checked once the whole model is read. Every *_reader is free functions over a
// table_reader and, when a section needs them, this.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// A name a section uses that another must define, kept until the model is complete.
struct reference {
  std::string name;
  policy::source_position where;
  std::string what;  ///< "send_as of mailbox scanner@contoso.com"; empty for fault references
};

/// Names that must be unique in the document, each with where it first stood.
using name_positions = std::map<std::string, policy::source_position>;

struct read_context {
  read_context(problem_list& p, const environment& e) : problems(p), env(e) {}

  problem_list& problems;
  const environment& env;

  name_positions listener_names;
  name_positions listener_addresses;
  name_positions tenant_names;
  name_positions domains;
  name_positions mailboxes;

  std::vector<reference> mailbox_references;  ///< send_as, include_users, full_access...
  std::vector<reference> fault_listeners;     ///< listener = of [[fault]]
  std::vector<reference> fault_logins;        ///< login = of [[fault]], when not a pattern

  /// Records `name` in `seen`; reports a duplicate with the first one's line.
  void unique(name_positions& seen, const std::string& name, policy::source_position where,
              std::string_view what) {
    const auto [it, inserted] = seen.emplace(name, where);
    if (!inserted) {
      problems.add(where, "duplicate " + std::string(what) + " '" + name + "' (first at line " +
                              std::to_string(it->second.line) + ")");
    }
  }
};

}  // namespace exomock::scenario
