// The AUTH decision as a pipeline of small pure checks in Exchange Online's
// order (reference section 4): TLS version, credentials, account state, security
// defaults, Conditional Access, per-user MFA, authentication policy, the SMTP AUTH
// switches (mailbox over tenant) and Basic retirement. Each check sees only the request.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "policy/model.hpp"
#include "policy/reply_catalogue.hpp"
#include "policy/token_checks.hpp"
#include "smtp/session_facts.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::policy {

/// The mechanisms the token endpoint's user grants run the identity checks under
/// (they are also what the sign-in log records): modern authentication, so no
/// legacy-authentication block, no app password, and none of Exchange's SMTP switches.
inline constexpr std::string_view password_grant_mechanism = "ROPC";
inline constexpr std::string_view refresh_grant_mechanism = "REFRESH_TOKEN";
/// The user approved the device in a browser, where MFA can be done.
inline constexpr std::string_view device_grant_mechanism = "DEVICE_CODE";
/// App-only: no user, so never through this pipeline; named for the sign-in log.
inline constexpr std::string_view client_grant_mechanism = "CLIENT_CREDENTIALS";

/// Which secret the client's credentials matched.
enum class credential_match : std::uint8_t { none, password, app_password, token };

/// Everything one AUTH decision may read.
struct auth_request {
  const scenario_model& model;
  const listener_config& listener;
  const smtp::credentials& credentials;
  const smtp::session_facts& facts;
  std::chrono::system_clock::time_point now;
  const tenant* home_tenant = nullptr;  ///< owner of the identity's domain
  const mailbox* account = nullptr;     ///< the mailbox the identity names
  credential_match match = credential_match::none;
  bool locked = false;  ///< smart lockout holds the account (set from the shared lockout book)
  token_check token{};  ///< XOAUTH2: why the token failed, or who it was for

  /// A sign-in with the account's own credentials (LOGIN, PLAIN, a token endpoint
  /// grant) as opposed to a bearer token (XOAUTH2).
  [[nodiscard]] bool basic() const { return credentials.mechanism != "XOAUTH2"; }
  /// A grant at the token endpoint (ROPC, refresh token, device code).
  [[nodiscard]] bool token_grant() const {
    const std::string& m = credentials.mechanism;
    return m == password_grant_mechanism || m == refresh_grant_mechanism ||
           m == device_grant_mechanism;
  }
  /// Basic authentication of a legacy protocol (SMTP AUTH LOGIN or PLAIN).
  [[nodiscard]] bool legacy() const { return basic() && !token_grant(); }
};

/// The pipeline's steps by name, in the order decide_authentication runs them.
[[nodiscard]] std::span<const std::string_view> auth_check_steps();

/// Resolves tenant, mailbox and the credential match for `credentials`.
[[nodiscard]] auth_request make_auth_request(const scenario_model& model,
                                             const listener_config& listener,
                                             const smtp::credentials& credentials,
                                             const smtp::session_facts& facts,
                                             std::chrono::system_clock::time_point now);

enum class conditional_access_status : std::uint8_t { not_applied, success, failure };

/// Graph's name of a status: "notApplied", "success", "failure".
[[nodiscard]] std::string_view conditional_access_name(conditional_access_status s);

/// Entra ID's record of one sign-in (reference section 6), as codes; the store
/// and the API give it its Graph field names. Never holds a secret.
struct sign_in_event {
  std::chrono::system_clock::time_point created;
  std::string user_principal_name;
  std::string ip_address;
  int error_code = 0;  ///< 0 success, 50126 wrong password, 50034 unknown user...
  conditional_access_status conditional_access = conditional_access_status::not_applied;
  std::string mechanism{};  ///< "LOGIN", "XOAUTH2"
  std::string app_id{};     ///< app-only XOAUTH2: the application's client id
  /// The reply the SMTP client was sent for this attempt, as on the wire without CRLF
  /// (lines joined by LF); empty for a token request, or when no reply went out (a fault
  /// rule closed or stalled instead). Filled once the core has sent it (auth_answered).
  std::string smtp_reply{};
};

struct auth_decision {
  bool authenticated = false;
  reply_id reply = reply_id::auth_successful;
  /// Set when an attempt reached the identity checks (not for a TLS refusal).
  /// XOAUTH2 attempts are logged too, so every AUTH shows in `exomock signins`.
  std::optional<sign_in_event> sign_in;
};

/// Runs the pipeline; the first refusal wins.
[[nodiscard]] auth_decision decide_authentication(const auth_request& request);

/// Entra's part of the pipeline alone (credentials, account state, security defaults,
/// Conditional Access, per-user MFA), for a token endpoint grant: Exchange's
/// switches decide only when the token is used over SMTP.
[[nodiscard]] auth_decision decide_token_grant(const auth_request& request);

/// The SMTP AUTH switch in force for a mailbox: its own value when set, else the
/// tenant's (Set-CASMailbox over Set-TransportConfig). nullopt: enabled; otherwise
/// the refusal that names who disabled it.
[[nodiscard]] std::optional<reply_id> smtp_auth_switch_refusal(const tenant& t, const mailbox& m);

/// Whether an enabled Conditional Access policy targets the mailbox (include, then exclude).
[[nodiscard]] bool policy_applies(const conditional_access_policy& p, const mailbox& m);

/// Whether `client_ip` lies in the policy's allowed ranges (all do when it has none).
[[nodiscard]] bool allowed_location(const conditional_access_policy& p, std::string_view client_ip);
/// Whether the policy refuses a Basic sign-in from `client_ip` that it applies to:
/// a legacy-authentication block, a location outside its ranges, or required MFA
/// (which a Basic client cannot give).
[[nodiscard]] bool policy_blocks_basic(const conditional_access_policy& p,
                                       std::string_view client_ip);
/// As policy_blocks_basic for a modern client (a token endpoint grant): only the
/// location, and MFA unless the client could do it (`mfa_possible`).
[[nodiscard]] bool policy_blocks_modern(const conditional_access_policy& p,
                                        std::string_view client_ip, bool mfa_possible);

}  // namespace exomock::policy
