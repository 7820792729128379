// Order of the checks *(chosen where Entra does not document it)*: grant type,
// tenant, client id, the application, the grant's own parameters, the client's
// secret, the scope, then the user. Every refusal after the tenant is known is
// logged as a sign-in, as Entra logs a failed token request.
#include "policy/token_grants.hpp"

#include <algorithm>
#include <array>

#include "policy/address.hpp"
#include "policy/sign_in_attempt.hpp"

namespace exomock::policy {

namespace {

// The resources whose scopes reach Exchange Online (token_checks' audiences).
bool exchange_resource(std::string_view resource) {
  return exchange_audience(resource);
}

bool oidc_scope(std::string_view s) {
  constexpr std::array<std::string_view, 4> names = {"openid", "profile", "email",
                                                     "offline_access"};
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(s, n); });
}

// "https://outlook.office.com/SMTP.Send" (either Exchange host): the delegated scope.
bool smtp_send_scope(std::string_view s) {
  const std::size_t slash = s.rfind('/');
  return slash != std::string_view::npos && exchange_resource(s.substr(0, slash)) &&
         iequals(s.substr(slash + 1), "SMTP.Send");
}

// The tenant a refresh token or a device code was issued in, or nullptr.
const tenant* tenant_with_id(const scenario_model& m, std::string_view id) {
  const auto it = std::find_if(m.tenants.begin(), m.tenants.end(),
                               [&](const tenant& t) { return iequals(t.id, id); });
  return it == m.tenants.end() ? nullptr : &*it;
}

struct grant_state {
  const grant_request& r;
  grant_outcome out;
  bool multi = false;

  grant_outcome fail(int code) {
    out.error = code;
    return std::move(out);
  }
};

// A confidential client proves itself with a secret; a public client needs none.
int client_secret_error(const application& app, const std::optional<std::string>& secret,
                        bool secret_required) {
  if (!secret) {
    return secret_required && !app.public_client ? 7000218 : 0;
  }
  const bool known =
      std::find(app.secrets.begin(), app.secrets.end(), *secret) != app.secrets.end();
  return known ? 0 : 7000215;
}

// App-only: one scope, RESOURCE/.default, and the resource must be Exchange's.
int client_scope_error(grant_state& g) {
  const auto& scope = g.r.form.scope;
  if (!scope) {
    g.out.facts.parameter = "scope";
    return 900144;
  }
  g.out.facts.scope = *scope;
  const auto scopes = split_scopes(*scope);
  constexpr std::string_view suffix = "/.default";
  if (scopes.size() != 1) {
    return 70011;
  }
  const std::string_view s = scopes.front();
  if (s.size() <= suffix.size() || !iequals(s.substr(s.size() - suffix.size()), suffix)) {
    return 1002012;
  }
  g.out.facts.resource = std::string(s.substr(0, s.size() - suffix.size()));
  return exchange_resource(g.out.facts.resource) ? 0 : 500011;
}

// Delegated: SMTP.Send on Exchange, with the OpenID Connect scopes beside it.
int user_scope_error(grant_state& g, const std::vector<std::string>& scopes) {
  g.out.requested = scopes;
  bool send = false;
  for (const std::string& s : scopes) {
    if (smtp_send_scope(s)) {
      send = true;
      g.out.scopes.push_back(s);
    } else if (!oidc_scope(s)) {
      g.out.facts.scope = s;
      return 70011;
    }
    g.out.refresh_token = g.out.refresh_token || iequals(s, "offline_access");
    g.out.id_token = g.out.id_token || iequals(s, "openid");
  }
  if (!send) {
    g.out.facts.scope = g.r.form.scope.value_or("");
    return 70011;
  }
  return 0;
}

std::optional<int> missing(grant_state& g, const std::optional<std::string>& value,
                           std::string_view name) {
  if (value) {
    return std::nullopt;
  }
  g.out.facts.parameter = std::string(name);
  return 900144;
}

// The sign-in log's record of an app-only request.
void log_app_sign_in(grant_state& g) {
  sign_in_event e{g.r.now, "", g.r.client_ip, g.out.error};
  e.mechanism = std::string(client_grant_mechanism);
  e.app_id = g.r.form.client_id.value_or("");
  g.out.sign_in = e;
}

grant_outcome client_credentials(grant_state& g) {
  if (g.multi) {
    // Entra picks the app's home tenant on /common (MSAL.NET issue #1384).
    const registered_application found = g.r.model.find_application(*g.r.form.client_id);
    if (found.app == nullptr) {
      return g.fail(50059);
    }
    g.out.home = found.owner;
    g.out.app = found.app;
  }
  g.out.error = client_secret_error(*g.out.app, g.r.form.client_secret, true);
  if (g.out.error == 0 && g.out.app->public_client && !g.r.form.client_secret) {
    g.out.error = 7000218;  // a public client holds no secret to get an app-only token with
  }
  if (g.out.error == 0) {
    g.out.error = client_scope_error(g);
  }
  log_app_sign_in(g);
  return std::move(g.out);
}

// The identity checks of SMTP AUTH, for `account` under `mechanism`.
void run_identity_checks(grant_state& g, const mailbox* account, std::string_view mechanism,
                         std::string secret, live_scenario& shared) {
  static const listener_config token_endpoint = [] {
    listener_config l;
    l.name = "token-endpoint";
    l.kind = listener_kind::http;
    return l;
  }();
  const smtp::credentials credentials{
      std::string(mechanism),
      account != nullptr ? account->address : g.r.form.username.value_or(""), std::move(secret),
      ""};
  smtp::session_facts facts;
  facts.connection.client_ip = g.r.client_ip;
  auth_request request = make_auth_request(g.r.model, token_endpoint, credentials, facts, g.r.now);
  if (request.home_tenant != g.out.home) {
    request.account = nullptr;  // a user of another tenant is not in this directory
  }
  if (mechanism != password_grant_mechanism && request.account != nullptr) {
    request.match = credential_match::token;  // the grant itself proved the user
  }
  request.token.app_id = g.out.app->client_id;
  const auth_decision d = attempt_sign_in(request, shared, nullptr);
  g.out.sign_in = d.sign_in;
  g.out.error = d.sign_in ? d.sign_in->error_code : 50126;
  g.out.user = g.out.error == 0 ? request.account : nullptr;
}

// Refusals before the user is known are still the app's sign-in, logged under the
// name it gave.
void log_user_refusal(grant_state& g, std::string_view mechanism, const std::string& user) {
  sign_in_event e{g.r.now, to_lower(user), g.r.client_ip, g.out.error};
  e.mechanism = std::string(mechanism);
  e.app_id = g.r.form.client_id.value_or("");
  g.out.sign_in = e;
}

grant_outcome password_grant(grant_state& g, live_scenario& shared) {
  const auto& f = g.r.form;
  if (g.multi && iequals(g.r.tenant_segment, "common")) {
    return g.fail(9001023);
  }
  if (auto code = missing(g, f.username, "username")) {
    return g.fail(*code);
  }
  if (auto code = missing(g, f.password, "password")) {
    return g.fail(*code);
  }
  if (g.multi) {
    g.out.home = g.r.model.tenant_for(*f.username);
    g.out.app = g.out.home ? g.out.home->find_application(*f.client_id) : nullptr;
    if (g.out.app == nullptr) {
      g.out.facts.tenant = g.out.home ? g.out.home->id : g.r.tenant_segment;
      return g.fail(700016);
    }
  }
  g.out.error = client_secret_error(*g.out.app, f.client_secret, true);
  if (g.out.error == 0) {
    g.out.error = f.scope ? user_scope_error(g, split_scopes(*f.scope)) : 900144;
    g.out.facts.parameter = "scope";
  }
  if (g.out.error != 0) {
    log_user_refusal(g, password_grant_mechanism, *f.username);
    return std::move(g.out);
  }
  run_identity_checks(g, g.r.model.find_mailbox(*f.username), password_grant_mechanism, *f.password,
                      shared);
  return std::move(g.out);
}

grant_outcome refresh_grant(grant_state& g, live_scenario& shared) {
  const auto& f = g.r.form;
  if (auto code = missing(g, f.refresh_token, "refresh_token")) {
    return g.fail(*code);
  }
  const auto& claims = g.r.refresh;
  if (!claims || (!g.multi && !iequals(claims->tenant_id, g.out.home->id))) {
    return g.fail(9002313);
  }
  if (g.multi) {
    g.out.home = tenant_with_id(g.r.model, claims->tenant_id);
    g.out.app = g.out.home ? g.out.home->find_application(*f.client_id) : nullptr;
    if (g.out.app == nullptr) {
      return g.fail(9002313);
    }
  }
  if (!iequals(claims->client_id, g.out.app->client_id)) {
    return g.fail(70000);
  }
  g.out.error = client_secret_error(*g.out.app, f.client_secret, true);
  if (g.out.error == 0) {
    g.out.error = user_scope_error(g, f.scope ? split_scopes(*f.scope) : claims->scopes);
  }
  if (g.out.error != 0) {
    log_user_refusal(g, refresh_grant_mechanism, claims->user);
    return std::move(g.out);
  }
  run_identity_checks(g, g.r.model.find_mailbox(claims->user), refresh_grant_mechanism, "", shared);
  return std::move(g.out);
}

grant_outcome device_grant(grant_state& g, live_scenario& shared) {
  const auto& f = g.r.form;
  if (auto code = missing(g, f.device_code, "device_code")) {
    return g.fail(*code);
  }
  const auto a = shared.device_codes.find(*f.device_code);
  if (!a || !iequals(a->client_id, *f.client_id)) {
    return g.fail(70018);
  }
  if (a->expires <= g.r.now) {
    shared.device_codes.redeem(*f.device_code);
    return g.fail(70019);
  }
  if (a->approved_by.empty()) {
    return g.fail(70016);  // polling is not a sign-in: nothing is logged
  }
  shared.device_codes.redeem(*f.device_code);
  if (const tenant* issued_in = tenant_with_id(g.r.model, a->tenant_id)) {
    g.out.home = issued_in;
  }
  g.out.app = g.out.home ? g.out.home->find_application(*f.client_id) : nullptr;
  if (g.out.app == nullptr) {
    return g.fail(70018);
  }
  g.out.error = user_scope_error(g, a->scopes);
  if (g.out.error != 0) {
    log_user_refusal(g, device_grant_mechanism, a->approved_by);
    return std::move(g.out);
  }
  run_identity_checks(g, g.r.model.find_mailbox(a->approved_by), device_grant_mechanism, "",
                      shared);
  return std::move(g.out);
}

// Grant type, tenant and application: what every grant checks first.
std::optional<grant_outcome> check_client(grant_state& g) {
  const auto& f = g.r.form;
  g.out.facts.tenant = g.r.tenant_segment;
  g.out.home = tenant_for_segment(g.r.model, g.r.tenant_segment, g.multi);
  if (g.out.home == nullptr && !g.multi) {
    return g.fail(90002);
  }
  if (auto code = missing(g, f.client_id, "client_id")) {
    return g.fail(*code);
  }
  g.out.facts.app_id = *f.client_id;
  if (g.out.home != nullptr) {
    g.out.facts.tenant = g.out.home->id;
    g.out.app = g.out.home->find_application(*f.client_id);
  } else if (g.r.model.find_application(*f.client_id).app != nullptr) {
    return std::nullopt;  // the grant finds the tenant
  }
  if (g.out.app == nullptr) {
    return g.fail(700016);
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> split_scopes(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) {
      out.emplace_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

const tenant* tenant_for_segment(const scenario_model& model, std::string_view segment,
                                 bool& multi) {
  multi = iequals(segment, "common") || iequals(segment, "organizations");
  if (multi) {
    return nullptr;
  }
  for (const tenant& t : model.tenants) {
    if (!t.id.empty() && iequals(t.id, segment)) {
      return &t;
    }
    if (contains_address(t.domains, segment)) {
      return &t;
    }
  }
  return nullptr;
}

grant_outcome decide_grant(const grant_request& request, live_scenario& shared) {
  grant_state g{request, {}};
  const auto& type = request.form.grant_type;
  if (auto code = missing(g, type, "grant_type")) {
    return g.fail(*code);
  }
  if (auto refused = check_client(g)) {
    return std::move(*refused);
  }
  if (*type == "client_credentials") {
    g.out.kind = grant_kind::client_credentials;
    return client_credentials(g);
  }
  if (*type == "password") {
    g.out.kind = grant_kind::password;
    return password_grant(g, shared);
  }
  if (*type == "refresh_token") {
    g.out.kind = grant_kind::refresh_token;
    return refresh_grant(g, shared);
  }
  if (*type == "urn:ietf:params:oauth:grant-type:device_code") {
    g.out.kind = grant_kind::device_code;
    return device_grant(g, shared);
  }
  g.out.facts.grant_type = *type;
  return g.fail(70003);
}

grant_outcome decide_device_authorization(const grant_request& request) {
  grant_state g{request, {}};
  g.out.kind = grant_kind::device_code;
  if (auto refused = check_client(g)) {
    return std::move(*refused);
  }
  if (g.out.home == nullptr) {
    const registered_application found = request.model.find_application(*request.form.client_id);
    g.out.home = found.owner;
    g.out.app = found.app;
  }
  if (auto code = missing(g, request.form.scope, "scope")) {
    return g.fail(*code);
  }
  g.out.error = user_scope_error(g, split_scopes(*request.form.scope));
  return std::move(g.out);
}

}  // namespace exomock::policy
