// Token claim checks. The order is ours (Exchange does not document it): what
// the token is for (aud, tid), when (nbf, exp), then who (scp/upn or
// roles/appid/FullAccess). Exchange answers every failure with the same 5.7.3.
#include "policy/token_checks.hpp"

#include <algorithm>
#include <array>

#include "policy/address.hpp"

namespace exomock::policy {

namespace {

constexpr std::string_view send_scope = "SMTP.Send";
constexpr std::string_view send_as_app_role = "SMTP.SendAsApp";

bool holds(const std::vector<std::string>& items, std::string_view wanted) {
  return std::any_of(items.begin(), items.end(),
                     [&](const std::string& s) { return iequals(s, wanted); });
}

// Delegated scopes may be written in full ("https://outlook.office.com/SMTP.Send").
bool holds_scope(const std::vector<std::string>& scopes, std::string_view wanted) {
  return std::any_of(scopes.begin(), scopes.end(), [&](const std::string& s) {
    const std::string_view v(s);
    return iequals(v, wanted) ||
           (v.size() > wanted.size() && v[v.size() - wanted.size() - 1] == '/' &&
            iequals(v.substr(v.size() - wanted.size()), wanted));
  });
}

token_check check_app_only(const token_claims& c, const tenant& home, const mailbox& account) {
  token_check out{token_problem::none, true, c.app_id};
  const auto& apps = home.applications;
  const auto app = std::find_if(apps.begin(), apps.end(), [&](const application& a) {
    return !c.app_id.empty() && iequals(a.client_id, c.app_id);
  });
  // The token's role is only as good as the grant the tenant holds for the app.
  if (app == apps.end() || !holds(app->roles, send_as_app_role)) {
    out.problem = token_problem::unknown_application;
  } else if (!contains_address(app->full_access, account.address)) {
    out.problem = token_problem::no_full_access;
  }
  return out;
}

}  // namespace

bool exchange_audience(std::string_view aud) {
  constexpr std::array<std::string_view, 3> accepted = {"https://outlook.office.com",
                                                        "https://outlook.office365.com",
                                                        "00000002-0000-0ff1-ce00-000000000000"};
  std::string_view trimmed = aud;
  if (!trimmed.empty() && trimmed.back() == '/') {
    trimmed.remove_suffix(1);
  }
  return std::any_of(accepted.begin(), accepted.end(),
                     [&](std::string_view a) { return iequals(trimmed, a); });
}

token_check check_token_claims(const token_claims& c, const tenant* home, const mailbox* account,
                               std::chrono::system_clock::time_point now) {
  token_check out;
  if (home == nullptr || account == nullptr) {
    out.problem = token_problem::unknown_user;
  } else if (std::none_of(c.audiences.begin(), c.audiences.end(),
                          [](const std::string& a) { return exchange_audience(a); })) {
    out.problem = token_problem::wrong_audience;
  } else if (home->id.empty() || !iequals(c.tenant_id, home->id)) {
    out.problem = token_problem::wrong_tenant;
  } else if (!c.expires || *c.expires <= now) {
    out.problem = token_problem::expired;
  } else if (c.not_before && *c.not_before > now) {
    out.problem = token_problem::not_yet_valid;
  } else if (c.scopes.empty() && holds(c.roles, send_as_app_role)) {
    return check_app_only(c, *home, *account);
  } else if (!holds_scope(c.scopes, send_scope)) {
    out.problem = token_problem::missing_permission;
  } else if (!iequals(c.upn, account->address)) {
    out.problem = token_problem::wrong_user;
  }
  return out;
}

int sign_in_error(token_problem problem) {
  switch (problem) {
    case token_problem::none:
      return 0;
    case token_problem::unknown_user:
      return 50034;  // UserAccountNotFound
    case token_problem::expired:
    case token_problem::not_yet_valid:
      return 500133;  // the assertion is not within its valid time range
    case token_problem::wrong_audience:
      return 500011;  // the resource principal was not found
    case token_problem::missing_permission:
    case token_problem::unknown_application:
    case token_problem::no_full_access:
      return 65001;  // DelegationDoesNotExist: no consent or grant for this use
    case token_problem::invalid:
    case token_problem::wrong_tenant:
    case token_problem::wrong_user:
      return 50013;  // InvalidAssertion
  }
  return 50013;
}

}  // namespace exomock::policy
