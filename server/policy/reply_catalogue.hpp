// The one place that holds Exchange Online's wording (reference sections 1-3):
// every reply text, the host-name forms and the DIAG suffix. Nothing else in
// exomock spells an Exchange reply; texts marked *(chosen)* in the .cpp are our pick.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "policy/clock.hpp"
#include "policy/endpoint_names.hpp"
#include "policy/model.hpp"
#include "smtp/reply.hpp"

namespace exomock::policy {

/// Every reply exomock can give, by situation.
enum class reply_id : std::uint8_t {
  // connection, EHLO, STARTTLS
  greeting,
  hello_line,
  starttls_ready,
  starttls_twice,
  service_not_active,
  connection_timed_out,
  too_many_connections,
  tls_legacy_unsupported,
  temporary_server_error,
  // AUTH
  auth_username_prompt,
  auth_password_prompt,
  auth_empty_challenge,
  auth_successful,
  auth_unrecognized_type,
  auth_already_specified,
  auth_cancelled,
  auth_cannot_decode,
  auth_unsuccessful,
  auth_bad_credentials,
  auth_disabled_for_tenant,
  auth_disabled_for_mailbox,
  auth_basic_disabled,
  auth_security_defaults,
  auth_criteria_not_met,
  auth_account_locked,
  auth_account_issue,
  auth_federated_sts_unreachable,
  auth_basic_retired,
  // envelope and DATA
  starttls_required,
  not_authenticated,
  sender_ok,
  recipient_ok,
  too_many_recipients,
  data_start,
  bdat_chunk_received,
  message_accepted,
  size_exceeds_fixed_maximum,
  header_too_large,
  invalid_content,
  max_submission_exceeded,
  send_as_denied,
  // limits (end of DATA)
  concurrent_connections_exceeded,
  submission_quota_exceeded,
  mailbox_full,
  throttled_mailbox_full,
  throttled_send_as_denied,
  throttled_invalid_license,
  throttled_too_many_recipients,
  throttled_invalid_recipients,
  tenant_external_limit,
  submission_rate_exceeded,
  // MX endpoint
  mx_message_queued,
  relay_access_denied,
  direct_send_not_allowed,
  server_busy,
  ip_access_denied,
  // session commands
  resetting,
  noop_ok,
  closing,
  cannot_vrfy,
  expn_not_implemented,
  help,
  // grammar and sequence
  unrecognized_command,
  command_too_long,
  invalid_domain_name,
  invalid_sender_address,
  invalid_recipient_address,
  invalid_arguments,
  unrecognized_parameter,
  non_ascii_sender,
  non_ascii_recipient,
  need_hello,
  need_mail,
  need_rcpt,
  sender_already_specified,
  bad_sequence,
};

/// Whether the front-end diagnostic suffix (reference section 1) follows the text.
enum class suffix : std::uint8_t { none, diag };

struct text_entry {
  int code;
  /// One line, or several separated by '\n'; "" for a reply with no text ("334 ").
  /// `{name}` marks a value filled in per reply (see reply_catalogue::make).
  std::string_view wording;
  suffix tail;
  bool close_after;
};

/// The catalogue row for `id`.
[[nodiscard]] const text_entry& entry(reply_id id);

/// A value for a `{name}` placeholder.
using text_arg = std::pair<std::string_view, std::string_view>;

/// Exchange's replies for one session: names from the scenario's service identity,
/// the session id, the reply time from the injected clock, the error delay.
class reply_catalogue {
 public:
  /// `kind` picks the endpoint's names: the MX endpoint shows EOP's front end.
  reply_catalogue(service_identity identity, std::string session_id, const clock& clk,
                  std::chrono::milliseconds error_delay,
                  listener_kind kind = listener_kind::submission);

  /// The reply for `id`, placeholders filled from `args` and from the session
  /// ({fe_host}, {mb_host}, {sid}, {date}); DIAG appended and the error delay
  /// set on 4xx/5xx as the table says.
  [[nodiscard]] smtp::reply make(reply_id id, std::initializer_list<text_arg> args = {}) const;
  /// The EHLO reply: hello line, then the capabilities in Exchange's order, STARTTLS
  /// and AUTH only when offered.
  [[nodiscard]] smtp::reply ehlo(std::string_view client_ip, bool offer_starttls,
                                 std::string_view auth_mechanisms) const;

  /// FE.outlook.office365.com (FE.mail.protection.outlook.com on the MX endpoint)
  [[nodiscard]] std::string front_end_host() const;
  /// MB.REGION.prod.outlook.com (the end-of-DATA Hostname)
  [[nodiscard]] std::string mailbox_host() const;
  /// " [FE.REGION.prod.outlook.com yyyy-MM-ddTHH:mm:ss.fffZ SID]" at the clock's now.
  [[nodiscard]] std::string diag_suffix() const;
  /// "<MB + 25 hex digits@MB.REGION.prod.outlook.com>", as Exchange generates for a
  /// message without a Message-ID header.
  [[nodiscard]] std::string generated_message_id(std::mt19937_64& rng) const;

  [[nodiscard]] const std::string& session_id() const { return session_id_; }

 private:
  service_identity identity_;
  endpoint_names names_;
  std::string session_id_;
  const clock* clock_;
  std::chrono::milliseconds error_delay_;
};

/// The SID: .NET ticks of a moment 4 to 5 hours before `connected` (real SIDs decode
/// to a few hours before the connection), plus the session number: unique per process
/// and reproducible under a manual clock. 16 upper-case hex digits.
[[nodiscard]] std::string make_session_id(std::chrono::system_clock::time_point connected,
                                          std::uint64_t seed, std::uint64_t session_number);

}  // namespace exomock::policy
