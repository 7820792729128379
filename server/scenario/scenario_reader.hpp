// The reader of one scenario document: walks the TOML tables into a
// policy::scenario_model, collecting every problem, then resolves the
// cross-references (mailboxes named by send_as, policies, applications).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

class scenario_reader {
 public:
  scenario_reader(problem_list& problems, const environment& env)
      : problems_(problems), env_(env) {}

  /// Reads the whole document; the model is complete only when no problem was found.
  [[nodiscard]] policy::scenario_model read(const toml::table& root);

 private:
  struct mailbox_reference {
    std::string address;
    policy::source_position where;
    std::string what;  ///< "send_as of scanner@contoso.com"
  };

  policy::server_settings read_server(table_reader& t);
  policy::listener_config read_listener(table_reader& t);
  policy::tenant read_tenant(table_reader& t);
  void read_domains(table_reader& t, policy::tenant& out);
  policy::mailbox read_mailbox(table_reader& t, const policy::tenant& owner);
  void read_password(table_reader& t, policy::mailbox& out);
  policy::authentication_policy read_authentication_policy(table_reader& t);
  policy::conditional_access_policy read_conditional_access(table_reader& t);
  policy::inbound_connector read_connector(table_reader& t);
  policy::application read_application(table_reader& t);
  policy::smart_lockout read_lockout(table_reader& t);

  /// A list of CIDR ranges, each checked.
  std::vector<std::string> ip_ranges(table_reader& t, std::string_view key);
  /// A list of addresses that must name mailboxes; `all_allowed` admits "all".
  std::vector<std::string> mailbox_list(table_reader& t, std::string_view key,
                                        const std::string& owner, bool all_allowed = false);
  /// Records `name` in `seen`; reports a duplicate with the first one's line.
  void unique(std::map<std::string, policy::source_position>& seen, const std::string& name,
              policy::source_position where, std::string_view what);
  void resolve_references(const policy::scenario_model& model);

  problem_list& problems_;
  const environment& env_;
  std::vector<mailbox_reference> references_;
  std::map<std::string, policy::source_position> listener_names_;
  std::map<std::string, policy::source_position> listener_addresses_;
  std::map<std::string, policy::source_position> tenant_names_;
  std::map<std::string, policy::source_position> domains_;
  std::map<std::string, policy::source_position> mailboxes_;
};

}  // namespace exomock::scenario
