// The Entra ID side of the admin API, in Microsoft Graph's names where Graph
// has them: users (accountEnabled, passwordProfile, per-user MFA state, app
// passwords) and their smart lockout, Conditional Access policies' state,
// security defaults (isEnabled), the Basic-auth retirement state (Microsoft has
// published no name: the scenario's keys), and application grants (roles such
// as SMTP.SendAsApp, and the mailboxes it has FullAccess to).
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/admin_patch.hpp"
#include "http/api_routes.hpp"
#include "http/mailbox_json.hpp"
#include "policy/address.hpp"
#include "policy/state_names.hpp"

namespace exomock::http {
namespace {

using policy::edit_table;

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const std::string& s : items) {
    out.emplace_back(s);
  }
  return out;
}

// ------------------------------------------------------------------ users

boost::json::value user_json(const policy::mailbox& m, route_context& c) {
  bool locked = false;
  std::chrono::system_clock::time_point until{};
  std::uint32_t lockouts = 0;
  {
    const std::lock_guard lock(c.live.mutex);
    locked = c.live.lockouts.locked(m.address, c.clock.now());
    until = c.live.lockouts.locked_until(m.address);
    lockouts = c.live.lockouts.lockouts(m.address);
  }
  boost::json::object lockout{{"locked", locked}, {"lockouts", lockouts}};
  lockout["lockedUntil"] = locked ? boost::json::value(go_time(until)) : nullptr;
  return boost::json::object{
      {"userPrincipalName", m.address},
      {"displayName", m.display_name},
      {"accountEnabled", m.account_enabled},
      {"passwordProfile",
       boost::json::object{{"forceChangePasswordNextSignIn", m.password_expired}}},
      {"perUserMfaState", m.per_user_mfa ? "enforced" : "disabled"},
      {"appPasswordCount", m.app_passwords.size()},
      {"lockout", std::move(lockout)}};
}

// The user and the snapshot it was found in (which keeps `mailbox` valid).
struct found_user {
  admin_resource resource;
  const policy::mailbox* mailbox = nullptr;
};

std::optional<found_user> user_resource(const request& r, route_context& c, response& missing) {
  auto model = c.live.snapshot();
  const policy::mailbox* m = model->find_mailbox(r.captures.at(0));
  if (m == nullptr) {
    missing = admin_not_found("no user '" + r.captures.at(0) + "' in the scenario");
    return std::nullopt;
  }
  const std::string tenant = model->tenant_for(m->address)->name;
  return found_user{{"Update user",
                     m->address,
                     {edit_table::mailbox, tenant, m->address, "", {}, false},
                     std::move(model),
                     [address = m->address, &c](
                         const policy::scenario_model& after) -> std::optional<boost::json::value> {
                       const policy::mailbox* now = after.find_mailbox(address);
                       return now != nullptr ? std::optional(user_json(*now, c)) : std::nullopt;
                     }},
                    m};
}

const admin_field account_enabled{"accountEnabled", "account_enabled"};
const admin_field force_change{"forceChangePasswordNextSignIn", "password_expired"};
const admin_field mfa_state{"perUserMfaState",
                            "per_user_mfa",
                            field_kind::choice,
                            {{"disabled", false}, {"enforced", true}}};

policy::scenario_edit edit_of(const policy::scenario_edit& where, std::string_view key,
                              policy::edit_value v, bool secret = false) {
  policy::scenario_edit e = where;
  e.key = key;
  e.value = std::move(v);
  e.secret = secret;
  return e;
}

// passwordProfile: {password, forceChangePasswordNextSignIn}. A new password
// replaces a password_env reference.
bool read_password_profile(const boost::json::value& v, const policy::scenario_edit& user,
                           std::vector<policy::scenario_edit>& edits, std::string& error) {
  const auto* o = v.if_object();
  if (o == nullptr) {
    error = "passwordProfile must be an object {password, forceChangePasswordNextSignIn}";
    return false;
  }
  for (const auto& [name, value] : *o) {
    if (policy::iequals(name, "password")) {
      if (!value.is_string() || value.as_string().empty()) {
        error = "passwordProfile.password must be a non-empty string";
        return false;
      }
      edits.push_back(edit_of(user, "password_env", policy::edit_unset{}));
      edits.push_back(edit_of(user, "password", std::string(value.as_string()), true));
    } else if (policy::iequals(name, force_change.name)) {
      auto b = read_field(force_change, value, error);
      if (!b) {
        error.insert(0, "passwordProfile.");
        return false;
      }
      edits.push_back(edit_of(user, force_change.key, std::move(*b)));
    } else {
      error = "unknown field 'passwordProfile." + std::string(name) +
              "'; allowed: password, forceChangePasswordNextSignIn";
      return false;
    }
  }
  return true;
}

// appPasswords: {add: [...], remove: [...]} over the user's current list.
bool read_app_passwords(const boost::json::value& v, const policy::mailbox& m,
                        const policy::scenario_edit& user,
                        std::vector<policy::scenario_edit>& edits, std::string& error) {
  const auto* o = v.if_object();
  if (o == nullptr) {
    error = "appPasswords must be an object {add: [...], remove: [...]}";
    return false;
  }
  std::vector<std::string> list = m.app_passwords;
  for (const auto& [name, value] : *o) {
    const bool add = policy::iequals(name, "add");
    if (!add && !policy::iequals(name, "remove")) {
      error = "unknown field 'appPasswords." + std::string(name) + "'; allowed: add, remove";
      return false;
    }
    const admin_field field{name, "app_passwords", field_kind::strings};
    auto items = read_field(field, value, error);
    if (!items) {
      error.insert(0, "appPasswords.");
      return false;
    }
    for (std::string& p : std::get<std::vector<std::string>>(*items)) {
      const auto at = std::find(list.begin(), list.end(), p);
      if (add && at == list.end()) {
        list.push_back(std::move(p));
      } else if (!add) {
        if (at == list.end()) {
          error = "appPasswords.remove: not an app password of " + m.address;
          return false;
        }
        list.erase(at);
      }
    }
  }
  edits.push_back(edit_of(user, "app_passwords", std::move(list), true));
  return true;
}

route_result get_user(request& r, route_context& c) {
  response missing;
  const auto user = user_resource(r, c, missing);
  return user ? show_admin(user->resource, *user->resource.model) : missing;
}

route_result patch_user(request& r, route_context& c) {
  response missing;
  const auto user = user_resource(r, c, missing);
  if (!user) {
    return missing;
  }
  const policy::mailbox& m = *user->mailbox;  // valid while user->resource.model lives
  const std::vector<admin_field> fields = {
      account_enabled,
      {.name = "passwordProfile", .read = read_password_profile},
      mfa_state,
      {.name = "appPasswords",
       .read = [&m](const boost::json::value& v, const policy::scenario_edit& where,
                    std::vector<policy::scenario_edit>& edits,
                    std::string& error) { return read_app_passwords(v, m, where, edits, error); }}};
  return patch_admin(r, c, user->resource, fields);
}

route_result reset_lockout(request& r, route_context& c) {
  response missing;
  const auto user = user_resource(r, c, missing);
  if (!user) {
    return missing;
  }
  if (c.admin == nullptr) {
    return admin_unavailable();
  }
  {
    const std::lock_guard lock(c.live.mutex);
    c.live.lockouts.reset(user->resource.target);
  }
  c.admin->record({"Reset lockout", user->resource.target, {}, {{"lockout", "reset"}}});
  return show_admin(user->resource, *user->resource.model);
}

// ------------------------------------------------------------------ Conditional Access

boost::json::value ca_json(const policy::conditional_access_policy& p) {
  return boost::json::object{{"displayName", p.name},
                             {"state", policy::name_of(policy::policy_state_names, p.state)}};
}

const policy::conditional_access_policy* find_ca(const policy::tenant& t, std::string_view name) {
  for (const auto& p : t.conditional_access) {
    if (p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

std::optional<admin_resource> ca_resource(const request& r, const route_context& c,
                                          response& missing) {
  auto model = c.live.snapshot();
  const policy::tenant* t = path_tenant(r, *model, missing);
  if (t == nullptr) {
    return std::nullopt;
  }
  const std::string& name = r.captures.at(1);
  if (find_ca(*t, name) == nullptr) {
    missing =
        admin_not_found("no Conditional Access policy '" + name + "' in tenant '" + t->name + "'");
    return std::nullopt;
  }
  return admin_resource{
      "Update conditional access policy",
      t->name + "/" + name,
      {edit_table::conditional_access, t->name, name, "", {}, false},
      std::move(model),
      [tenant = t->name,
       name](const policy::scenario_model& after) -> std::optional<boost::json::value> {
        const policy::tenant* owner = after.find_tenant(tenant);
        const auto* p = owner != nullptr ? find_ca(*owner, name) : nullptr;
        return p != nullptr ? std::optional(ca_json(*p)) : std::nullopt;
      }};
}

route_result list_ca(request& r, route_context& c) {
  response missing;
  const auto model = c.live.snapshot();
  const policy::tenant* t = path_tenant(r, *model, missing);
  if (t == nullptr) {
    return missing;
  }
  boost::json::array value;
  for (const auto& p : t->conditional_access) {
    value.push_back(ca_json(p));
  }
  return admin_object(boost::json::object{{"value", std::move(value)}});
}

// ------------------------------------------------------------------ applications

boost::json::value application_json(const policy::application& a) {
  return boost::json::object{{"appId", a.client_id},
                             {"displayName", a.display_name},
                             {"roles", string_array(a.roles)},
                             {"FullAccess", string_array(a.full_access)}};
}

std::optional<admin_resource> application_resource(const request& r, const route_context& c,
                                                   response& missing) {
  auto model = c.live.snapshot();  // kept in the resource: `f` points into it
  const policy::registered_application f = model->find_application(r.captures.at(0));
  if (f.app == nullptr) {
    missing = admin_not_found("no application '" + r.captures.at(0) + "' in the scenario");
    return std::nullopt;
  }
  return admin_resource{
      "Update application grants",
      f.app->client_id,
      {edit_table::application, f.owner->name, f.app->client_id, "", {}, false},
      std::move(model),
      [id = f.app->client_id](
          const policy::scenario_model& after) -> std::optional<boost::json::value> {
        const policy::application* now = after.find_application(id).app;
        return now != nullptr ? std::optional(application_json(*now)) : std::nullopt;
      }};
}

}  // namespace

void add_admin_entra_routes(router& routes) {
  routes.add("GET", "/api/v1/admin/users/{address}", get_user);
  routes.add("PATCH", "/api/v1/admin/users/{address}", patch_user);
  routes.add("POST", "/api/v1/admin/users/{address}/reset-lockout", reset_lockout);
  routes.add("GET", "/api/v1/admin/conditional-access/{tenant}", list_ca);
  add_admin_resource(routes, "/api/v1/admin/conditional-access/{tenant}/{name}", ca_resource,
                     {{"state", "state", field_kind::string}});
  add_tenant_setting(routes, "/api/v1/admin/security-defaults/{tenant}", "Update security defaults",
                     {{"isEnabled", "security_defaults"}},
                     [](const policy::tenant& t) -> boost::json::value {
                       return boost::json::object{{"isEnabled", t.security_defaults}};
                     });
  add_tenant_setting(routes, "/api/v1/admin/basic-auth/{tenant}", "Set Basic authentication",
                     {{"basic_auth", "basic_auth", field_kind::string},
                      {"basic_auth_reenabled", "basic_auth_reenabled"}},
                     [](const policy::tenant& t) -> boost::json::value {
                       return boost::json::object{
                           {"basic_auth", policy::name_of(policy::basic_auth_names, t.basic_auth)},
                           {"basic_auth_reenabled", t.basic_auth_reenabled}};
                     });
  add_admin_resource(routes, "/api/v1/admin/applications/{client_id}", application_resource,
                     {{"roles", "roles", field_kind::strings},
                      {"FullAccess", "full_access", field_kind::strings}});
}

}  // namespace exomock::http
