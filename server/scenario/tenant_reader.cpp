// [[tenant]] and everything under it: accepted domains, switches, lockout,
// authentication and Conditional Access policies, connectors, applications and
// mailboxes; then the check that every address a list names is a mailbox.
#include <algorithm>
#include <cctype>

#include "policy/address.hpp"
#include "policy/ip_range.hpp"
#include "scenario/limits_reader.hpp"
#include "scenario/scenario_reader.hpp"

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

}  // namespace

policy::tenant scenario_reader::read_tenant(table_reader& t) {
  policy::tenant out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  if (!out.name.empty()) {
    unique(tenant_names_, out.name, t.where("name"), "tenant name");
  }
  out.id = t.string_or("id", "");
  if (!out.id.empty() && !is_guid(out.id)) {
    t.report("id",
             "'id' in [[tenant]] must be a GUID such as "
             "\"8f3a6c2e-1b4d-4e5f-9a7b-0c1d2e3f4a5b\"");
  }
  read_domains(t, out);
  out.smtp_client_authentication_disabled = t.boolean("smtp_client_authentication_disabled")
                                                .value_or(out.smtp_client_authentication_disabled);
  out.security_defaults = t.boolean("security_defaults").value_or(false);
  out.allow_legacy_tls_clients = t.boolean("allow_legacy_tls_clients").value_or(false);
  out.basic_auth = t.choice<policy::basic_auth_state>(
                        "basic_auth", {{"available", policy::basic_auth_state::available},
                                       {"disabled", policy::basic_auth_state::disabled},
                                       {"retired", policy::basic_auth_state::retired}})
                       .value_or(policy::basic_auth_state::available);
  out.basic_auth_reenabled = t.boolean("basic_auth_reenabled").value_or(false);
  out.reject_direct_send = t.boolean("reject_direct_send").value_or(false);
  if (const toml::table* lockout = t.table("lockout")) {
    table_reader l(*lockout, "[tenant.lockout]", problems_);
    out.lockout = read_lockout(l);
  }
  if (const toml::table* limits = t.table("limits")) {
    table_reader l(*limits, "[tenant.limits]", problems_);
    out.limits = read_limits(l);
  }
  for (const toml::table* p : t.tables("authentication_policy")) {
    table_reader r(*p, "[[tenant.authentication_policy]]", problems_);
    out.authentication_policies.push_back(read_authentication_policy(r));
  }
  for (const toml::table* p : t.tables("conditional_access")) {
    table_reader r(*p, "[[tenant.conditional_access]]", problems_);
    out.conditional_access.push_back(read_conditional_access(r));
  }
  for (const toml::table* c : t.tables("connector")) {
    table_reader r(*c, "[[tenant.connector]]", problems_);
    out.connectors.push_back(read_connector(r));
  }
  for (const toml::table* a : t.tables("application")) {
    table_reader r(*a, "[[tenant.application]]", problems_);
    out.applications.push_back(read_application(r));
  }
  for (const toml::table* m : t.tables("mailbox")) {
    table_reader r(*m, "[[tenant.mailbox]]", problems_);
    out.mailboxes.push_back(read_mailbox(r, out));
  }
  t.finish();
  return out;
}

void scenario_reader::read_domains(table_reader& t, policy::tenant& out) {
  const auto domains = t.positioned_strings("domains");
  if (domains.empty()) {
    t.report("domains", "[[tenant]] needs 'domains', a non-empty list of accepted domains");
  }
  for (const auto& [domain, where] : domains) {
    if (!is_domain(domain)) {
      problems_.add(where, "'" + domain + "' is not a domain name such as \"contoso.com\"");
      continue;
    }
    out.domains.push_back(policy::to_lower(domain));
    unique(domains_, out.domains.back(), where, "accepted domain");
  }
}

policy::smart_lockout scenario_reader::read_lockout(table_reader& t) {
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

policy::authentication_policy scenario_reader::read_authentication_policy(table_reader& t) {
  policy::authentication_policy out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  out.allow_basic_auth_smtp = t.boolean("allow_basic_auth_smtp").value_or(false);
  t.finish();
  return out;
}

policy::conditional_access_policy scenario_reader::read_conditional_access(table_reader& t) {
  policy::conditional_access_policy out;
  out.where = t.where();
  out.name = t.required_string("name").value_or("");
  const std::string owner = "Conditional Access policy '" + out.name + "'";
  out.block_legacy_authentication = t.boolean("block_legacy_authentication").value_or(false);
  out.require_mfa = t.boolean("require_mfa").value_or(false);
  out.allowed_ip_ranges = ip_ranges(t, "allowed_ip_ranges");
  out.include_users = mailbox_list(t, "include_users", owner, true);
  out.include_groups = t.strings("include_groups");
  out.exclude_users = mailbox_list(t, "exclude_users", owner);
  out.exclude_groups = t.strings("exclude_groups");
  t.finish();
  return out;
}

policy::inbound_connector scenario_reader::read_connector(table_reader& t) {
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

policy::application scenario_reader::read_application(table_reader& t) {
  policy::application out;
  out.where = t.where();
  out.display_name = t.required_string("display_name").value_or("");
  out.client_id = t.required_string("client_id").value_or("");
  if (!out.client_id.empty() && !is_guid(out.client_id)) {
    t.report("client_id", "'client_id' in [[tenant.application]] must be a GUID");
  }
  out.secrets = t.strings("secrets");
  out.roles = t.strings("roles");
  out.full_access = mailbox_list(t, "full_access", "application '" + out.display_name + "'");
  t.finish();
  return out;
}

std::vector<std::string> scenario_reader::ip_ranges(table_reader& t, std::string_view key) {
  std::vector<std::string> out;
  for (auto& [range, where] : t.positioned_strings(key)) {
    if (policy::parse_ip_range(range)) {
      out.push_back(std::move(range));
    } else {
      problems_.add(where,
                    "'" + range + "' in '" + std::string(key) +
                        "' is not an IP range such as \"10.20.0.0/16\" or \"2001:db8::/32\"");
    }
  }
  return out;
}

std::vector<std::string> scenario_reader::mailbox_list(table_reader& t, std::string_view key,
                                                       const std::string& owner, bool all_allowed) {
  std::vector<std::string> out;
  for (auto& [address, where] : t.positioned_strings(key)) {
    if (!(all_allowed && address == "all")) {
      references_.push_back({address, where, std::string(key) + " of " + owner});
    }
    out.push_back(policy::to_lower(address));
  }
  return out;
}

void scenario_reader::resolve_references(const policy::scenario_model& model) {
  for (const auto& ref : references_) {
    if (model.find_mailbox(ref.address) == nullptr) {
      problems_.add(ref.where,
                    "'" + ref.address + "' (" + ref.what + ") is not a mailbox of this scenario");
    }
  }
}

}  // namespace exomock::scenario
