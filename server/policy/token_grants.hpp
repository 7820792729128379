// The Entra ID v2.0 token endpoint's decisions (graph-entra-exo.md section 2), as
// pure functions of the scenario, the request's parameters and the shared state:
// which tenant the path names, which application asks and whether its secret is
// right, which scopes it asks for, and, for user grants, the same identity checks
// (lockout, account state, security defaults, Conditional Access, MFA) SMTP AUTH
// runs. The wording of each refusal is entra_catalogue's; tokens are identity's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "policy/auth_checks.hpp"
#include "policy/entra_catalogue.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"

namespace exomock::policy {

/// The form fields of a token request; nullopt when absent (an empty value counts as absent).
struct token_parameters {
  std::optional<std::string> grant_type;
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;  ///< from the body or HTTP Basic
  std::optional<std::string> scope;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> refresh_token;
  std::optional<std::string> device_code;
};

/// What a refresh token exomock issued says (identity reads and verifies it).
struct refresh_claims {
  std::string tenant_id;
  std::string user;  ///< UPN
  std::string client_id;
  std::vector<std::string> scopes;
};

enum class grant_kind : std::uint8_t { client_credentials, password, refresh_token, device_code };

struct grant_request {
  const scenario_model& model;
  std::string tenant_segment;  ///< the {tenant} of the path, as given
  token_parameters form;
  std::string client_ip;
  std::chrono::system_clock::time_point now;
  /// refresh_token grant: the verified claims, nullopt when the token is not exomock's.
  std::optional<refresh_claims> refresh;
};

struct grant_outcome {
  int error = 0;  ///< AADSTS code; 0 when a token is issued
  entra_error_facts facts;
  grant_kind kind = grant_kind::client_credentials;
  const tenant* home = nullptr;
  const application* app = nullptr;
  const mailbox* user = nullptr;         ///< user grants
  std::vector<std::string> scopes;       ///< the reply's `scope` (resource scopes, full form)
  std::vector<std::string> requested;    ///< every scope asked for (the refresh token keeps them)
  bool refresh_token = false;            ///< offline_access asked for
  bool id_token = false;                 ///< openid asked for
  std::optional<sign_in_event> sign_in;  ///< what the sign-in log records
};

/// The tenant `segment` names (its id or a domain, case-insensitive), or nullptr;
/// `multi` is set for `organizations` and `common`.
[[nodiscard]] const tenant* tenant_for_segment(const scenario_model& model,
                                               std::string_view segment, bool& multi);

/// Decides a token request; for user grants also counts failures in the lockout
/// book and redeems device codes, under `shared`'s locks.
[[nodiscard]] grant_outcome decide_grant(const grant_request& request, live_scenario& shared);

/// The scopes of a space-separated `scope` parameter.
[[nodiscard]] std::vector<std::string> split_scopes(std::string_view text);

/// Devicecode step 1 (RFC 8628 section 3.1): the app, its tenant and the scopes,
/// or the error; the codes themselves are drawn by the caller.
[[nodiscard]] grant_outcome decide_device_authorization(const grant_request& request);

}  // namespace exomock::policy
