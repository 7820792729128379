// The Exchange Online admin settings, named and spelled as their cmdlets
// (evidence graph-entra-exo.md section 3): Set-TransportConfig,
// Set-CASMailbox, Set-OrganizationConfig and Set-AuthenticationPolicy.
// `{tenant}` is a tenant's name or any of its accepted domains.
#include <boost/json/object.hpp>

#include "http/admin_patch.hpp"
#include "http/api_routes.hpp"

namespace exomock::http {
namespace {

using policy::edit_table;

boost::json::value transport_config(const policy::tenant& t) {
  return boost::json::object{
      {"SmtpClientAuthenticationDisabled", t.smtp_client_authentication_disabled},
      {"AllowLegacyTLSClients", t.allow_legacy_tls_clients}};
}

boost::json::value organization_config(const policy::tenant& t) {
  return boost::json::object{{"RejectDirectSend", t.reject_direct_send}};
}

boost::json::value cas_mailbox(const policy::mailbox& m) {
  boost::json::object o{{"Identity", m.address}, {"PrimarySmtpAddress", m.address}};
  o["SmtpClientAuthenticationDisabled"] =
      m.smtp_client_authentication_disabled
          ? boost::json::value(*m.smtp_client_authentication_disabled)
          : boost::json::value(nullptr);
  return o;
}

std::optional<admin_resource> cas_resource(const request& r, const route_context& c,
                                           response& missing) {
  auto model = c.live.snapshot();
  const policy::mailbox* m = model->find_mailbox(r.captures.at(0));
  if (m == nullptr) {
    missing = admin_not_found("no mailbox '" + r.captures.at(0) + "' in the scenario");
    return std::nullopt;
  }
  const std::string tenant = model->tenant_for(m->address)->name;
  return admin_resource{
      "Set-CASMailbox",
      m->address,
      {edit_table::mailbox, tenant, m->address, "", {}, false},
      std::move(model),
      [address =
           m->address](const policy::scenario_model& after) -> std::optional<boost::json::value> {
        const policy::mailbox* now = after.find_mailbox(address);
        return now != nullptr ? std::optional(cas_mailbox(*now)) : std::nullopt;
      }};
}

const policy::authentication_policy* find_policy(const policy::tenant& t, std::string_view name) {
  for (const policy::authentication_policy& p : t.authentication_policies) {
    if (p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

boost::json::value authentication_policy(const policy::authentication_policy& p) {
  return boost::json::object{{"Name", p.name}, {"AllowBasicAuthSmtp", p.allow_basic_auth_smtp}};
}

std::optional<admin_resource> policy_resource(const request& r, const route_context& c,
                                              response& missing) {
  auto model = c.live.snapshot();
  const policy::tenant* t = path_tenant(r, *model, missing);
  if (t == nullptr) {
    return std::nullopt;
  }
  const std::string& name = r.captures.at(1);
  if (find_policy(*t, name) == nullptr) {
    missing =
        admin_not_found("no authentication policy '" + name + "' in tenant '" + t->name + "'");
    return std::nullopt;
  }
  return admin_resource{
      "Set-AuthenticationPolicy",
      t->name + "/" + name,
      {edit_table::authentication_policy, t->name, name, "", {}, false},
      std::move(model),
      [tenant = t->name,
       name](const policy::scenario_model& after) -> std::optional<boost::json::value> {
        const policy::tenant* owner = after.find_tenant(tenant);
        const auto* p = owner != nullptr ? find_policy(*owner, name) : nullptr;
        return p != nullptr ? std::optional(authentication_policy(*p)) : std::nullopt;
      }};
}

}  // namespace

void add_admin_exchange_routes(router& routes) {
  add_tenant_setting(routes, "/api/v1/admin/transport-config/{tenant}", "Set-TransportConfig",
                     {{"SmtpClientAuthenticationDisabled", "smtp_client_authentication_disabled"},
                      {"AllowLegacyTLSClients", "allow_legacy_tls_clients"}},
                     transport_config);
  add_tenant_setting(routes, "/api/v1/admin/organization-config/{tenant}", "Set-OrganizationConfig",
                     {{"RejectDirectSend", "reject_direct_send"}}, organization_config);
  add_admin_resource(routes, "/api/v1/admin/cas-mailbox/{address}", cas_resource,
                     {{.name = "SmtpClientAuthenticationDisabled",
                       .key = "smtp_client_authentication_disabled",
                       .nullable = true}});
  add_admin_resource(routes, "/api/v1/admin/authentication-policy/{tenant}/{name}", policy_resource,
                     {{"AllowBasicAuthSmtp", "allow_basic_auth_smtp"}});
}

}  // namespace exomock::http
