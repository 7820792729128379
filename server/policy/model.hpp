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

namespace exomock::policy {

/// Where a value came from in the scenario file, for error messages at file:line:column.
struct source_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class listener_kind { submission, submission_legacy, mx, implicit_tls, blackhole, http };

enum class tls_version { tls1_0, tls1_1, tls1_2, tls1_3 };

struct listener_config {
  std::string name;
  listener_kind kind = listener_kind::submission;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string server_name = "smtp.office365.com";  ///< certificate subject / SAN when generated
  std::string certificate_file;                    ///< PEM; empty: generate a self-signed one
  std::string key_file;
  tls_version min_tls = tls_version::tls1_2;
  bool require_tls = true;   ///< MAIL needs STARTTLS first
  bool require_auth = true;  ///< MAIL needs AUTH first
  source_position where;
};

/// Exchange Online's front-end naming (reference section 1); stable per scenario.
struct service_identity {
  std::string front_end = "SN7PR04CA0123";  ///< FE: host is FE.outlook.office365.com
  std::string region = "namprd04";          ///< DIAG: FE.REGION.prod.outlook.com
  std::string mailbox_server =
      "SN7PR04MB1234";  ///< end-of-DATA [Hostname=MB.REGION.prod.outlook.com]
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
  source_position where;
};

struct authentication_policy {
  std::string name;
  bool allow_basic_auth_smtp = false;
  source_position where;
};

struct conditional_access_policy {
  std::string name;
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
  std::vector<authentication_policy> authentication_policies;
  std::vector<conditional_access_policy> conditional_access;
  std::vector<inbound_connector> connectors;
  std::vector<application> applications;
  std::vector<mailbox> mailboxes;
  source_position where;
};

struct server_settings {
  std::chrono::milliseconds error_delay{5000};  ///< Exchange answers errors after about 5 s
  bool close_after_auth_failure = false;        ///< unconfirmed on the real service: off by default
  std::uint64_t seed = 1;                       ///< for generated ids and probabilistic rules
  service_identity identity;
};

struct scenario_model {
  std::string source_file;
  server_settings server;
  std::vector<listener_config> listeners;
  std::vector<tenant> tenants;

  /// The tenant whose accepted domains include the address's domain, or nullptr.
  [[nodiscard]] const tenant* tenant_for(std::string_view address) const;
  /// The mailbox with this address (case-insensitive), or nullptr.
  [[nodiscard]] const mailbox* find_mailbox(std::string_view address) const;
};

}  // namespace exomock::policy
