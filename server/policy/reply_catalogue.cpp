// Exchange Online's wording. Sources: /work/shared/reference/exchange-online.md
// sections 1-3 and its evidence files; "(chosen)" marks a text or a suffix rule
// that no smtp.office365.com log shows, with the reason beside it.
#include "policy/reply_catalogue.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "policy/wire_time.hpp"

namespace exomock::policy {

// DIAG rule (chosen): the front end appends its suffix to the errors it decides
// itself (grammar, sequence, TLS, AUTH, MAIL/RCPT refusals: seen on 500 5.3.3,
// 504, 530, 535, 451 5.7.3, 421, and on EOP's 503 5.5.2), not to the mailbox
// server's STOREDRV replies at end of DATA, which carry their own diagnostics.
namespace {

using enum suffix;

// One row per enum value, in enum order (the name of each is in the comment).
// clang-format off
constexpr text_entry rows[] = {
      // ---- connection, EHLO, STARTTLS
      /* greeting */ {220, "{fe_host} Microsoft ESMTP MAIL Service ready at {date} [{sid}]", none, false},
      /* hello_line */ {250, "{fe_host} Hello [{client_ip}]", none, false},
      /* starttls_ready */ {220, "2.0.0 SMTP server ready", none, false},
      // (chosen) on-prem Exchange text; EXO does not advertise STARTTLS twice.
      /* starttls_twice */ {503, "5.5.2 Only one STARTTLS command can be issued per session", diag, false},
      /* service_not_active */ {421, "4.3.2 Service not active", diag, true},
      // (chosen) Exchange's ConnectionDroppedDueTo(reason) form, "due to timeout" as its
      // logs show it; EXO publishes no idle-timeout text.
      /* connection_timed_out */ {421, "4.4.2 Connection dropped due to timeout", diag, true},
      // (chosen) on-prem Exchange's text for a receive connector's connection limits
      // (MaxInboundConnection, MaxInboundConnectionPerSource); EXO's is unpublished.
      /* too_many_connections */ {421, "4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel", diag, true},
      /* tls_legacy_unsupported */ {421, "4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.", diag, true},
      // The text ends with "PRX4 ", so the suffix gives two spaces before '['.
      /* temporary_server_error */ {451, "4.7.0 Temporary server error. Please try again later. PRX4 ", diag, false},
      // ---- AUTH
      /* auth_username_prompt */ {334, "VXNlcm5hbWU6", none, false},
      /* auth_password_prompt */ {334, "UGFzc3dvcmQ6", none, false},
      /* auth_empty_challenge */ {334, "", none, false},
      /* auth_successful */ {235, "2.7.0 Authentication successful", none, false},
      /* auth_unrecognized_type */ {504, "5.7.4 Unrecognized authentication type", diag, false},
      // (chosen) on-prem texts (decompiled SmtpResponse).
      /* auth_already_specified */ {503, "5.5.2 Auth command already specified", diag, false},
      /* auth_cancelled */ {501, "5.5.4 Authentication cancelled", diag, false},
      /* auth_cannot_decode */ {501, "5.5.2 Cannot Decode response", diag, false},
      /* auth_unsuccessful */ {535, "5.7.3 Authentication unsuccessful", diag, false},
      /* auth_bad_credentials */ {535, "5.7.139 Authentication unsuccessful, the user credentials were incorrect.", diag, false},
      /* auth_disabled_for_tenant */ {535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.", diag, false},
      /* auth_disabled_for_mailbox */ {535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.", diag, false},
      /* auth_basic_disabled */ {535, "5.7.139 Authentication unsuccessful, basic authentication is disabled.", diag, false},
      /* auth_security_defaults */ {535, "5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.", diag, false},
      /* auth_criteria_not_met */ {535, "5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.", diag, false},
      /* auth_account_locked */ {535, "5.7.139 Authentication unsuccessful, account locked. Contact your administrator.", diag, false},
      // (chosen) for disabled accounts, expired passwords and blocked sign-in.
      /* auth_account_issue */ {535, "5.7.139 Authentication unsuccessful, account has an issue. Contact your administrator.", diag, false},
      /* auth_federated_sts_unreachable */ {535, "5.7.139 Authentication unsuccessful, federated STS service was unreachable.", diag, false},
      // (chosen) DIAG like every other front-end AUTH refusal; Microsoft's
      // announcement quotes the text alone.
      /* auth_basic_retired */ {550, "5.7.30 Basic authentication is not supported for Client Submission.", diag, false},
      // ---- envelope and DATA
      /* starttls_required */ {451, "5.7.3 STARTTLS is required to send mail", diag, false},
      /* not_authenticated */ {530, "5.7.57 Client not authenticated to send mail.", diag, false},
      /* sender_ok */ {250, "2.1.0 Sender OK", none, false},
      /* recipient_ok */ {250, "2.1.5 Recipient OK", none, false},
      // (chosen) on-prem text; EXO's reply above RecipientLimits is unconfirmed.
      /* too_many_recipients */ {452, "4.5.3 Too many recipients", diag, false},
      /* data_start */ {354, "Start mail input; end with <CRLF>.<CRLF>", none, false},
      // (chosen) on-prem says "CHUNK received OK, N octets"; the core does not pass N.
      /* bdat_chunk_received */ {250, "2.6.0 CHUNK received OK", none, false},
      /* message_accepted */ {250, "2.0.0 OK {message_id} [Hostname={mb_host}]", none, false},
      // (chosen) on-prem text, at MAIL (SIZE=) and when the data itself is too big.
      /* size_exceeds_fixed_maximum */ {552, "5.3.4 Message size exceeds fixed maximum message size", diag, false},
      // Observed on smtp.office365.com without a suffix (2019).
      /* header_too_large */ {552, "5.3.4 Header size exceeds fixed maximum size", none, false},
      // (chosen) on-prem text, for a DATA line above 1000 octets, and for a submitted message
      // with more than one From field whose authors the login may all send as (RFC 5322
      // section 3.6 allows exactly one; Exchange's reply to it is not recorded). An author the
      // login may not send as gets Exchange's 554 5.2.252 SendAsDenied first, as with one From.
      // SendAsDenied is not chosen for the permitted case: it would name a permitted address.
      /* invalid_content */ {554, "5.6.0 Invalid message content", diag, false},
      // (chosen) code 554 5.2.0: only the tail was seen.
      /* max_submission_exceeded */ {554, "5.2.0 STOREDRV.Submission.Exception:MessageSubmissionExceededException.MapiExceptionMaxSubmissionExceeded; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Message size exceeds maximum size limit.", none, false},
      /* send_as_denied */ {554, "5.2.252 SendAsDenied; {login} not allowed to send as {from}; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.", none, false},
      // ---- limits at end of DATA
      /* concurrent_connections_exceeded */ {432, "4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname={mb_host}]", none, false},
      /* submission_quota_exceeded */ {554, "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.", none, false},
      /* mailbox_full */ {554, "5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded", none, false},
      /* throttled_mailbox_full */ {550, "5.2.251 Sender throttled due to continuous mailbox full errors.", none, false},
      /* throttled_send_as_denied */ {550, "5.2.252 Sender throttled due to continuous send as denied errors.", none, false},
      /* throttled_invalid_license */ {550, "5.2.253 Sender throttled due to continuous invalid license errors.", none, false},
      /* throttled_too_many_recipients */ {550, "5.2.254 Sender throttled due to continuous too many recipients errors.", none, false},
      /* throttled_invalid_recipients */ {550, "5.2.255 Sender throttled due to continuous invalid recipients errors.", none, false},
      /* tenant_external_limit */ {550, "5.7.233 Your message can't be sent because your tenant exceeded its daily limit for sending email to external recipients (tenant external recipient rate limit)", none, false},
      // (chosen) on-prem's message rate limit text (decompiled SmtpResponse), for the
      // scenario's "reject" rate behaviour; today's service delays instead.
      /* submission_rate_exceeded */ {421, "4.4.2 Message submission rate for this client has exceeded the configured limit", diag, true},
      // ---- MX endpoint
      // Exchange's inbound form; (chosen) without the "N bytes in T, R KB/sec" that some
      // logs show before "Queued", which would depend on timing.
      /* mx_message_queued */ {250, "2.6.0 {message_id} [InternalId={internal_id}, Hostname={mb_host}] Queued mail for delivery", none, false},
      /* relay_access_denied */ {550, "5.7.64 TenantAttribution; Relay Access Denied", diag, false},
      /* direct_send_not_allowed */ {550, "5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources", diag, false},
      /* server_busy */ {451, "4.7.500 Server busy. Please try again later from [{client_ip}]. (S77)", none, false},
      /* ip_access_denied */ {550, "5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", none, false},
      // ---- session commands
      /* resetting */ {250, "2.0.0 Resetting", none, false},
      /* noop_ok */ {250, "2.0.0 OK", none, false},
      /* closing */ {221, "2.0.0 Service closing transmission channel", none, true},
      // (chosen) on-prem texts for VRFY, EXPN and HELP.
      /* cannot_vrfy */ {252, "2.1.5 Cannot VRFY user", none, false},
      /* expn_not_implemented */ {502, "5.3.3 Command not implemented", diag, false},
      /* help */ {214, "This server supports the following commands:\nHELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH BDAT", none, false},
      // ---- grammar and sequence
      // {command} is "Length: N" (N = length of the first word) or "unknown" (rule inferred).
      /* unrecognized_command */ {500, "5.3.3 Unrecognized command '{command}'", diag, false},
      // (chosen) on-prem texts from here to the end of the table.
      /* command_too_long */ {500, "5.5.2 Command too long", diag, false},
      /* invalid_domain_name */ {501, "5.5.4 Invalid domain name", diag, false},
      /* invalid_sender_address */ {501, "5.1.7 Invalid address", diag, false},
      /* invalid_recipient_address */ {501, "5.1.3 Invalid address", diag, false},
      // Also a known MAIL or RCPT parameter with a bad value, or given twice (501 "Syntax error
      // in parameters or arguments", RFC 5321 section 4.2.2); "Invalid address" would mislead.
      /* invalid_arguments */ {501, "5.5.4 Invalid arguments", diag, false},
      // Code 555 per RFC 5321 section 4.1.1.11; on-prem answers this text with 501.
      /* unrecognized_parameter */ {555, "5.5.4 Unrecognized parameter", diag, false},
      // (chosen) a non-ASCII path without MAIL's SMTPUTF8 (RFC 6531 sections 3.4 and 3.5):
      // 553 and RFC 6533's enhanced code 5.6.7 "Non-ASCII addresses not permitted for that
      // sender/recipient"; Exchange's own wording is not in the reference.
      /* non_ascii_sender */ {553, "5.6.7 Non-ASCII addresses not permitted for that sender", diag, false},
      /* non_ascii_recipient */ {553, "5.6.7 Non-ASCII addresses not permitted for that recipient", diag, false},
      /* need_hello */ {503, "5.5.2 Send hello first", diag, false},
      /* need_mail */ {503, "5.5.2 Need mail command", diag, false},
      /* need_rcpt */ {503, "5.5.2 Need rcpt command", diag, false},
      /* sender_already_specified */ {503, "5.5.2 Sender already specified", diag, false},
      /* bad_sequence */ {503, "5.5.1 Bad sequence of commands", diag, false},
};
// clang-format on
static_assert(std::size(rows) == static_cast<std::size_t>(reply_id::bad_sequence) + 1,
              "one row per text, in enum order");

// The EHLO capabilities after the hello line, in Exchange's order; STARTTLS or
// AUTH takes the sixth place (reference section 2, blocks E1/E2).
// SIZE comes first, with the endpoint's own value.
constexpr std::array<std::string_view, 3> capabilities_before{"PIPELINING", "DSN",
                                                              "ENHANCEDSTATUSCODES"};
constexpr std::array<std::string_view, 4> capabilities_after{"8BITMIME", "BINARYMIME", "CHUNKING",
                                                             "SMTPUTF8"};

// Exchange prints the domain part in the case of the region: "namprd04.prod.outlook.com"
// but "DEUP281.PROD.OUTLOOK.COM" (both forms observed).
std::string service_domain(std::string_view region) {
  const bool upper = !region.empty() && std::none_of(region.begin(), region.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) != 0;
  });
  return std::string(region) + (upper ? ".PROD.OUTLOOK.COM" : ".prod.outlook.com");
}

// One pass over the template, so a value that itself holds "{...}" stays as it is.
std::string expand(std::string_view wording, std::initializer_list<text_arg> args,
                   const std::function<std::string(std::string_view)>& session_value) {
  std::string out;
  while (!wording.empty()) {
    const auto open = wording.find('{');
    const auto close = wording.find('}', open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
      out += wording;
      break;
    }
    out += wording.substr(0, open);
    const std::string_view name = wording.substr(open + 1, close - open - 1);
    const auto* arg =
        std::find_if(args.begin(), args.end(), [&](const text_arg& a) { return a.first == name; });
    out += arg != args.end() ? std::string(arg->second) : session_value(name);
    wording.remove_prefix(close + 1);
  }
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  if (text.empty()) {
    return lines;
  }
  for (auto nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n')) {
    lines.emplace_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  lines.emplace_back(text);
  return lines;
}

}  // namespace

const text_entry& entry(reply_id id) {
  return rows[static_cast<std::size_t>(id)];
}

reply_catalogue::reply_catalogue(service_identity identity, std::string session_id,
                                 const clock& clk, std::chrono::milliseconds error_delay,
                                 listener_kind kind)
    : identity_(std::move(identity)),
      names_(names_for(identity_, kind)),
      session_id_(std::move(session_id)),
      clock_(&clk),
      error_delay_(error_delay) {}

smtp::reply reply_catalogue::make(reply_id id, std::initializer_list<text_arg> args) const {
  const text_entry& row = entry(id);
  std::string wording = expand(row.wording, args, [this](std::string_view name) {
    if (name == "fe_host") {
      return front_end_host();
    }
    if (name == "mb_host") {
      return mailbox_host();
    }
    if (name == "sid") {
      return session_id_;
    }
    if (name == "date") {
      return banner_date(clock_->now());
    }
    return "{" + std::string(name) + "}";
  });
  if (row.tail == suffix::diag) {
    wording += diag_suffix();
  }
  smtp::reply out;
  out.code = row.code;
  out.lines = split_lines(wording);
  out.close_after = row.close_after;
  if (row.code >= 400) {
    out.delay = error_delay_;
  }
  return out;
}

smtp::reply reply_catalogue::ehlo(std::string_view client_ip, bool offer_starttls,
                                  std::string_view auth_mechanisms) const {
  smtp::reply out = make(reply_id::hello_line, {{"client_ip", client_ip}});
  out.lines.push_back("SIZE " + std::to_string(names_.advertised_size));
  out.lines.insert(out.lines.end(), capabilities_before.begin(), capabilities_before.end());
  if (offer_starttls) {
    out.lines.emplace_back("STARTTLS");
  }
  if (!auth_mechanisms.empty()) {
    out.lines.push_back("AUTH " + std::string(auth_mechanisms));
  }
  out.lines.insert(out.lines.end(), capabilities_after.begin(), capabilities_after.end());
  return out;
}

std::string reply_catalogue::front_end_host() const {
  return names_.host;
}

std::string reply_catalogue::mailbox_host() const {
  return identity_.mailbox_server + "." + service_domain(identity_.region);
}

std::string reply_catalogue::diag_suffix() const {
  return " [" + names_.front_end + "." + service_domain(names_.region) + " " +
         diag_timestamp(clock_->now()) + " " + session_id_ + "]";
}

std::string reply_catalogue::generated_message_id(std::mt19937_64& rng) const {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string digits(25, '0');
  for (char& c : digits) {
    c = hex[rng() % 16];
  }
  return "<" + identity_.mailbox_server + digits + "@" + mailbox_host() + ">";
}

std::string make_session_id(std::chrono::system_clock::time_point connected, std::uint64_t seed,
                            std::uint64_t session_number) {
  using namespace std::chrono;
  const auto started = floor<hours>(connected) - hours{4} - minutes{seed % 60};
  const std::uint64_t ticks = dotnet_ticks(started) + session_number;
  std::array<char, 20> buf{};
  std::snprintf(buf.data(), buf.size(), "%016llX", static_cast<unsigned long long>(ticks));
  return buf.data();
}

}  // namespace exomock::policy
