// The wire formats of reference section 1 (banner date, DIAG, SID, Hostname,
// generated Message-ID) and the exact wording of the catalogue rows.
#include "policy/reply_catalogue.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "policy/wire_time.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using testing::fixed_moment;
using namespace std::chrono_literals;

class catalogue_test : public ::testing::Test {
 protected:
  manual_clock clock_{fixed_moment()};
  reply_catalogue replies_{service_identity{}, "08DF37D4D79EC207", clock_, 5000ms};
  const std::string diag_ =
      " [SN7PR04CA0123.namprd04.prod.outlook.com 2026-11-01T09:05:03.123Z 08DF37D4D79EC207]";
};

TEST(wire_time, banner_date_has_no_leading_zero_on_the_day) {
  EXPECT_EQ(banner_date(fixed_moment()), "Sun, 1 Nov 2026 09:05:03 +0000");
  using namespace std::chrono;
  EXPECT_EQ(banner_date(sys_days{year{2026} / November / 28} + 17h + 44min + 36s),
            "Sat, 28 Nov 2026 17:44:36 +0000");
}

TEST(wire_time, diag_timestamp_has_milliseconds) {
  EXPECT_EQ(diag_timestamp(fixed_moment()), "2026-11-01T09:05:03.123Z");
}

TEST(wire_time, dotnet_ticks_of_the_unix_epoch) {
  EXPECT_EQ(dotnet_ticks(std::chrono::system_clock::time_point{}), 621355968000000000ULL);
}

TEST(session_id, is_ticks_of_a_few_hours_before_plus_the_session_number) {
  // 2026-11-01 04:59:00 UTC (09:00 - 4 h - seed 1 minute) in ticks, + 7.
  EXPECT_EQ(make_session_id(fixed_moment(), 1, 7), "08DF37D4D79EC207");
  EXPECT_EQ(make_session_id(fixed_moment(), 1, 8), "08DF37D4D79EC208");
  EXPECT_TRUE(
      std::regex_match(make_session_id(fixed_moment(), 99, 123456), std::regex("[0-9A-F]{16}")));
}

TEST_F(catalogue_test, greeting_carries_host_date_and_sid) {
  const smtp::reply r = replies_.make(reply_id::greeting);
  EXPECT_EQ(r.code, 220);
  ASSERT_EQ(r.lines.size(), 1U);
  EXPECT_EQ(r.lines[0],
            "SN7PR04CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Sun, 1 Nov "
            "2026 09:05:03 +0000 [08DF37D4D79EC207]");
  EXPECT_EQ(r.delay, 0ms);
}

TEST_F(catalogue_test, diag_suffix_follows_the_reference_form) {
  EXPECT_EQ(replies_.diag_suffix(), diag_);
  const smtp::reply r = replies_.make(reply_id::auth_bad_credentials);
  EXPECT_EQ(r.code, 535);
  EXPECT_EQ(r.lines.at(0),
            "5.7.139 Authentication unsuccessful, the user credentials were incorrect." + diag_);
}

TEST_F(catalogue_test, diag_uses_the_reply_time) {
  clock_.advance(5s);
  EXPECT_EQ(replies_.diag_suffix(),
            " [SN7PR04CA0123.namprd04.prod.outlook.com 2026-11-01T09:05:08.123Z 08DF37D4D79EC207]");
}

TEST_F(catalogue_test, upper_case_region_gives_upper_case_domain) {
  reply_catalogue upper{service_identity{"FR4P281CA0258", "DEUP281", "FR4P281MB1234"}, "X", clock_,
                        0ms};
  EXPECT_EQ(upper.mailbox_host(), "FR4P281MB1234.DEUP281.PROD.OUTLOOK.COM");
  EXPECT_EQ(upper.diag_suffix(),
            " [FR4P281CA0258.DEUP281.PROD.OUTLOOK.COM 2026-11-01T09:05:03.123Z X]");
}

TEST_F(catalogue_test, prx4_keeps_two_spaces_before_the_bracket) {
  const smtp::reply r = replies_.make(reply_id::temporary_server_error);
  EXPECT_EQ(r.code, 451);
  EXPECT_EQ(r.lines.at(0), "4.7.0 Temporary server error. Please try again later. PRX4 " + diag_);
  EXPECT_NE(r.lines.at(0).find("PRX4  ["), std::string::npos);
}

TEST_F(catalogue_test, errors_are_delayed_successes_are_not) {
  EXPECT_EQ(replies_.make(reply_id::need_hello).delay, 5000ms);
  EXPECT_EQ(replies_.make(reply_id::tls_legacy_unsupported).delay, 5000ms);
  EXPECT_EQ(replies_.make(reply_id::send_as_denied).delay, 5000ms);
  EXPECT_EQ(replies_.make(reply_id::auth_successful).delay, 0ms);
  EXPECT_EQ(replies_.make(reply_id::auth_password_prompt).delay, 0ms);
  EXPECT_EQ(replies_.make(reply_id::data_start).delay, 0ms);
}

TEST_F(catalogue_test, closing_replies_close) {
  EXPECT_TRUE(replies_.make(reply_id::closing).close_after);
  EXPECT_TRUE(replies_.make(reply_id::tls_legacy_unsupported).close_after);
  EXPECT_TRUE(replies_.make(reply_id::service_not_active).close_after);
  EXPECT_FALSE(replies_.make(reply_id::auth_bad_credentials).close_after);
}

TEST_F(catalogue_test, empty_challenge_has_no_text) {
  const smtp::reply r = replies_.make(reply_id::auth_empty_challenge);
  EXPECT_EQ(r.code, 334);
  EXPECT_TRUE(r.lines.empty());
}

TEST_F(catalogue_test, ehlo_before_and_after_tls) {
  const smtp::reply before = replies_.ehlo("203.0.113.9", true, "");
  const std::vector<std::string> e1{"SN7PR04CA0123.outlook.office365.com Hello [203.0.113.9]",
                                    "SIZE 157286400",
                                    "PIPELINING",
                                    "DSN",
                                    "ENHANCEDSTATUSCODES",
                                    "STARTTLS",
                                    "8BITMIME",
                                    "BINARYMIME",
                                    "CHUNKING",
                                    "SMTPUTF8"};
  EXPECT_EQ(before.code, 250);
  EXPECT_EQ(before.lines, e1);
  std::vector<std::string> e2 = e1;
  e2[5] = "AUTH LOGIN XOAUTH2";
  EXPECT_EQ(replies_.ehlo("203.0.113.9", false, "LOGIN XOAUTH2").lines, e2);
}

TEST_F(catalogue_test, placeholders_are_filled_once) {
  const smtp::reply r =
      replies_.make(reply_id::message_accepted, {{"message_id", "<{sid}@client.example>"}});
  EXPECT_EQ(r.lines.at(0),
            "2.0.0 OK <{sid}@client.example> [Hostname=SN7PR04MB1234.namprd04.prod.outlook.com]");
}

TEST_F(catalogue_test, generated_message_id_has_exchange_form) {
  std::mt19937_64 rng(42);
  const std::string id = replies_.generated_message_id(rng);
  EXPECT_TRUE(std::regex_match(
      id,
      std::regex("<SN7PR04MB1234[0-9A-F]{25}@SN7PR04MB1234\\.namprd04\\.prod\\.outlook\\.com>")))
      << id;
  std::mt19937_64 same(42);
  EXPECT_EQ(replies_.generated_message_id(same), id);
}

// Exact text of every reference row exomock gives (code, then text before DIAG).
struct row {
  reply_id id;
  int code;
  std::string wording;
  bool diag;
};

TEST_F(catalogue_test, every_reference_text_is_exact) {
  const std::vector<row> rows{
      {reply_id::starttls_ready, 220, "2.0.0 SMTP server ready", false},
      {reply_id::starttls_twice, 503, "5.5.2 Only one STARTTLS command can be issued per session",
       true},
      {reply_id::auth_unrecognized_type, 504, "5.7.4 Unrecognized authentication type", true},
      {reply_id::auth_username_prompt, 334, "VXNlcm5hbWU6", false},
      {reply_id::auth_password_prompt, 334, "UGFzc3dvcmQ6", false},
      {reply_id::auth_successful, 235, "2.7.0 Authentication successful", false},
      {reply_id::auth_disabled_for_tenant, 535,
       "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
       "Visit https://aka.ms/smtp_auth_disabled for more information.",
       true},
      {reply_id::auth_disabled_for_mailbox, 535,
       "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. "
       "Visit https://aka.ms/smtp_auth_disabled for more information.",
       true},
      {reply_id::auth_basic_disabled, 535,
       "5.7.139 Authentication unsuccessful, basic authentication is disabled.", true},
      {reply_id::auth_security_defaults, 535,
       "5.7.139 Authentication unsuccessful, user is locked by your organization's security "
       "defaults policy. Contact your administrator.",
       true},
      {reply_id::auth_criteria_not_met, 535,
       "5.7.139 Authentication unsuccessful, the request did not meet the criteria to be "
       "authenticated successfully. Contact your administrator.",
       true},
      {reply_id::auth_account_locked, 535,
       "5.7.139 Authentication unsuccessful, account locked. Contact your administrator.", true},
      {reply_id::auth_account_issue, 535,
       "5.7.139 Authentication unsuccessful, account has an issue. Contact your administrator.",
       true},
      {reply_id::auth_federated_sts_unreachable, 535,
       "5.7.139 Authentication unsuccessful, federated STS service was unreachable.", true},
      {reply_id::auth_unsuccessful, 535, "5.7.3 Authentication unsuccessful", true},
      {reply_id::auth_basic_retired, 550,
       "5.7.30 Basic authentication is not supported for Client Submission.", true},
      {reply_id::tls_legacy_unsupported, 421,
       "4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS "
       "1.2. Visit https://aka.ms/smtp_auth_tls.",
       true},
      {reply_id::service_not_active, 421, "4.3.2 Service not active", true},
      {reply_id::starttls_required, 451, "5.7.3 STARTTLS is required to send mail", true},
      {reply_id::not_authenticated, 530, "5.7.57 Client not authenticated to send mail.", true},
      {reply_id::sender_ok, 250, "2.1.0 Sender OK", false},
      {reply_id::recipient_ok, 250, "2.1.5 Recipient OK", false},
      {reply_id::too_many_recipients, 452, "4.5.3 Too many recipients", true},
      {reply_id::data_start, 354, "Start mail input; end with <CRLF>.<CRLF>", false},
      {reply_id::size_exceeds_fixed_maximum, 552,
       "5.3.4 Message size exceeds fixed maximum message size", true},
      {reply_id::header_too_large, 552, "5.3.4 Header size exceeds fixed maximum size", false},
      {reply_id::max_submission_exceeded, 554,
       "5.2.0 "
       "STOREDRV.Submission.Exception:MessageSubmissionExceededException."
       "MapiExceptionMaxSubmissionExceeded; Failed to process message due to a permanent exception "
       "with message [BeginDiagnosticData]Message size exceeds maximum size limit.",
       false},
      {reply_id::concurrent_connections_exceeded, 432,
       "4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for "
       "more information. [Hostname=SN7PR04MB1234.namprd04.prod.outlook.com]",
       false},
      {reply_id::submission_quota_exceeded, 554,
       "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process "
       "message due to a permanent exception with message [BeginDiagnosticData]Cannot submit "
       "message.",
       false},
      {reply_id::mailbox_full, 554,
       "5.2.2 mailbox full; "
       "STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
       false},
      {reply_id::throttled_send_as_denied, 550,
       "5.2.252 Sender throttled due to continuous send as denied errors.", false},
      {reply_id::tenant_external_limit, 550,
       "5.7.233 Your message can't be sent because your tenant exceeded its daily limit for "
       "sending email to external recipients (tenant external recipient rate limit)",
       false},
      {reply_id::relay_access_denied, 550, "5.7.64 TenantAttribution; Relay Access Denied", true},
      {reply_id::direct_send_not_allowed, 550,
       "5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from "
       "unauthorized sources",
       true},
      {reply_id::ip_access_denied, 550,
       "5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", false},
      {reply_id::resetting, 250, "2.0.0 Resetting", false},
      {reply_id::noop_ok, 250, "2.0.0 OK", false},
      {reply_id::closing, 221, "2.0.0 Service closing transmission channel", false},
      {reply_id::cannot_vrfy, 252, "2.1.5 Cannot VRFY user", false},
      {reply_id::expn_not_implemented, 502, "5.3.3 Command not implemented", true},
      {reply_id::command_too_long, 500, "5.5.2 Command too long", true},
      {reply_id::need_hello, 503, "5.5.2 Send hello first", true},
      {reply_id::need_mail, 503, "5.5.2 Need mail command", true},
      {reply_id::need_rcpt, 503, "5.5.2 Need rcpt command", true},
      {reply_id::sender_already_specified, 503, "5.5.2 Sender already specified", true},
      {reply_id::bad_sequence, 503, "5.5.1 Bad sequence of commands", true},
      {reply_id::auth_cancelled, 501, "5.5.4 Authentication cancelled", true},
      {reply_id::auth_cannot_decode, 501, "5.5.2 Cannot Decode response", true},
  };
  for (const row& r : rows) {
    const smtp::reply reply = replies_.make(r.id);
    EXPECT_EQ(reply.code, r.code) << r.wording;
    ASSERT_EQ(reply.lines.size(), 1U) << r.wording;
    EXPECT_EQ(reply.lines[0], r.wording + (r.diag ? diag_ : "")) << r.wording;
  }
}

TEST_F(catalogue_test, help_is_two_lines) {
  const smtp::reply r = replies_.make(reply_id::help);
  EXPECT_EQ(r.code, 214);
  EXPECT_EQ(r.lines, (std::vector<std::string>{
                         "This server supports the following commands:",
                         "HELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH BDAT"}));
}

TEST_F(catalogue_test, send_as_denied_names_login_and_sender) {
  const smtp::reply r = replies_.make(
      reply_id::send_as_denied, {{"login", "scanner@contoso.com"}, {"from", "alice@contoso.com"}});
  EXPECT_EQ(r.code, 554);
  EXPECT_EQ(r.lines.at(0),
            "5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as alice@contoso.com; "
            "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed "
            "to process message due to a permanent exception with message "
            "[BeginDiagnosticData]Cannot submit message.");
}

}  // namespace
}  // namespace exomock::policy
