// [[tenant]] and everything under it: accepted domains, switches, lockout,
// authentication and Conditional Access policies, connectors, applications and
// mailboxes (mailbox_reader.cpp).
#include "scenario/tenant_reader.hpp"

#include <algorithm>
#include <cctype>

#include "policy/address.hpp"
#include "policy/ip_range.hpp"
#include "policy/state_names.hpp"
#include "scenario/limits_reader.hpp"
#include "scenario/mailbox_reader.hpp"

namespace exomock::scenario {

namespace {

bool is_guid(std::string_view s) {
  if (s.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : std::isxdigit(static_cast<unsigned char>(s[i])) == 0) {
      return false;
    }
  }
  return true;
}

bool is_domain(std::string_view s) {
  return s.find('.') != std::string_view::npos && s.front() != '.' && s.back() != '.' &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
         });
}

// A list of CIDR ranges, each checked.
std::vector<std::string> ip_ranges(table_reader& t, std::string_view key) {
  std::vector<std::string> out;
  for (auto& [range, where] : t.positioned_strings(key)) {
    if (policy::parse_ip_range(range)) {
      out.push_back(std::move(range));
    } else {
      t.problems().add(where,
                       "'" + range + "' in '" + std::string(key) +
                           "' is not an IP range such as \"10.20.0.0/16\" or \"2001:db8::/32\"");
    }
  }
  return out;
}

void read_domains(table_reader& t, read_context& c, policy::tenant& out) {
  const auto domains = t.positioned_strings("domains");
  if (domains.empty()) {
    t.report("domains", "[[tenant]] needs 'domains', a non-empty list of accepted domains");
  }
  for (const auto& [domain, where] : domains) {
    if (!is_domain(domain)) {
      c.problems.add(where, "'" + domain + "' is not a domain name such as \"contoso.com\"");
      continue;
    }
    out.domains.push_back(policy::to_lower(domain));
    c.unique(c.domains, out.domains.back(), where, "accepted domain");
  }
}

policy::smart_lockout read_lockout(table_reader& t) {
  policy::smart_lockout out;
  if (auto threshold = t.integer("threshold", 1, 1000)) {
    out.threshold = static_cast<std::uint32_t>(*threshold);
  }
  if (auto duration = t.duration("duration")) {
    out.duration = std::chrono::duration_cast<std::chrono::seconds>(*duration);
  }
  out.growth = t.number("growth", 1.0).value_or(out.growth);
  if (auto window = t.duration("window")) {
    out.window = std::chrono::duration_cast<std::chrono::seconds>(*window);
  }
  t.finish();
  return out;
}

policy::authentication_policy read_authentication_policy(table_reader& t) {
  policy::authentication_policy out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  out.allow_basic_auth_smtp = t.boolean("allow_basic_auth_smtp").value_or(false);
  t.finish();
  return out;
}

policy::conditional_access_policy read_conditional_access(table_reader& t, read_context& c) {
  policy::conditional_access_policy out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  const std::string owner = "Conditional Access policy '" + out.name + "'";
  out.state = t.choice<policy::policy_state>("state", policy::policy_state_names)
                  .value_or(policy::policy_state::enabled);
  out.block_legacy_authentication = t.boolean("block_legacy_authentication").value_or(false);
  out.require_mfa = t.boolean("require_mfa").value_or(false);
  out.allowed_ip_ranges = ip_ranges(t, "allowed_ip_ranges");
  out.include_users = read_mailbox_list(t, c, "include_users", owner, true);
  out.include_groups = t.strings("include_groups");
  out.exclude_users = read_mailbox_list(t, c, "exclude_users", owner);
  out.exclude_groups = t.strings("exclude_groups");
  t.finish();
  return out;
}

policy::inbound_connector read_connector(table_reader& t) {
  policy::inbound_connector out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  out.client_ip_ranges = ip_ranges(t, "client_ip_ranges");
  out.certificate_subject = t.string_or("certificate_subject", "");
  if (out.client_ip_ranges.empty() && out.certificate_subject.empty()) {
    t.report("name", "[[tenant.connector]] needs 'client_ip_ranges' or 'certificate_subject'");
  }
  t.finish();
  return out;
}

policy::application read_application(table_reader& t, read_context& c) {
  policy::application out;
  out.where = t.where();
  out.display_name = t.required_string("display_name").value_or("");
  out.client_id = t.required_string("client_id").value_or("");
  if (!out.client_id.empty() && !is_guid(out.client_id)) {
    t.report("client_id", "'client_id' in [[tenant.application]] must be a GUID");
  }
  out.secrets = t.strings("secrets");
  // client_secret: the one secret most apps have, as the portal shows its value.
  if (auto secret = t.string("client_secret")) {
    out.secrets.insert(out.secrets.begin(), *secret);
  }
  out.roles = t.strings("roles");
  out.redirect_uris = t.strings("redirect_uris");
  out.public_client = t.boolean("public_client").value_or(false);
  out.device_code_user = policy::to_lower(t.string_or("device_code_user", ""));
  if (!out.device_code_user.empty()) {
    c.mailbox_references.push_back({out.device_code_user, t.where("device_code_user"),
                                    "device_code_user of application '" + out.display_name + "'"});
  }
  out.full_access =
      read_mailbox_list(t, c, "full_access", "application '" + out.display_name + "'");
  t.finish();
  return out;
}

}  // namespace

policy::tenant read_tenant(table_reader& t, read_context& c) {
  policy::tenant out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  if (!out.name.empty()) {
    c.unique(c.tenant_names, out.name, t.where("name"), "tenant name");
  }
  out.id = t.string_or("id", "");
  if (!out.id.empty() && !is_guid(out.id)) {
    t.report("id",
             "'id' in [[tenant]] must be a GUID such as "
             "\"8f3a6c2e-1b4d-4e5f-9a7b-0c1d2e3f4a5b\"");
  }
  read_domains(t, c, out);
  out.smtp_client_authentication_disabled = t.boolean("smtp_client_authentication_disabled")
                                                .value_or(out.smtp_client_authentication_disabled);
  out.security_defaults = t.boolean("security_defaults").value_or(false);
  out.allow_legacy_tls_clients = t.boolean("allow_legacy_tls_clients").value_or(false);
  out.basic_auth = t.choice<policy::basic_auth_state>("basic_auth", policy::basic_auth_names)
                       .value_or(policy::basic_auth_state::available);
  out.basic_auth_reenabled = t.boolean("basic_auth_reenabled").value_or(false);
  out.reject_direct_send = t.boolean("reject_direct_send").value_or(false);
  if (const toml::table* lockout = t.table("lockout")) {
    table_reader l(*lockout, "[tenant.lockout]", c.problems);
    out.lockout = read_lockout(l);
  }
  if (const toml::table* limits = t.table("limits")) {
    table_reader l(*limits, "[tenant.limits]", c.problems);
    out.limits = read_limits(l);
  }
  for (const toml::table* p : t.tables("authentication_policy")) {
    table_reader r(*p, "[[tenant.authentication_policy]]", c.problems);
    out.authentication_policies.push_back(read_authentication_policy(r));
  }
  for (const toml::table* p : t.tables("conditional_access")) {
    table_reader r(*p, "[[tenant.conditional_access]]", c.problems);
    out.conditional_access.push_back(read_conditional_access(r, c));
  }
  for (const toml::table* connector : t.tables("connector")) {
    table_reader r(*connector, "[[tenant.connector]]", c.problems);
    out.connectors.push_back(read_connector(r));
  }
  for (const toml::table* a : t.tables("application")) {
    table_reader r(*a, "[[tenant.application]]", c.problems);
    out.applications.push_back(read_application(r, c));
  }
  for (const toml::table* m : t.tables("mailbox")) {
    table_reader r(*m, "[[tenant.mailbox]]", c.problems);
    out.mailboxes.push_back(read_mailbox(r, out, c));
  }
  t.finish();
  return out;
}

}  // namespace exomock::scenario
