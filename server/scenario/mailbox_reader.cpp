// [[tenant.mailbox]]: one login and its Exchange/Entra settings. The address
// must sit in an accepted domain of its tenant; the password comes from the
// file or from an environment variable (password_env), never both.
#include "scenario/mailbox_reader.hpp"

#include <algorithm>

#include "policy/address.hpp"
#include "policy/join.hpp"

namespace exomock::scenario {

namespace {

void read_password(table_reader& t, const environment& env, policy::mailbox& out) {
  const auto password = t.string("password");
  const auto variable = t.string("password_env");
  if (password && variable) {
    t.report("password_env",
             "mailbox " + out.address + " has both 'password' and 'password_env'; keep one");
    return;
  }
  if (password) {
    out.password = *password;
    return;
  }
  if (variable) {
    if (auto value = env(*variable)) {
      out.password = *value;
    } else {
      t.report("password_env", "environment variable '" + *variable + "' (password of mailbox " +
                                   out.address + ") is not set");
    }
  }
}

}  // namespace

policy::mailbox read_mailbox(table_reader& t, const policy::tenant& owner, read_context& c) {
  policy::mailbox out;
  out.where = t.where();
  out.address = policy::to_lower(t.required_string("address").value_or(""));
  const std::string_view domain = policy::domain_of(out.address);
  if (!out.address.empty()) {
    if (domain.empty() || out.address.front() == '@') {
      t.report("address", "'" + out.address + "' is not an e-mail address");
    } else if (!policy::contains_address(owner.domains, domain)) {
      t.report("address", "mailbox '" + out.address + "': '" + std::string(domain) +
                              "' is not an accepted domain of tenant '" + owner.name +
                              "' (accepted: " + policy::join(owner.domains, ", ") + ")");
    }
    c.unique(c.mailboxes, out.address, t.where("address"), "mailbox");
  }
  const std::string self = "mailbox " + out.address;
  out.display_name = t.string_or("display_name", "");
  out.type = t.choice<policy::mailbox_type>("type", {{"user", policy::mailbox_type::user},
                                                     {"shared", policy::mailbox_type::shared},
                                                     {"room", policy::mailbox_type::room}})
                 .value_or(policy::mailbox_type::user);
  read_password(t, c.env, out);
  out.account_enabled = t.boolean("account_enabled").value_or(true);
  // Shared and room mailboxes have sign-in blocked unless the admin unblocked it.
  out.sign_in_allowed =
      t.boolean("sign_in_allowed").value_or(out.type == policy::mailbox_type::user);
  out.password_expired = t.boolean("password_expired").value_or(false);
  out.smtp_client_authentication_disabled = t.boolean("smtp_client_authentication_disabled");
  out.per_user_mfa = t.boolean("per_user_mfa").value_or(false);
  out.app_passwords = t.strings("app_passwords");
  if (!out.app_passwords.empty() && !out.per_user_mfa) {
    t.report("app_passwords", "app passwords of " + self + " need per_user_mfa = true");
  }
  out.authentication_policy = t.string_or("authentication_policy", "");
  const auto& policies = owner.authentication_policies;
  if (!out.authentication_policy.empty() &&
      std::none_of(policies.begin(), policies.end(),
                   [&](const auto& p) { return p.name == out.authentication_policy; })) {
    t.report("authentication_policy", "authentication policy '" + out.authentication_policy +
                                          "' of " + self + " is not defined in tenant '" +
                                          owner.name + "'");
  }
  out.groups = t.strings("groups");
  out.send_as = read_mailbox_list(t, c, "send_as", self);
  out.send_on_behalf = read_mailbox_list(t, c, "send_on_behalf", self);
  out.xoauth2_tokens = t.strings("xoauth2_tokens");
  out.federated_idp_reachable = t.boolean("federated_idp_reachable");
  out.max_send_size = t.byte_size("max_send_size", 1024ULL * 1024, 150ULL * 1024 * 1024)
                          .value_or(out.max_send_size);
  if (auto limit = t.integer("recipient_limit", 1, 1000)) {
    out.recipient_limit = static_cast<std::uint32_t>(*limit);
  }
  out.mailbox_full = t.boolean("mailbox_full").value_or(false);
  t.finish();
  return out;
}

std::vector<std::string> read_mailbox_list(table_reader& t, read_context& c, std::string_view key,
                                           const std::string& owner, bool all_allowed) {
  std::vector<std::string> out;
  for (auto& [address, where] : t.positioned_strings(key)) {
    if (!(all_allowed && address == "all")) {
      c.mailbox_references.push_back({address, where, std::string(key) + " of " + owner});
    }
    out.push_back(policy::to_lower(address));
  }
  return out;
}

}  // namespace exomock::scenario
