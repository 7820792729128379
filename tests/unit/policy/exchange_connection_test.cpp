// exchange_connection, the one object the transport talks to: refusal past a
// connection limit, sign-in events and captures as actions, and what a
// connection sees of a change to the live scenario (its next AUTH reads it).
#include "policy/exchange_connection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "connection_driver.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using testing::connection_driver;

class exchange_connection_test : public ::testing::Test {
 protected:
  exchange_connection_test() {
    auto m = testing::make_model();
    m.server.error_delay = 0ms;
    live_.replace(std::make_shared<scenario_model>(std::move(m)));
  }
  manual_clock clock_{testing::fixed_moment()};
  live_scenario live_;
};

TEST_F(exchange_connection_test, past_a_connection_limit_it_refuses_instead_of_greeting) {
  const connection_services services{&live_, &clock_, nullptr};
  exchange_connection c(services, "submission", 1, {"submission", "127.0.0.1", 1, "", 587}, false);
  const auto actions = c.start();
  ASSERT_EQ(actions.size(), 1U);
  const auto& refusal = std::get<smtp::send_reply>(actions[0]).answer;
  EXPECT_EQ(refusal.code, 421);
  EXPECT_TRUE(refusal.lines.front().starts_with("4.3.2 "));
  EXPECT_TRUE(refusal.close_after);
}

TEST_F(exchange_connection_test, sign_ins_come_first_in_the_batch_of_their_reply) {
  const connection_services services{&live_, &clock_, nullptr};
  exchange_connection c(services, "submission", 1, {"submission", "127.0.0.1", 1, "", 587});
  (void)c.start();
  (void)c.receive("EHLO a\r\nSTARTTLS\r\n");
  (void)c.tls_established({"TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"});
  (void)c.receive("EHLO a\r\n");
  const auto actions = c.receive("AUTH LOGIN " + smtp::base64_encode("alice@contoso.com") + "\r\n" +
                                 smtp::base64_encode("Demo-Passw0rd!") + "\r\n");
  ASSERT_EQ(actions.size(), 3U);  // the sign-in, then the 334 and the 535
  const auto& event = std::get<record_sign_in>(actions[0]).event;
  EXPECT_EQ(event.user_principal_name, "alice@contoso.com");
  EXPECT_EQ(event.error_code, 0);  // Entra logs a success: Exchange refused after sign-in
  const auto& refusal = std::get<smtp::send_reply>(actions[2]).answer;
  EXPECT_EQ(refusal.code, 535);
  ASSERT_EQ(refusal.lines.size(), 1U);
  // The sign-in carries the reply line its client got, not the 334 before it.
  EXPECT_EQ(event.smtp_reply, "535 " + refusal.lines.front());
}

// A pipelined EHLO's 250 comes first in the batch; the sign-in keeps its own AUTH's reply.
TEST_F(exchange_connection_test, a_sign_in_keeps_its_own_reply_in_a_pipelined_batch) {
  const connection_services services{&live_, &clock_, nullptr};
  exchange_connection c(services, "submission", 1, {"submission", "127.0.0.1", 1, "", 587});
  (void)c.start();
  (void)c.receive("EHLO a\r\nSTARTTLS\r\n");
  (void)c.tls_established({"TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"});
  const std::string sasl =
      std::string("user=scanner@contoso.com\x01") + "auth=Bearer not-a-token\x01\x01";
  const auto actions = c.receive("EHLO a\r\nAUTH XOAUTH2 " + smtp::base64_encode(sasl) + "\r\n");
  ASSERT_FALSE(actions.empty());
  const auto& event = std::get<record_sign_in>(actions[0]).event;
  EXPECT_TRUE(event.smtp_reply.starts_with("535 5.7.3 Authentication unsuccessful"))
      << event.smtp_reply;
}

TEST_F(exchange_connection_test, a_capture_says_how_the_message_arrived_and_when_it_is_released) {
  connection_driver d(live_, clock_);
  d.login("carol@northwind.com");
  d.say("MAIL FROM:<carol@northwind.com>");
  d.say("RCPT TO:<x@example.net>");
  d.say("DATA");
  EXPECT_TRUE(d.send_message().starts_with("250 2.0.0 OK <"));
  ASSERT_EQ(d.captures().size(), 1U);
  EXPECT_EQ(d.captures()[0].path, "submission");
  EXPECT_EQ(d.captures()[0].released, testing::fixed_moment());
  EXPECT_EQ(d.captures()[0].message.transaction.reverse_path, "carol@northwind.com");
  ASSERT_EQ(d.sign_ins().size(), 1U);
  EXPECT_EQ(d.sign_ins()[0].error_code, 0);
}

// Issue 13: a message past the login's MaxSendSize (35 MB by default) is read to its
// end and refused with Exchange's 554 5.2.0, by DATA and by BDAT, and nothing is stored.
TEST_F(exchange_connection_test, a_message_past_max_send_size_gets_554_and_is_not_stored) {
  const std::string too_large =
      "554 5.2.0 STOREDRV.Submission.Exception:MessageSubmissionExceededException."
      "MapiExceptionMaxSubmissionExceeded; Failed to process message due to a permanent "
      "exception with message [BeginDiagnosticData]Message size exceeds maximum size limit.";
  std::string chunk;  // 1,048 lines of 1,000 octets (the text-line limit), CRLF included
  for (int i = 0; i < 1048; ++i) {
    chunk += std::string(998, 'x') + "\r\n";
  }
  const int chunks = 40;  // about 40 MB
  for (const bool bdat : {false, true}) {
    connection_driver d(live_, clock_);
    d.login("carol@northwind.com");
    d.say("MAIL FROM:<carol@northwind.com>");
    d.say("RCPT TO:<x@example.net>");
    const std::string bdat_line = "BDAT " + std::to_string(chunk.size());
    if (!bdat) {
      d.say("DATA");
      d.say("Subject: big\r\n");  // the header and its end, then the text
      for (int i = 0; i < chunks; ++i) {
        (void)d.connection().receive(chunk);
      }
      EXPECT_EQ(d.say("."), too_large);
    } else {
      // say() ends each with the CRLF the chunk's last line lacks here.
      const std::string text = chunk.substr(0, chunk.size() - 2);
      EXPECT_EQ(d.say("BDAT 18\r\nSubject: big\r\n\r\n"), "250 2.6.0 CHUNK received OK");
      for (int i = 0; i + 1 < chunks; ++i) {
        EXPECT_EQ(d.say(bdat_line + "\r\n" + text), "250 2.6.0 CHUNK received OK");
      }
      EXPECT_EQ(d.say(bdat_line + " LAST\r\n" + text), too_large);
    }
    EXPECT_EQ(d.stored(), 0U);
    EXPECT_TRUE(d.captures().empty());
    EXPECT_EQ(d.say("NOOP"), "250 2.0.0 OK");  // the session goes on
  }
}

// Found by fuzz/smtp_core: SendAsDenied named the From field's address as written, so a
// NUL or an ESC in it reached the client, and a long one made a reply line over 512 octets.
TEST_F(exchange_connection_test, send_as_denied_names_the_author_printably_within_512_octets) {
  const auto refusal = [this](const std::string& from) {
    connection_driver d(live_, clock_);
    d.login("carol@northwind.com");
    d.say("MAIL FROM:<carol@northwind.com>");
    d.say("RCPT TO:<x@example.net>");
    d.say("DATA");
    d.say("From: <" + from + ">\r\nSubject: s\r\n\r\nbody\r\n.");
    EXPECT_EQ(d.stored(), 0U);
    return d.last_reply();
  };
  const std::string control_octets("alice@c\0\x1bontoso.com", 19);
  for (const std::string& from : {control_octets, std::string(600, 'a') + "@contoso.com"}) {
    const smtp::reply r = refusal(from);
    EXPECT_EQ(r.code, 554);
    ASSERT_EQ(r.lines.size(), 1U);
    EXPECT_LE(r.wire().size(), 512U);
    EXPECT_TRUE(std::all_of(r.lines[0].begin(), r.lines[0].end(), [](char c) {
      return c >= 0x20 && c < 0x7F;
    })) << r.lines[0];
  }
  const std::string line = refusal(control_octets).lines.at(0);
  EXPECT_NE(line.find(" not allowed to send as alice@c??ontoso.com; "), std::string::npos) << line;
}

// Set-TransportConfig on every tenant, as the admin API would make it live.
void disable_smtp_auth(live_scenario& live) {
  auto changed = std::make_shared<scenario_model>(*live.snapshot());
  for (tenant& t : changed->tenants) {
    t.smtp_client_authentication_disabled = true;
  }
  live.replace(changed);
}

TEST_F(exchange_connection_test, the_next_auth_of_an_open_connection_reads_the_live_scenario) {
  connection_driver before(live_, clock_);
  disable_smtp_auth(live_);
  connection_driver after(live_, clock_);
  const std::string refused =
      "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
      "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.";
  EXPECT_TRUE(before.auth("carol@northwind.com").starts_with(refused));
  EXPECT_TRUE(after.auth("carol@northwind.com").starts_with(refused));
}

TEST_F(exchange_connection_test, a_session_signed_in_before_a_change_keeps_sending) {
  connection_driver d(live_, clock_);
  d.login("carol@northwind.com");
  disable_smtp_auth(live_);
  EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>"), "250 2.1.0 Sender OK");
  EXPECT_EQ(d.say("RCPT TO:<someone@example.net>"), "250 2.1.5 Recipient OK");
  d.say("DATA");
  EXPECT_TRUE(d.send_message().starts_with("250 2.0.0 OK"));
}

// The sending limits judge by the scenario the AUTH read, not the one the
// connection started with: a tenant's quota set before the login applies.
TEST_F(exchange_connection_test, the_limits_follow_the_scenario_the_auth_read) {
  connection_driver d(live_, clock_);
  auto changed = std::make_shared<scenario_model>(*live_.snapshot());
  for (tenant& t : changed->tenants) {
    t.limits.recipients_per_day = 1;
  }
  live_.replace(changed);
  d.login("carol@northwind.com");
  EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>"), "250 2.1.0 Sender OK");
  EXPECT_EQ(d.say("RCPT TO:<one@example.net>"), "250 2.1.5 Recipient OK");
  EXPECT_EQ(d.say("RCPT TO:<two@example.net>"), "250 2.1.5 Recipient OK");
  d.say("DATA");
  EXPECT_TRUE(d.send_message().starts_with(
      "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException"));
}

TEST_F(exchange_connection_test, an_unknown_listener_is_a_programming_error) {
  const connection_services services{&live_, &clock_, nullptr};
  EXPECT_THROW(exchange_connection(services, "nowhere", 1, {}), std::invalid_argument);
}

}  // namespace
}  // namespace exomock::policy
