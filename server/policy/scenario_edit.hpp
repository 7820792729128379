// A change to one key of one table of the scenario document: the vocabulary the
// admin API (http/) and the scenario adapter (scenario/) share, so the HTTP side
// never sees TOML and the adapter never sees JSON. The adapter applies edits to
// the document and re-reads it with the loader's own reader: one rule set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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

/// What a scenario file can hold at a key: a table added whole (a tenant created
/// by POST /api/v1/tenants) is made of these.
// (A key and its value is a struct, not a std::pair: a pair of an incomplete type
// inside the variant does not compile with every standard library.)
struct document_value;
struct document_entry;
using document_array = std::vector<document_value>;
using document_table = std::vector<document_entry>;  ///< in key order
struct document_value {
  std::variant<bool, std::int64_t, double, std::string, document_array, document_table> value;
  friend bool operator==(const document_value& a, const document_value& b);
};
struct document_entry {
  std::string key;
  document_value value;
  bool operator==(const document_entry&) const = default;
};
inline bool operator==(const document_value& a, const document_value& b) {
  return a.value == b.value;
}

/// Adds a table: a new [[tenant]] (table tenant, `tenant` and `name` empty), or a
/// table of its kind in tenant `tenant`. `key` names it in the audit ("tenant").
struct edit_add {
  document_table keys;
  bool operator==(const edit_add&) const = default;
};

/// Removes the table the edit names (a whole [[tenant]] when the table is tenant).
struct edit_remove {
  bool operator==(const edit_remove&) const = default;
};

using edit_value =
    std::variant<edit_unset, bool, std::string, std::vector<std::string>, edit_add, edit_remove>;

struct scenario_edit {
  edit_table table = edit_table::tenant;
  std::string tenant;  ///< the tenant's name (as in its `name` key)
  std::string name;    ///< mailbox address, policy name or application client id; "" for a tenant
  std::string key;     ///< the scenario key, e.g. "smtp_client_authentication_disabled"
  edit_value value;
  bool secret = false;  ///< a password or app password: masked wherever the edit is shown
};

/// The value as the audit and the log show it: "true", "\"text\"", ["a", "b"],
/// null for unset, "********" when secret; an added table as {key = value, ...}
/// with every secret_key's value masked; "removed" for a removal.
[[nodiscard]] std::string shown_value(const scenario_edit& e);

/// Whether a scenario key holds a secret (password, app_passwords, client_secret,
/// secrets): masked wherever an added table is shown.
[[nodiscard]] bool secret_key(std::string_view key);

}  // namespace exomock::policy
