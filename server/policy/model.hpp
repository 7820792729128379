// The scenario model: an immutable description of the emulated Microsoft 365
// tenants, identities and endpoints. scenario/ builds it from TOML; policy/
// decides with it; net/ reads the listener part. Sessions hold a
// shared_ptr<const scenario_model> snapshot, so a reload never changes a live session.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/fault_rule.hpp"
#include "policy/limit_settings.hpp"

namespace exomock::policy {

/// Where a value came from in the scenario file, for error messages at file:line:column.
struct source_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class listener_kind { submission, submission_legacy, mx, implicit_tls, blackhole, http };

enum class tls_version { tls1_0, tls1_1, tls1_2, tls1_3 };

/// What a TLS 1.0/1.1 client meets on a listener: `exchange` completes the handshake
/// and refuses at AUTH with 421 4.7.66 (unless the tenant opted in on the legacy
/// endpoint), `refuse` fails the handshake with a protocol-version alert, `allow` serves it.
enum class legacy_tls_mode { exchange, refuse, allow };

struct listener_config {
  std::string name;
  listener_kind kind = listener_kind::submission;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string server_name = "smtp.office365.com";  ///< certificate subject / SAN when generated
  std::string certificate_file;                    ///< PEM; empty: generate a self-signed one
  std::string key_file;
  tls_version min_tls = tls_version::tls1_2;
  tls_version max_tls = tls_version::tls1_3;
  legacy_tls_mode tls_mode = legacy_tls_mode::exchange;
  std::string ciphers;  ///< OpenSSL list for TLS 1.2 and below; "": Office 365's published suites
  bool request_client_certificate = false;   ///< asked, never required (MX connector matching)
  bool tls = false;                          ///< kind http: serve HTTPS
  std::uint32_t max_connections = 0;         ///< concurrent connections; 0: no limit
  std::uint32_t max_connections_per_ip = 0;  ///< concurrent connections per client IP; 0: no limit
  std::optional<std::chrono::milliseconds> idle_timeout;  ///< unset: the server's default
  bool require_tls = true;                                ///< MAIL needs STARTTLS first
  bool require_auth = true;                               ///< MAIL needs AUTH first
  source_position where;
};

/// Exchange Online's front-end naming (reference section 1); stable per scenario.
struct service_identity {
  std::string front_end = "SN7PR04CA0123";  ///< FE: host is FE.outlook.office365.com
  std::string region = "namprd04";          ///< DIAG: FE.REGION.prod.outlook.com
  std::string mailbox_server =
      "SN7PR04MB1234";  ///< end-of-DATA [Hostname=MB.REGION.prod.outlook.com]
  /// The MX endpoint's front end (host FE.mail.protection.outlook.com) and its DIAG region.
  std::string mx_front_end = "CH3PEPF00000015";
  std::string mx_region = "namprd21";
};

enum class mailbox_type { user, shared, room };
enum class basic_auth_state { available, disabled, retired };

struct mailbox {
  std::string address;  ///< lower-case UPN / primary SMTP address
  std::string display_name;
  mailbox_type type = mailbox_type::user;
  std::string password;  ///< resolved (from the file or an environment variable)
  bool account_enabled = true;
  bool sign_in_allowed = true;  ///< shared mailboxes default to false
  bool password_expired = false;
  std::optional<bool> smtp_client_authentication_disabled;  ///< unset follows the tenant
  bool per_user_mfa = false;
  std::vector<std::string> app_passwords;
  std::string authentication_policy;  ///< name of a tenant authentication policy, "" for none
  std::vector<std::string> groups;
  std::vector<std::string> send_as;             ///< addresses this login may send as
  std::vector<std::string> send_on_behalf;      ///< addresses this login may send on behalf of
  std::vector<std::string> xoauth2_tokens;      ///< opaque bearer tokens accepted until JWTs exist
  std::optional<bool> federated_idp_reachable;  ///< set when the account is federated
  std::uint64_t max_send_size = 35ULL * 1024 * 1024;  ///< MaxSendSize: 35 MB default (1-150 MB)
  std::uint32_t recipient_limit = 500;                ///< RecipientLimits: 500 default (1-1000)
  bool mailbox_full = false;  ///< Sent Items over quota: 554 5.2.2 at end of DATA
  source_position where;
};

struct authentication_policy {
  std::string name;
  bool allow_basic_auth_smtp = false;
  source_position where;
};

/// A Conditional Access policy's `state` (Graph's spellings: enabled, disabled,
/// enabledForReportingButNotEnforced); only an enabled one is enforced.
enum class policy_state { enabled, disabled, report_only };

struct conditional_access_policy {
  std::string name;
  policy_state state = policy_state::enabled;
  bool block_legacy_authentication = false;
  bool require_mfa = false;
  std::vector<std::string> allowed_ip_ranges;  ///< CIDR; empty: no location condition
  std::vector<std::string> include_users;      ///< addresses or "all"
  std::vector<std::string> include_groups;
  std::vector<std::string> exclude_users;
  std::vector<std::string> exclude_groups;
  source_position where;
};

struct smart_lockout {
  std::uint32_t threshold = 10;
  std::chrono::seconds duration{60};
  double growth = 2.0;  ///< each further lockout lasts this many times longer
  /// Failures older than this no longer count toward the threshold *(chosen: AD FS
  /// extranet lockout's 30-minute observation window; Entra does not publish one)*.
  std::chrono::seconds window{1800};
};

struct inbound_connector {
  std::string name;
  std::vector<std::string> client_ip_ranges;  ///< CIDR
  std::string certificate_subject;            ///< TLS client certificate subject, "" for none
  source_position where;
};

struct application {
  std::string display_name;
  std::string client_id;
  std::vector<std::string> secrets;
  std::vector<std::string> roles;        ///< e.g. "SMTP.SendAsApp"
  std::vector<std::string> full_access;  ///< mailboxes the service principal has FullAccess on
  std::vector<std::string> redirect_uris;
  /// "Allow public client flows": ROPC and device code without a secret.
  bool public_client = false;
  /// Who approves this app's device codes at once; "": they wait for approve().
  std::string device_code_user;
  source_position where;
};

struct tenant {
  std::string name;
  std::string id;                    ///< tenant GUID (tid claim)
  std::vector<std::string> domains;  ///< accepted domains, lower-case; the first is the default
  bool smtp_client_authentication_disabled = true;  ///< Microsoft's default since 2020
  bool security_defaults = false;
  bool allow_legacy_tls_clients = false;
  basic_auth_state basic_auth = basic_auth_state::available;
  bool basic_auth_reenabled = false;  ///< admin turned Basic back on in the "disabled" phase
  bool reject_direct_send = false;
  smart_lockout lockout;
  sending_limit_settings limits;
  std::vector<authentication_policy> authentication_policies;
  std::vector<conditional_access_policy> conditional_access;
  std::vector<inbound_connector> connectors;
  std::vector<application> applications;
  std::vector<mailbox> mailboxes;
  source_position where;

  /// The application with this client id (case-insensitive), or nullptr.
  [[nodiscard]] const application* find_application(std::string_view client_id) const;
};

/// An application and the tenant that registers it; both nullptr when none does.
struct registered_application {
  const tenant* owner = nullptr;
  const application* app = nullptr;
};

struct server_settings {
  std::chrono::milliseconds error_delay{5000};  ///< Exchange answers errors after about 5 s
  bool close_after_auth_failure = false;        ///< unconfirmed on the real service: off by default
  std::uint64_t seed = 1;                       ///< for generated ids and probabilistic rules
  /// Scenario time at start-up; unset: the real time. Every decision, DIAG and stored time uses it.
  std::optional<std::chrono::system_clock::time_point> clock_start;
  double clock_rate = 1.0;  ///< scenario seconds per real second
  service_identity identity;
  /// PEM RSA key that signs and verifies XOAUTH2 JWTs; "": exomock's generated key.
  std::string token_signing_key;
};

struct scenario_model {
  std::string source_file;
  server_settings server;
  std::vector<listener_config> listeners;
  std::vector<tenant> tenants;
  std::vector<fault_rule> faults;  ///< [[fault]], in file order

  /// The tenant this names: its name, one of its accepted domains or its id, without
  /// regard to case; nullptr when none.
  [[nodiscard]] const tenant* find_tenant(std::string_view name_domain_or_id) const;
  /// The tenant whose accepted domains include the address's domain, or nullptr.
  [[nodiscard]] const tenant* tenant_for(std::string_view address) const;
  /// The mailbox with this address (case-insensitive), or nullptr.
  [[nodiscard]] const mailbox* find_mailbox(std::string_view address) const;
  /// The first tenant registering an application with this client id, and the application.
  [[nodiscard]] registered_application find_application(std::string_view client_id) const;
};

}  // namespace exomock::policy
