// A finished session's outcome word, from its transcript and facts.
#include "smtp/session_outcome.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace exomock::smtp {
namespace {

// "C: ..." and "S: ..." lines as a transcript.
transcript log_of(std::initializer_list<std::string> lines) {
  transcript t;
  for (const std::string& line : lines) {
    if (line.starts_with("C: ")) {
      t.client(line.substr(3));
    } else if (line.starts_with("S: ")) {
      t.server(line.substr(3));
    } else {
      t.note(line);
    }
  }
  return t;
}

const std::initializer_list<std::string> hello = {
    "S: 220 FE.outlook.office365.com Microsoft ESMTP MAIL Service ready", "C: EHLO client",
    "S: 250-FE.outlook.office365.com Hello [127.0.0.1]", "S: 250 SMTPUTF8"};

transcript with_hello(std::initializer_list<std::string> more) {
  transcript t = log_of(hello);
  for (const std::string& line : more) {
    if (line.starts_with("C: ")) {
      t.client(line.substr(3));
    } else {
      t.server(line.substr(3));
    }
  }
  return t;
}

TEST(session_outcome, a_message_accepted_is_delivered_whatever_follows) {
  session_facts f;
  f.login = "scanner@contoso.com";
  f.messages_accepted = 1;
  EXPECT_EQ(session_outcome(with_hello({"C: MAIL FROM:<a@b>", "S: 550 5.7.1 no"}), f, true),
            "delivered");
}

TEST(session_outcome, a_refused_auth_login_exchange_is_auth_failed) {
  const auto t =
      with_hello({"C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: ********", "S: 334 UGFzc3dvcmQ6",
                  "C: ********", "S: 535 5.7.139 Authentication unsuccessful", "C: QUIT",
                  "S: 221 2.0.0 Service closing transmission channel"});
  EXPECT_EQ(session_outcome(t, {}, false), "auth-failed");
}

TEST(session_outcome, a_failure_then_a_success_is_not_auth_failed) {
  session_facts f;
  f.login = "scanner@contoso.com";
  const auto t =
      with_hello({"C: AUTH PLAIN ********", "S: 535 5.7.139 no", "C: AUTH PLAIN ********",
                  "S: 235 2.7.0 Authentication successful", "C: QUIT", "S: 221 2.0.0 bye"});
  EXPECT_EQ(session_outcome(t, f, false), "closed");
}

TEST(session_outcome, an_initial_response_refused_with_550_is_auth_failed) {
  const auto t = with_hello({"C: AUTH LOGIN ********", "S: 334 UGFzc3dvcmQ6", "C: ********",
                             "S: 550 5.7.30 Basic authentication is not supported"});
  EXPECT_EQ(session_outcome(t, {}, true), "auth-failed");
}

TEST(session_outcome, a_last_error_reply_before_quit_is_refused) {
  const auto t = with_hello({"C: MAIL FROM:<a@b>", "S: 530 5.7.57 Client not authenticated",
                             "C: QUIT", "S: 221 2.0.0 bye"});
  EXPECT_EQ(session_outcome(t, {}, false), "refused");
}

TEST(session_outcome, a_connection_refused_at_the_greeting_is_refused) {
  const auto t = log_of({"S: 421 4.3.2 The maximum number of concurrent connections has exceeded"});
  EXPECT_EQ(session_outcome(t, {}, false), "refused");
}

TEST(session_outcome, an_idle_client_cut_off_after_positive_replies_timed_out) {
  EXPECT_EQ(session_outcome(log_of(hello), {}, true), "timed-out");
}

TEST(session_outcome, a_client_that_quits_after_positive_replies_closed) {
  EXPECT_EQ(
      session_outcome(with_hello({"C: NOOP", "S: 250 2.0.0 OK", "C: QUIT", "S: 221 2.0.0 bye"}), {},
                      false),
      "closed");
  EXPECT_EQ(session_outcome(transcript{}, {}, false), "closed");
}

TEST(session_outcome, a_multi_line_reply_counts_by_its_last_line) {
  const auto t = log_of({"S: 220 ready", "C: EHLO x", "S: 250-first", "S: 250 last"});
  EXPECT_EQ(session_outcome(t, {}, false), "closed");
}

}  // namespace
}  // namespace exomock::smtp
