// The AUTH pipeline. Sign-in error codes are Entra's (reference section 6);
// Exchange-side refusals after a verified identity log a successful sign-in (0).
#include "policy/auth_checks.hpp"

#include <algorithm>
#include <array>

#include "policy/address.hpp"
#include "policy/ip_range.hpp"

namespace exomock::policy {

namespace {

struct refusal {
  reply_id reply;
  int entra_error = 0;
  conditional_access_status ca = conditional_access_status::not_applied;
  bool reached_identity = true;
};

using check = std::optional<refusal> (*)(const auth_request&);

bool legacy_tls(const smtp::session_facts& facts) {
  if (!facts.tls) {
    return false;
  }
  const std::string& v = facts.tls->version;
  return v == "TLSv1" || v == "TLSv1.0" || v == "TLSv1.1" || v == "SSLv3";
}

// TLS 1.0/1.1: the handshake succeeds and the final AUTH reply refuses, unless the
// tenant opted in and the client came through the legacy endpoint.
std::optional<refusal> check_tls_version(const auth_request& r) {
  // A listener in `allow` mode serves old clients as if they were current ones.
  if (!legacy_tls(r.facts) || r.listener.tls_mode == legacy_tls_mode::allow) {
    return std::nullopt;
  }
  const bool opted_in = r.listener.kind == listener_kind::submission_legacy &&
                        r.home_tenant != nullptr && r.home_tenant->allow_legacy_tls_clients;
  if (opted_in) {
    return std::nullopt;
  }
  return refusal{reply_id::tls_legacy_unsupported, 0, conditional_access_status::not_applied,
                 false};
}

std::optional<refusal> check_credentials(const auth_request& r) {
  if (!r.basic()) {
    // Any token problem, unknown user included, is the generic 5.7.3.
    if (r.match != credential_match::token) {
      return refusal{reply_id::auth_unsuccessful, sign_in_error(r.token.problem)};
    }
    return std::nullopt;
  }
  if (r.account == nullptr) {
    return refusal{reply_id::auth_bad_credentials, 50034};
  }
  // Smart lockout refuses before the password is looked at, the right one included.
  if (r.locked) {
    return refusal{reply_id::auth_account_locked, 50053};
  }
  // A federated account's password is checked by its own IdP; when that is down
  // Entra cannot tell a right password from a wrong one. 80001 *(chosen)*.
  if (r.account->federated_idp_reachable == false) {
    return refusal{reply_id::auth_federated_sts_unreachable, 80001};
  }
  if (r.match == credential_match::none) {
    return refusal{reply_id::auth_bad_credentials, 50126};
  }
  return std::nullopt;
}

// A shared mailbox used through OAuth (user=shared@) stays valid.
std::optional<refusal> check_account_state(const auth_request& r) {
  if (!r.basic()) {
    return std::nullopt;
  }
  const mailbox& m = *r.account;
  if (!m.account_enabled || !m.sign_in_allowed) {
    return refusal{reply_id::auth_account_issue, 50057};
  }
  if (m.password_expired) {
    return refusal{reply_id::auth_account_issue, 50055};
  }
  return std::nullopt;
}

// Security defaults block legacy protocols outright and require MFA, which a
// password grant cannot give (50076 for ROPC *(chosen: Entra asks for MFA "when
// necessary"; exomock always does)*). A refresh or a device sign-in passes.
std::optional<refusal> check_security_defaults(const auth_request& r) {
  if (!r.basic() || !r.home_tenant->security_defaults) {
    return std::nullopt;
  }
  if (r.legacy()) {
    return refusal{reply_id::auth_security_defaults, 530035};
  }
  if (r.credentials.mechanism == password_grant_mechanism) {
    return refusal{reply_id::auth_criteria_not_met, 50076};
  }
  return std::nullopt;
}

// A Basic client can satisfy neither MFA nor a legacy-authentication block.
std::optional<refusal> check_conditional_access(const auth_request& r) {
  if (!r.basic()) {
    return std::nullopt;
  }
  const std::string& ip = r.facts.connection.client_ip;
  const bool mfa_possible = r.credentials.mechanism == device_grant_mechanism;
  for (const conditional_access_policy& p : r.home_tenant->conditional_access) {
    const bool blocks =
        r.legacy() ? policy_blocks_basic(p, ip) : policy_blocks_modern(p, ip, mfa_possible);
    if (!policy_applies(p, *r.account) || !blocks) {
      continue;
    }
    // A block answers before MFA would be asked for.
    const bool mfa_only =
        p.require_mfa && !(p.block_legacy_authentication && r.legacy()) && allowed_location(p, ip);
    return refusal{reply_id::auth_criteria_not_met, mfa_only ? 50076 : 53003,
                   conditional_access_status::failure};
  }
  return std::nullopt;
}

// Per-user MFA refuses the password; an app password goes through.
std::optional<refusal> check_per_user_mfa(const auth_request& r) {
  if (r.basic() && r.account->per_user_mfa && r.match == credential_match::password) {
    return refusal{reply_id::auth_criteria_not_met, 50076};
  }
  return std::nullopt;
}

std::optional<refusal> check_authentication_policy(const auth_request& r) {
  const std::string& name = r.account->authentication_policy;
  if (!r.basic() || name.empty()) {
    return std::nullopt;
  }
  const auto& policies = r.home_tenant->authentication_policies;
  const auto it = std::find_if(policies.begin(), policies.end(),
                               [&](const authentication_policy& p) { return p.name == name; });
  if (it != policies.end() && !it->allow_basic_auth_smtp) {
    return refusal{reply_id::auth_basic_disabled};
  }
  return std::nullopt;
}

std::optional<refusal> check_smtp_auth_switch(const auth_request& r) {
  if (auto reply = smtp_auth_switch_refusal(*r.home_tenant, *r.account)) {
    return refusal{*reply};
  }
  return std::nullopt;
}

// "disabled" is the default-off phase announced for end of December 2026; its reply
// is unannounced, so it reuses the authentication-policy text *(chosen)*.
std::optional<refusal> check_basic_retirement(const auth_request& r) {
  if (!r.basic()) {
    return std::nullopt;
  }
  switch (r.home_tenant->basic_auth) {
    case basic_auth_state::available:
      return std::nullopt;
    case basic_auth_state::disabled:
      if (r.home_tenant->basic_auth_reenabled) {
        return std::nullopt;
      }
      return refusal{reply_id::auth_basic_disabled};
    case basic_auth_state::retired:
      return refusal{reply_id::auth_basic_retired};
  }
  return std::nullopt;
}

// The order of reference section 4. Steps after check_credentials may rely on a
// mailbox and its tenant being present.
constexpr std::array<check, 9> pipeline{
    check_tls_version,           check_credentials,        check_account_state,
    check_security_defaults,     check_conditional_access, check_per_user_mfa,
    check_authentication_policy, check_smtp_auth_switch,   check_basic_retirement,
};

// Named for `exomock explain`, which lists the checks a refused AUTH went through.
constexpr std::array<std::string_view, pipeline.size()> step_names{
    "TLS version (1.2 or later, or the tenant's legacy TLS opt-in on smtp-legacy)",
    "credentials (known user, smart lockout, federated IdP, password or app password)",
    "account state (enabled, sign-in allowed, password not expired)",
    "security defaults",
    "Conditional Access policies (legacy-authentication block, locations, MFA)",
    "per-user MFA",
    "authentication policy (AllowBasicAuthSmtp)",
    "SMTP AUTH switch (the mailbox's SmtpClientAuthenticationDisabled, else the tenant's)",
    "Basic authentication retirement state of the tenant",
};

constexpr std::size_t conditional_access_step = 4;
// Entra's own steps, from the credentials to per-user MFA.
constexpr std::size_t first_entra_step = 1;
constexpr std::size_t last_entra_step = 5;

conditional_access_status applied_status(const auth_request& r) {
  const auto& policies = r.home_tenant->conditional_access;
  const bool any = std::any_of(policies.begin(), policies.end(),
                               [&](const auto& p) { return policy_applies(p, *r.account); });
  return any ? conditional_access_status::success : conditional_access_status::not_applied;
}

credential_match match_secret(const mailbox& m, const smtp::credentials& c) {
  if (c.mechanism == "XOAUTH2") {
    const auto& tokens = m.xoauth2_tokens;
    return std::find(tokens.begin(), tokens.end(), c.secret) != tokens.end()
               ? credential_match::token
               : credential_match::none;
  }
  if (!m.password.empty() && c.secret == m.password) {
    return credential_match::password;
  }
  // App passwords exist only for accounts enforced for per-user MFA, and only
  // legacy protocols take them.
  const auto& apps = m.app_passwords;
  const bool legacy = c.mechanism != password_grant_mechanism;
  if (m.per_user_mfa && legacy && std::find(apps.begin(), apps.end(), c.secret) != apps.end()) {
    return credential_match::app_password;
  }
  return credential_match::none;
}

}  // namespace

std::span<const std::string_view> auth_check_steps() {
  return step_names;
}

std::string_view conditional_access_name(conditional_access_status s) {
  switch (s) {
    case conditional_access_status::success:
      return "success";
    case conditional_access_status::failure:
      return "failure";
    case conditional_access_status::not_applied:
      break;
  }
  return "notApplied";
}

bool allowed_location(const conditional_access_policy& p, std::string_view client_ip) {
  return p.allowed_ip_ranges.empty() ||
         std::any_of(p.allowed_ip_ranges.begin(), p.allowed_ip_ranges.end(),
                     [&](const std::string& range) { return range_contains(range, client_ip); });
}

bool policy_blocks_basic(const conditional_access_policy& p, std::string_view client_ip) {
  return p.block_legacy_authentication || !allowed_location(p, client_ip) || p.require_mfa;
}

bool policy_blocks_modern(const conditional_access_policy& p, std::string_view client_ip,
                          bool mfa_possible) {
  return !allowed_location(p, client_ip) || (p.require_mfa && !mfa_possible);
}

auth_request make_auth_request(const scenario_model& model, const listener_config& listener,
                               const smtp::credentials& credentials,
                               const smtp::session_facts& facts,
                               std::chrono::system_clock::time_point now) {
  auth_request r{model, listener, credentials, facts, now};
  r.home_tenant = model.tenant_for(credentials.identity);
  r.account = model.find_mailbox(credentials.identity);
  if (r.account != nullptr && r.home_tenant == nullptr) {
    r.account = nullptr;  // a mailbox outside every accepted domain cannot sign in
  }
  if (r.account != nullptr) {
    r.match = match_secret(*r.account, credentials);
  }
  if (!r.basic() && r.match != credential_match::token) {
    r.token.problem = r.account == nullptr ? token_problem::unknown_user : token_problem::invalid;
  }
  return r;
}

namespace {

// Runs pipeline steps [first, last]; the first refusal wins.
auth_decision decide_steps(const auth_request& request, std::size_t first, std::size_t last) {
  auth_decision decision;
  sign_in_event event{request.now, to_lower(request.credentials.identity),
                      request.facts.connection.client_ip};
  event.mechanism = request.credentials.mechanism;
  event.app_id = request.token.app_id;
  for (std::size_t step = first; step <= last; ++step) {
    const auto refused = pipeline[step](request);
    if (!refused) {
      continue;
    }
    decision.reply = refused->reply;
    if (refused->reached_identity) {
      event.error_code = refused->entra_error;
      // Entra evaluates Conditional Access only once the credentials are verified;
      // a bearer token was issued elsewhere, so none applies to it here.
      const bool after_ca = step > conditional_access_step && request.basic();
      event.conditional_access = (refused->ca == conditional_access_status::not_applied && after_ca)
                                     ? applied_status(request)
                                     : refused->ca;
      decision.sign_in = event;
    }
    return decision;
  }
  decision.authenticated = true;
  if (request.basic()) {
    event.conditional_access = applied_status(request);
  }
  decision.sign_in = event;
  return decision;
}

}  // namespace

auth_decision decide_authentication(const auth_request& request) {
  return decide_steps(request, 0, pipeline.size() - 1);
}

auth_decision decide_token_grant(const auth_request& request) {
  return decide_steps(request, first_entra_step, last_entra_step);
}

std::optional<reply_id> smtp_auth_switch_refusal(const tenant& t, const mailbox& m) {
  if (m.smtp_client_authentication_disabled.has_value()) {
    return *m.smtp_client_authentication_disabled
               ? std::optional<reply_id>{reply_id::auth_disabled_for_mailbox}
               : std::nullopt;
  }
  return t.smtp_client_authentication_disabled
             ? std::optional<reply_id>{reply_id::auth_disabled_for_tenant}
             : std::nullopt;
}

bool policy_applies(const conditional_access_policy& p, const mailbox& m) {
  // A disabled or report-only policy is never enforced (and so never applied in the log).
  if (p.state != policy_state::enabled) {
    return false;
  }
  const auto in_groups = [&](const std::vector<std::string>& groups) {
    return std::any_of(m.groups.begin(), m.groups.end(),
                       [&](const std::string& g) { return contains_address(groups, g); });
  };
  const bool included = contains_address(p.include_users, "all") ||
                        contains_address(p.include_users, m.address) || in_groups(p.include_groups);
  const bool excluded = contains_address(p.exclude_users, m.address) || in_groups(p.exclude_groups);
  return included && !excluded;
}

}  // namespace exomock::policy
