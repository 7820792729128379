// A finished session's outcome word: the facts the core keeps as it replies
// (driven through a real session), and the word those facts give.
#include "smtp/session_outcome.hpp"

#include <gtest/gtest.h>

#include "fake_handler.hpp"
#include "smtp/base64.hpp"

namespace exomock::smtp {
namespace {

using testing::driver;

// AUTH and MAIL without TLS, so a dialogue needs no handshake.
session_config auth_without_tls_config() {
  session_config c = testing::submission_config();
  c.auth_requires_tls = false;
  c.mail_requires_tls = false;
  return c;
}

std::string login_lines(const std::string& password) {
  return "AUTH LOGIN\r\n" + base64_encode("scanner@contoso.com") + "\r\n" +
         base64_encode(password) + "\r\n";
}

TEST(session_outcome, a_message_accepted_is_delivered_whatever_follows) {
  session_facts f;
  f.login = "scanner@contoso.com";
  f.messages_accepted = 1;
  f.last_reply_code = 550;
  EXPECT_EQ(session_outcome(f, true), "delivered");
}

TEST(session_outcome, a_refused_auth_login_exchange_is_auth_failed) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\n" + login_lines("wrong") + "QUIT\r\n");
  EXPECT_EQ(d.core().facts().auth_refusals, 1u);
  EXPECT_EQ(d.core().facts().last_reply_code, 535);  // the 221 to QUIT aside
  EXPECT_EQ(session_outcome(d.core().facts(), false), "auth-failed");
}

TEST(session_outcome, a_failure_then_a_success_is_not_auth_failed) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\n" + login_lines("wrong") + login_lines("secret") + "QUIT\r\n");
  EXPECT_EQ(d.core().facts().auth_refusals, 1u);
  EXPECT_EQ(d.core().facts().last_reply_code, 235);
  EXPECT_EQ(session_outcome(d.core().facts(), false), "closed");
}

TEST(session_outcome, an_auth_refused_before_its_dialogue_is_auth_failed) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\nAUTH CRAM-MD5\r\n");  // 504: not a mechanism on offer
  EXPECT_EQ(d.core().facts().auth_refusals, 1u);
  EXPECT_EQ(session_outcome(d.core().facts(), true), "auth-failed");
}

TEST(session_outcome, a_last_error_reply_before_quit_is_refused) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\nMAIL FROM:<a@b>\r\nQUIT\r\n");  // 530: not authenticated
  EXPECT_EQ(d.core().facts().auth_refusals, 0u);
  EXPECT_GE(d.core().facts().last_reply_code, 500);
  EXPECT_EQ(session_outcome(d.core().facts(), false), "refused");
}

TEST(session_outcome, a_connection_refused_at_the_greeting_is_refused) {
  session_facts f;
  f.last_reply_code = 421;
  EXPECT_EQ(session_outcome(f, false), "refused");
}

TEST(session_outcome, an_idle_client_cut_off_after_positive_replies_timed_out) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\n");
  d.core().give_up(reply_kind::idle_timeout);  // its 421 is the server's goodbye, not a verdict
  EXPECT_EQ(d.core().facts().last_reply_code, 250);
  EXPECT_EQ(session_outcome(d.core().facts(), true), "timed-out");
}

TEST(session_outcome, a_client_that_quits_after_positive_replies_closed) {
  driver d(auth_without_tls_config());
  d.feed("EHLO client\r\nNOOP\r\nQUIT\r\n");
  EXPECT_EQ(session_outcome(d.core().facts(), false), "closed");
  EXPECT_EQ(session_outcome(session_facts{}, false), "closed");
}

}  // namespace
}  // namespace exomock::smtp
