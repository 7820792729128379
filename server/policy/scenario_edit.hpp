// A change to one key of one table of the scenario document: the vocabulary the
// admin API (http/) and the scenario adapter (scenario/) share, so the HTTP side
// never sees TOML and the adapter never sees JSON. The adapter applies edits to
// the document and re-reads it with the loader's own reader: one rule set.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace exomock::policy {

/// The scenario table an edit changes (scenarios/default.toml's names).
enum class edit_table : std::uint8_t {
  tenant,                 ///< [[tenant]]
  mailbox,                ///< [[tenant.mailbox]]
  authentication_policy,  ///< [[tenant.authentication_policy]]
  conditional_access,     ///< [[tenant.conditional_access]]
  application,            ///< [[tenant.application]]
};

/// Removes the key, so the reader's default applies.
struct edit_unset {
  bool operator==(const edit_unset&) const = default;
};

using edit_value = std::variant<edit_unset, bool, std::string, std::vector<std::string>>;

struct scenario_edit {
  edit_table table = edit_table::tenant;
  std::string tenant;  ///< the tenant's name (as in its `name` key)
  std::string name;    ///< mailbox address, policy name or application client id; "" for a tenant
  std::string key;     ///< the scenario key, e.g. "smtp_client_authentication_disabled"
  edit_value value;
  bool secret = false;  ///< a password or app password: masked wherever the edit is shown
};

/// The value as the audit and the log show it: "true", "\"text\"", ["a", "b"],
/// null for unset, "********" when secret.
[[nodiscard]] std::string shown_value(const scenario_edit& e);

}  // namespace exomock::policy
