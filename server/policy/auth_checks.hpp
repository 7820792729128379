// The AUTH decision as a pipeline of small pure checks in Exchange Online's
// order (reference section 4): TLS version, credentials, account state, security
// defaults, Conditional Access, per-user MFA, authentication policy, the SMTP AUTH
// switches (mailbox over tenant) and Basic retirement. Each check sees only the request.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "policy/model.hpp"
#include "policy/reply_catalogue.hpp"
#include "policy/token_checks.hpp"
#include "smtp/session_facts.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::policy {

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

  /// Basic (LOGIN, PLAIN) as opposed to OAuth (XOAUTH2).
  [[nodiscard]] bool basic() const { return credentials.mechanism != "XOAUTH2"; }
};

/// Resolves tenant, mailbox and the credential match for `credentials`.
[[nodiscard]] auth_request make_auth_request(const scenario_model& model,
                                             const listener_config& listener,
                                             const smtp::credentials& credentials,
                                             const smtp::session_facts& facts,
                                             std::chrono::system_clock::time_point now);

enum class conditional_access_status : std::uint8_t { not_applied, success, failure };

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

}  // namespace exomock::policy
