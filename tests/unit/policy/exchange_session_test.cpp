// exchange_session as the core sees it: greeting, EHLO/HELO, the refusal for
// each protocol error, AUTH verdicts, send-as and size at end of DATA, the
// Message-ID echo, and the error delay on errors only.
#include "policy/exchange_session.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "policy/submission_checks.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using smtp::protocol_error;
using smtp::reply_kind;
using testing::fixed_moment;
using testing::tls_facts;

const std::string diag =
    " [SN7PR04CA0123.namprd04.prod.outlook.com 2026-11-01T09:05:03.123Z 08DF37D4D79EC207]";

class session_test : public ::testing::Test {
 protected:
  session_test() { model_ = std::make_shared<scenario_model>(testing::make_model()); }

  exchange_session& session() {
    if (!session_) {
      session_ = std::make_unique<exchange_session>(model_, model_->listeners[0], clock_, 7);
    }
    return *session_;
  }
  smtp::session_facts logged_in(const std::string& login) {
    smtp::session_facts s = tls_facts();
    s.login = login;
    s.auth_mechanism = "LOGIN";
    return s;
  }
  smtp::message_verdict submit(const std::string& login, const std::string& mail_from,
                               const std::string& bytes) {
    smtp::envelope e;
    e.reverse_path = mail_from;
    e.recipients.push_back({"someone@example.net", "", ""});
    return session().message({bytes, false, false}, e, logged_in(login));
  }

  manual_clock clock_{fixed_moment()};
  std::shared_ptr<scenario_model> model_;
  std::unique_ptr<exchange_session> session_;
};

TEST_F(session_test, session_id_and_greeting) {
  EXPECT_EQ(session().session_id(), "08DF37D4D79EC207");
  const smtp::reply r = session().fixed(reply_kind::greeting, {});
  EXPECT_EQ(r.lines.at(0),
            "SN7PR04CA0123.outlook.office365.com Microsoft ESMTP MAIL Service ready at Sun, 1 Nov "
            "2026 09:05:03 +0000 [08DF37D4D79EC207]");
}

TEST_F(session_test, ehlo_offers_starttls_then_auth) {
  smtp::session_facts plain;
  plain.connection.client_ip = "192.0.2.10";
  plain.extended = true;
  const smtp::reply before = session().hello(plain);
  EXPECT_EQ(before.lines.at(0), "SN7PR04CA0123.outlook.office365.com Hello [192.0.2.10]");
  EXPECT_EQ(before.lines.at(5), "STARTTLS");
  const smtp::reply after = session().hello(tls_facts());
  EXPECT_EQ(after.lines.at(5), "AUTH LOGIN XOAUTH2");
  EXPECT_EQ(after.lines.size(), 10U);
  smtp::session_facts helo = tls_facts();
  helo.extended = false;
  const smtp::reply single = session().hello(helo);
  EXPECT_EQ(single.code, 250);
  EXPECT_EQ(single.lines,
            std::vector<std::string>{"SN7PR04CA0123.outlook.office365.com Hello [127.0.0.1]"});
}

TEST_F(session_test, fixed_replies) {
  EXPECT_EQ(session().fixed(reply_kind::starttls_ready, {}).lines.at(0), "2.0.0 SMTP server ready");
  EXPECT_EQ(session().fixed(reply_kind::auth_login_username, {}).lines.at(0), "VXNlcm5hbWU6");
  EXPECT_EQ(session().fixed(reply_kind::auth_login_password, {}).lines.at(0), "UGFzc3dvcmQ6");
  EXPECT_TRUE(session().fixed(reply_kind::auth_xoauth2_challenge, {}).lines.empty());
  EXPECT_EQ(session().fixed(reply_kind::reset, {}).lines.at(0), "2.0.0 Resetting");
  EXPECT_EQ(session().fixed(reply_kind::noop, {}).lines.at(0), "2.0.0 OK");
  EXPECT_EQ(session().fixed(reply_kind::vrfy, {}).code, 252);
  EXPECT_EQ(session().fixed(reply_kind::expn, {}).code, 502);
  EXPECT_EQ(session().fixed(reply_kind::help, {}).code, 214);
  const smtp::reply quit = session().fixed(reply_kind::quit, {});
  EXPECT_EQ(quit.code, 221);
  EXPECT_EQ(quit.lines.at(0), "2.0.0 Service closing transmission channel");
  EXPECT_TRUE(quit.close_after);
  EXPECT_EQ(session().fixed(reply_kind::data_start, {}).lines.at(0),
            "Start mail input; end with <CRLF>.<CRLF>");
}

TEST_F(session_test, unknown_command_reports_the_length_of_the_first_word) {
  EXPECT_EQ(session().refuse(protocol_error::unknown_command, "GET", {}).lines.at(0),
            "5.3.3 Unrecognized command 'Length: 3'" + diag);
  EXPECT_EQ(session().refuse(protocol_error::unknown_command, "Connection:", {}).lines.at(0),
            "5.3.3 Unrecognized command 'Length: 11'" + diag);
  const smtp::reply binary = session().refuse(protocol_error::unknown_command, "", {});
  EXPECT_EQ(binary.code, 500);
  EXPECT_EQ(binary.lines.at(0), "5.3.3 Unrecognized command 'unknown'" + diag);
}

TEST_F(session_test, refusals_for_protocol_errors) {
  const auto text_of = [&](protocol_error e, std::string_view detail = "",
                           const smtp::session_facts& s = {}) {
    const smtp::reply r = session().refuse(e, detail, s);
    return std::to_string(r.code) + " " + r.lines.at(0);
  };
  EXPECT_EQ(text_of(protocol_error::need_hello), "503 5.5.2 Send hello first" + diag);
  EXPECT_EQ(text_of(protocol_error::need_mail), "503 5.5.2 Need mail command" + diag);
  EXPECT_EQ(text_of(protocol_error::need_rcpt), "503 5.5.2 Need rcpt command" + diag);
  EXPECT_EQ(text_of(protocol_error::sender_already_specified),
            "503 5.5.2 Sender already specified" + diag);
  EXPECT_EQ(text_of(protocol_error::bad_sequence), "503 5.5.1 Bad sequence of commands" + diag);
  EXPECT_EQ(text_of(protocol_error::command_too_long), "500 5.5.2 Command too long" + diag);
  EXPECT_EQ(text_of(protocol_error::starttls_not_available, "", tls_facts()),
            "503 5.5.2 Only one STARTTLS command can be issued per session" + diag);
  EXPECT_EQ(text_of(protocol_error::auth_mechanism_unsupported, "PLAIN"),
            "504 5.7.4 Unrecognized authentication type" + diag);
  EXPECT_EQ(text_of(protocol_error::tls_required),
            "451 5.7.3 STARTTLS is required to send mail" + diag);
  EXPECT_EQ(text_of(protocol_error::auth_required),
            "530 5.7.57 Client not authenticated to send mail." + diag);
  EXPECT_EQ(text_of(protocol_error::size_exceeds_fixed_maximum),
            "552 5.3.4 Message size exceeds fixed maximum message size" + diag);
  EXPECT_EQ(text_of(protocol_error::syntax_error, "MAIL"), "501 5.1.7 Invalid address" + diag);
  EXPECT_EQ(text_of(protocol_error::syntax_error, "RCPT"), "501 5.1.3 Invalid address" + diag);
  EXPECT_EQ(text_of(protocol_error::syntax_error, "EHLO"), "501 5.5.4 Invalid domain name" + diag);
  EXPECT_EQ(text_of(protocol_error::syntax_error, "NOOP"), "501 5.5.4 Invalid arguments" + diag);
  EXPECT_EQ(text_of(protocol_error::parameter_not_recognized, "FOO"),
            "555 5.5.4 Unrecognized parameter" + diag);
  EXPECT_EQ(text_of(protocol_error::parameter_invalid, "SIZE"),
            "501 5.5.4 Invalid arguments" + diag);
  EXPECT_EQ(text_of(protocol_error::non_ascii_address, "MAIL"),
            "553 5.6.7 Non-ASCII addresses not permitted for that sender" + diag);
  EXPECT_EQ(text_of(protocol_error::non_ascii_address, "RCPT"),
            "553 5.6.7 Non-ASCII addresses not permitted for that recipient" + diag);
  EXPECT_EQ(text_of(protocol_error::auth_invalid_base64),
            "501 5.5.2 Cannot Decode response" + diag);
  EXPECT_EQ(text_of(protocol_error::auth_cancelled), "501 5.5.4 Authentication cancelled" + diag);
  EXPECT_EQ(text_of(protocol_error::storage_failed),
            "451 4.7.0 Temporary server error. Please try again later. PRX4  [SN7PR04CA0123."
            "namprd04.prod.outlook.com 2026-11-01T09:05:03.123Z 08DF37D4D79EC207]");
}

TEST_F(session_test, every_refusal_is_delayed_and_nothing_else_is) {
  for (int e = 0; e <= static_cast<int>(protocol_error::storage_failed); ++e) {
    const smtp::reply r = session().refuse(static_cast<protocol_error>(e), "X", tls_facts());
    EXPECT_GE(r.code, 400) << e;
    EXPECT_EQ(r.delay, 5000ms) << e;
  }
  EXPECT_EQ(session().hello(tls_facts()).delay, 0ms);
  EXPECT_EQ(session().mail({}, logged_in("scanner@contoso.com")).delay, 0ms);
  EXPECT_EQ(session().fixed(reply_kind::greeting, {}).delay, 0ms);
}

TEST_F(session_test, error_delay_follows_the_scenario) {
  model_->server.error_delay = 0ms;
  EXPECT_EQ(session().refuse(protocol_error::need_hello, "", {}).delay, 0ms);
}

TEST_F(session_test, authenticate_returns_the_login_and_logs_sign_ins) {
  const smtp::auth_verdict ok =
      session().authenticate({"LOGIN", "SCANNER@contoso.com", "Demo-Passw0rd!", ""}, tls_facts());
  EXPECT_TRUE(ok.authenticated);
  EXPECT_EQ(ok.login, "scanner@contoso.com");
  EXPECT_EQ(ok.answer.code, 235);
  EXPECT_EQ(ok.answer.lines.at(0), "2.7.0 Authentication successful");
  EXPECT_EQ(ok.answer.delay, 0ms);
  const smtp::auth_verdict no =
      session().authenticate({"LOGIN", "alice@contoso.com", "Demo-Passw0rd!", ""}, tls_facts());
  EXPECT_FALSE(no.authenticated);
  EXPECT_EQ(no.answer.code, 535);
  EXPECT_EQ(no.answer.lines.at(0),
            "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
            "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information." +
                diag);
  EXPECT_EQ(no.answer.delay, 5000ms);
  EXPECT_FALSE(no.answer.close_after);
  ASSERT_EQ(session().sign_in_events().size(), 2U);
  EXPECT_EQ(session().sign_in_events()[1].user_principal_name, "alice@contoso.com");
}

TEST_F(session_test, scenario_may_close_after_an_auth_failure) {
  model_->server.close_after_auth_failure = true;
  EXPECT_TRUE(
      session().authenticate({"LOGIN", "x@contoso.com", "y", ""}, tls_facts()).answer.close_after);
}

TEST_F(session_test, retired_basic_auth_and_legacy_tls_replies) {
  const auto retired =
      session().authenticate({"LOGIN", "dave@tailspin.com", "Demo-Passw0rd!", ""}, tls_facts());
  EXPECT_EQ(retired.answer.code, 550);
  const auto legacy = session().authenticate({"LOGIN", "carol@northwind.com", "Demo-Passw0rd!", ""},
                                             tls_facts("TLSv1.1"));
  EXPECT_EQ(legacy.answer.code, 421);
  EXPECT_TRUE(legacy.answer.close_after);
}

TEST_F(session_test, message_id_echoes_the_clients_own) {
  const auto v = submit("scanner@contoso.com", "scanner@contoso.com",
                        "From: scanner@contoso.com\r\nMessage-ID: <abc.123@client.example>\r\n"
                        "Subject: hi\r\n\r\nbody\r\n");
  ASSERT_TRUE(v.accept);
  EXPECT_EQ(v.message_id, "<abc.123@client.example>");
  const smtp::reply& r = v.answer;
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.lines.at(0),
            "2.0.0 OK <abc.123@client.example> [Hostname=SN7PR04MB1234.namprd04.prod.outlook.com]");
}

TEST_F(session_test, message_id_with_control_octets_or_too_long_is_replaced) {
  const std::regex generated(
      "<SN7PR04MB1234[0-9A-F]{25}@SN7PR04MB1234\\.namprd04\\.prod\\.outlook\\.com>");
  for (const std::string& id :
       {std::string("<a\rb@client.example>"), std::string("<a\x1b[2Jb@client.example>"),
        std::string("<j\xC3\xBC@client.example>"),
        "<" + std::string(980, 'x') + "@client.example>"}) {
    const auto v = submit("scanner@contoso.com", "scanner@contoso.com",
                          "From: scanner@contoso.com\r\nMessage-ID: " + id + "\r\n\r\nbody\r\n");
    ASSERT_TRUE(v.accept);
    EXPECT_TRUE(std::regex_match(v.message_id, generated)) << v.message_id;
    EXPECT_EQ(v.answer.lines.at(0).find(v.message_id), 9U);
  }
  // The longest id that still fits a 512-octet reply line is echoed.
  const std::string tail = " [Hostname=SN7PR04MB1234.namprd04.prod.outlook.com]";
  const std::string longest =
      "<" + std::string(512 - 6 - 9 - 17 - tail.size(), 'y') + "@client.example>";
  const auto v = submit("scanner@contoso.com", "scanner@contoso.com",
                        "Message-ID: " + longest + "\r\n\r\nbody\r\n");
  EXPECT_EQ(v.message_id, longest);
  EXPECT_EQ(v.answer.wire().size(), 512U);
}

TEST_F(session_test, message_id_is_generated_when_absent) {
  const auto v =
      submit("scanner@contoso.com", "scanner@contoso.com", "Subject: hi\r\n\r\nbody\r\n");
  ASSERT_TRUE(v.accept);
  EXPECT_TRUE(std::regex_match(
      v.message_id,
      std::regex("<SN7PR04MB1234[0-9A-F]{25}@SN7PR04MB1234\\.namprd04\\.prod\\.outlook\\.com>")))
      << v.message_id;
  // Same seed and session number: the same id.
  exchange_session twin(model_, model_->listeners[0], clock_, 7);
  smtp::envelope e;
  e.reverse_path = "scanner@contoso.com";
  EXPECT_EQ(twin.message({"Subject: hi\r\n\r\nbody\r\n", false, false}, e,
                         logged_in("scanner@contoso.com"))
                .message_id,
            v.message_id);
}

TEST_F(session_test, send_as_allowed_for_self_and_send_as_targets) {
  EXPECT_TRUE(submit("scanner@contoso.com", "Scanner@Contoso.com",
                     "From: \"Scanner\" <scanner@contoso.com>\r\n\r\nx\r\n")
                  .accept);
  EXPECT_TRUE(submit("scanner@contoso.com", "shared@contoso.com",
                     "From: Shared <shared@contoso.com>\r\n\r\nx\r\n")
                  .accept);
}

TEST_F(session_test, send_as_denied_at_end_of_data) {
  const auto v =
      submit("scanner@contoso.com", "alice@contoso.com", "From: alice@contoso.com\r\n\r\nx\r\n");
  EXPECT_FALSE(v.accept);
  EXPECT_EQ(v.answer.code, 554);
  EXPECT_EQ(v.answer.delay, 5000ms);
  EXPECT_EQ(v.answer.lines.at(0),
            "5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as alice@contoso.com; "
            "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed "
            "to process message due to a permanent exception with message "
            "[BeginDiagnosticData]Cannot submit message.");
  // The From header counts even when MAIL FROM is the login.
  EXPECT_FALSE(submit("scanner@contoso.com", "scanner@contoso.com",
                      "From: Alice <alice@contoso.com>\r\n\r\nx\r\n")
                   .accept);
}

TEST_F(session_test, send_as_judges_every_author_and_the_sender) {
  const auto denied_as = [](const smtp::message_verdict& v) {
    const std::string& line = v.answer.lines.at(0);
    const auto from = line.find("send as ") + 8;
    return v.accept ? std::string("accepted") : line.substr(from, line.find(';', from) - from);
  };
  // A mailbox-list: every author counts, not only the first.
  EXPECT_EQ(denied_as(submit("scanner@contoso.com", "scanner@contoso.com",
                             "From: scanner@contoso.com, alice@contoso.com\r\n\r\nx\r\n")),
            "alice@contoso.com");
  // A second From field naming another user.
  EXPECT_EQ(denied_as(submit("scanner@contoso.com", "scanner@contoso.com",
                             "From: scanner@contoso.com\r\nFrom: alice@contoso.com\r\n\r\nx\r\n")),
            "alice@contoso.com");
  // The Sender is judged too.
  EXPECT_EQ(
      denied_as(submit("scanner@contoso.com", "scanner@contoso.com",
                       "From: scanner@contoso.com\r\nSender: alice@contoso.com\r\n\r\nx\r\n")),
      "alice@contoso.com");
  EXPECT_TRUE(submit("scanner@contoso.com", "scanner@contoso.com",
                     "From: scanner@contoso.com, Shared <shared@contoso.com>\r\n"
                     "Sender: scanner@contoso.com\r\n\r\nx\r\n")
                  .accept);
}

TEST_F(session_test, two_from_fields_are_refused_even_when_permitted) {
  const auto v = submit("scanner@contoso.com", "scanner@contoso.com",
                        "From: scanner@contoso.com\r\nFrom: shared@contoso.com\r\n\r\nx\r\n");
  EXPECT_FALSE(v.accept);
  EXPECT_EQ(v.answer.code, 554);
  EXPECT_EQ(v.answer.lines.at(0).rfind("5.6.0 Invalid message content [", 0), 0U);
}

TEST_F(session_test, send_on_behalf_needs_the_sender_header) {
  EXPECT_TRUE(submit("scanner@contoso.com", "scanner@contoso.com",
                     "From: boss@contoso.com\r\nSender: scanner@contoso.com\r\n\r\nx\r\n")
                  .accept);
  EXPECT_FALSE(
      submit("scanner@contoso.com", "scanner@contoso.com", "From: boss@contoso.com\r\n\r\nx\r\n")
          .accept);
}

TEST_F(session_test, unauthenticated_sessions_skip_send_as) {
  smtp::envelope e;
  e.reverse_path = "anyone@example.org";
  const auto v =
      session().message({"From: anyone@example.org\r\n\r\nx\r\n", false, false}, e, tls_facts());
  EXPECT_TRUE(v.accept);
}

TEST_F(session_test, mailbox_send_size_and_header_size) {
  model_->tenants[0].mailboxes[0].max_send_size = 100;
  const auto big = submit("scanner@contoso.com", "scanner@contoso.com",
                          "Subject: x\r\n\r\n" + std::string(200, 'a'));
  EXPECT_FALSE(big.accept);
  EXPECT_EQ(big.answer.code, 554);
  EXPECT_EQ(
      big.answer.lines.at(0).rfind("5.2.0 STOREDRV.Submission.Exception:MessageSubmission", 0), 0U);
  const auto header =
      submit("scanner@contoso.com", "scanner@contoso.com",
             "X-Big: " + std::string(std::size_t{300} * 1024, 'h') + "\r\n\r\nx\r\n");
  EXPECT_EQ(header.answer.code, 552);
  EXPECT_EQ(header.answer.lines.at(0), "5.3.4 Header size exceeds fixed maximum size");
}

TEST_F(session_test, allowance_is_the_logins_max_send_size_with_the_header_kept) {
  model_->tenants[0].mailboxes[0].max_send_size = 100;
  const smtp::message_allowance a = session().allowance({}, logged_in("scanner@contoso.com"));
  EXPECT_EQ(a.max_size, 100U);
  EXPECT_EQ(a.keep_prefix, max_header_size + 4);  // header_too_large() sees the same header
  const smtp::message_allowance anonymous = session().allowance({}, tls_facts());
  EXPECT_EQ(anonymous.max_size, UINT64_MAX);  // the endpoint's SIZE bounds it (the core's)
  // A message the core kept only the head of is judged by the octets received.
  smtp::envelope e;
  e.reverse_path = "scanner@contoso.com";
  smtp::message_content head{"Subject: x\r\n\r\nabc", false, false, 1000};
  const auto v = session().message(head, e, logged_in("scanner@contoso.com"));
  EXPECT_FALSE(v.accept);
  EXPECT_EQ(v.answer.code, 554);
  EXPECT_EQ(v.answer.lines.at(0).rfind("5.2.0 STOREDRV.Submission.Exception:MessageSubmission", 0),
            0U);
}

TEST_F(session_test, mail_is_accepted_whatever_the_sender) {
  smtp::envelope e;
  e.reverse_path = "alice@contoso.com";
  const smtp::reply r = session().mail(e, logged_in("scanner@contoso.com"));
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.lines.at(0), "2.1.0 Sender OK");
}

TEST_F(session_test, recipient_limit) {
  model_->tenants[0].mailboxes[0].recipient_limit = 2;
  smtp::envelope e;
  const auto s = logged_in("scanner@contoso.com");
  EXPECT_EQ(session().rcpt({"a@example.net", "", ""}, e, s).lines.at(0), "2.1.5 Recipient OK");
  e.recipients = {{"a@example.net", "", ""}, {"b@example.net", "", ""}};
  const smtp::reply r = session().rcpt({"c@example.net", "", ""}, e, s);
  EXPECT_EQ(r.code, 452);
  EXPECT_EQ(r.lines.at(0), "4.5.3 Too many recipients" + diag);
}

TEST(session_config, maps_listener_fields) {
  listener_config l;
  l.require_tls = true;
  l.require_auth = true;
  smtp::session_config c = session_config_for(l);
  EXPECT_TRUE(c.starttls_available);
  EXPECT_TRUE(c.auth_requires_tls);
  EXPECT_TRUE(c.mail_requires_tls);
  EXPECT_TRUE(c.mail_requires_auth);
  EXPECT_EQ(c.max_message_size, 157286400U);
  EXPECT_EQ(c.auth_mechanisms, (std::vector<std::string>{"LOGIN", "XOAUTH2"}));
  l.kind = listener_kind::mx;
  l.require_tls = false;
  l.require_auth = false;
  c = session_config_for(l);
  EXPECT_FALSE(c.auth_available);
  EXPECT_FALSE(c.mail_requires_tls);
  EXPECT_FALSE(c.mail_requires_auth);
  EXPECT_TRUE(c.auth_mechanisms.empty());
  l.kind = listener_kind::implicit_tls;
  c = session_config_for(l);
  EXPECT_TRUE(c.tls_from_start);
  EXPECT_FALSE(c.starttls_available);
}

}  // namespace
}  // namespace exomock::policy
