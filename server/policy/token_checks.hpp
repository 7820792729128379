// The claim checks Exchange Online applies to an XOAUTH2 bearer token after its
// signature: audience, tenant, validity times (injected clock, no skew), then
// SMTP.Send + upn for delegated tokens or SMTP.SendAsApp + FullAccess for app-only.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "policy/access_token.hpp"
#include "policy/model.hpp"

namespace exomock::policy {

/// Why a token was refused; every one gives the same `535 5.7.3` on the wire.
enum class token_problem : std::uint8_t {
  none,
  invalid,              ///< not a known opaque token, not a JWT, or a bad signature
  unknown_user,         ///< user= names no mailbox of the scenario
  wrong_audience,       ///< aud is not Exchange Online
  wrong_tenant,         ///< tid is not the tenant of user=
  expired,              ///< exp at or before now
  not_yet_valid,        ///< nbf after now
  missing_permission,   ///< neither scp SMTP.Send nor roles SMTP.SendAsApp
  wrong_user,           ///< delegated: upn differs from user=
  unknown_application,  ///< app-only: appid is no application of the tenant (or lacks the role)
  no_full_access,       ///< app-only: the service principal has no FullAccess on user=
};

struct token_check {
  token_problem problem = token_problem::none;
  bool app_only = false;
  std::string app_id;  ///< app-only: the client id
};

/// Audiences Exchange Online accepts for SMTP (reference section 5).
[[nodiscard]] bool exchange_audience(std::string_view aud);

/// The checks after the signature, first failure wins. `home` and `account` are
/// user='s tenant and mailbox (nullptr when unknown).
[[nodiscard]] token_check check_token_claims(const token_claims& claims, const tenant* home,
                                             const mailbox* account,
                                             std::chrono::system_clock::time_point now);

/// The Entra error code a sign-in event records for `problem` *(chosen: Exchange's
/// own token checks leave no documented code)*.
[[nodiscard]] int sign_in_error(token_problem problem);

}  // namespace exomock::policy
