// AUTH (RFC 4954): LOGIN, PLAIN and XOAUTH2 dialogues, initial responses,
// cancellation, bad base64, malformed SASL messages, the 12288-octet AUTH lines,
// and the redaction of every secret in the transcript.
#include <gtest/gtest.h>

#include "fake_handler.hpp"
#include "smtp/base64.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;
using testing::describe;
using testing::driver;
using testing::first_reply;
using testing::replies;
using strings = std::vector<std::string>;

std::string b64(std::string_view s) {
  return base64_encode(s);
}

/// A session after EHLO, STARTTLS, EHLO: ready for AUTH.
std::unique_ptr<driver> tls_session(session_config c = testing::submission_config()) {
  auto d = std::make_unique<driver>(std::move(c));
  d->feed("EHLO a\r\nSTARTTLS\r\n");
  d->feed("EHLO a\r\n");
  return d;
}

/// The transcript after the post-TLS EHLO, for redaction checks.
std::string transcript_tail(driver& d) {
  std::string t = d.core().transcript().text();
  return t.substr(t.find("S: 250 tls\n") + 11);
}

TEST(AuthLogin, Dialogue) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH LOGIN\r\n")), (strings{"fixed:auth_login_username"}));
  EXPECT_EQ(replies(d->feed(b64("alice@contoso.com") + "\r\n")),
            (strings{"fixed:auth_login_password"}));
  EXPECT_EQ(replies(d->feed(b64("secret") + "\r\n")), (strings{"auth-ok:alice@contoso.com"}));
  EXPECT_EQ(d->core().facts().login.value_or(""), "alice@contoso.com");
  EXPECT_EQ(d->core().facts().auth_mechanism, "LOGIN");
  const credentials& c = d->handler.credentials_seen.at(0);
  EXPECT_EQ(c.mechanism, "LOGIN");
  EXPECT_EQ(c.identity, "alice@contoso.com");
  EXPECT_EQ(c.secret, "secret");
  EXPECT_EQ(transcript_tail(*d),
            "C: AUTH LOGIN\nS: 334 fixed:auth_login_username\nC: ********\n"
            "S: 334 fixed:auth_login_password\nC: ********\nS: 235 auth-ok:alice@contoso.com");
  EXPECT_EQ(d->core().transcript().text().find("secret"), std::string::npos);
}

TEST(AuthLogin, InitialResponseGoesStraightToThePassword) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("auth login " + b64("bob") + "\r\n" + b64("secret") + "\r\n")),
            (strings{"fixed:auth_login_password", "auth-ok:bob"}));
  EXPECT_EQ(
      transcript_tail(*d),
      "C: auth login ********\nS: 334 fixed:auth_login_password\nC: ********\nS: 235 auth-ok:bob");
}

TEST(AuthLogin, WrongPasswordAllowsAnotherTry) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH LOGIN " + b64("bob") + "\r\n" + b64("wrong") + "\r\n")),
            (strings{"fixed:auth_login_password", "auth-bad:bob"}));
  EXPECT_FALSE(d->core().facts().login);
  EXPECT_EQ(d->core().facts().auth_mechanism, "");
  EXPECT_EQ(replies(d->feed("AUTH LOGIN " + b64("bob") + "\r\n" + b64("secret") + "\r\n")),
            (strings{"fixed:auth_login_password", "auth-ok:bob"}));
  EXPECT_EQ(first_reply(d->feed("AUTH LOGIN\r\n")), "refuse:already_authenticated:AUTH");
}

TEST(Auth, CancelWithStar) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH LOGIN\r\n*\r\nNOOP\r\n")),
            (strings{"fixed:auth_login_username", "refuse:auth_cancelled:", "fixed:noop"}));
  EXPECT_EQ(replies(d->feed("AUTH LOGIN " + b64("bob") + "\r\n*\r\n")),
            (strings{"fixed:auth_login_password", "refuse:auth_cancelled:"}));
  EXPECT_TRUE(d->handler.credentials_seen.empty());
  EXPECT_NE(transcript_tail(*d).find("C: *\nS: 500 refuse:auth_cancelled:"), std::string::npos);
}

TEST(Auth, InvalidBase64) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH LOGIN\r\n!!!!\r\nAUTH LOGIN @@@\r\nAUTH PLAIN a\r\n")),
            (strings{"fixed:auth_login_username", "refuse:auth_invalid_base64:",
                     "refuse:auth_invalid_base64:", "refuse:auth_invalid_base64:"}));
  EXPECT_TRUE(d->handler.credentials_seen.empty());
  EXPECT_EQ(transcript_tail(*d).find("@@@"), std::string::npos);
}

TEST(AuthXoauth2, InitialResponse) {
  auto d = tls_session();
  std::string token(3000, 'T');  // a JWT-sized token: the AUTH line is far above 512 octets
  std::string ir =
      b64("user=alice@contoso.com\x01"
          "auth=Bearer " +
          token + "\x01\x01");
  d->handler.password = token;
  EXPECT_EQ(replies(d->feed("AUTH XOAUTH2 " + ir + "\r\n")),
            (strings{"auth-ok:alice@contoso.com"}));
  EXPECT_EQ(d->core().facts().auth_mechanism, "XOAUTH2");
  EXPECT_EQ(d->handler.credentials_seen.at(0).secret, token);
  EXPECT_EQ(transcript_tail(*d), "C: AUTH XOAUTH2 ********\nS: 235 auth-ok:alice@contoso.com");
}

TEST(AuthXoauth2, Challenge) {
  auto d = tls_session();
  auto a = d->feed("AUTH XOAUTH2\r\n");
  EXPECT_EQ(describe(a), "reply 334\n");  // "334 " on the wire
  EXPECT_EQ(replies(d->feed(b64("user=u@x.example\x01"
                                "auth=Bearer secret\x01\x01") +
                            "\r\n")),
            (strings{"auth-ok:u@x.example"}));
  EXPECT_EQ(transcript_tail(*d),
            "C: AUTH XOAUTH2\nS: 334 \nC: ********\nS: 235 auth-ok:u@x.example");
}

TEST(AuthXoauth2, Malformed) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH XOAUTH2 " +
                            b64("user=u\x01"
                                "auth=Basic secret\x01\x01") +
                            "\r\n" + "AUTH XOAUTH2 " + b64("just a token") + "\r\n")),
            (strings{"refuse:auth_malformed:", "refuse:auth_malformed:"}));
  EXPECT_TRUE(d->handler.credentials_seen.empty());
}

TEST(AuthPlain, InitialResponseChallengeAndEmpty) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH PLAIN " + b64("admin\0alice\0wrong"s) + "\r\n")),
            (strings{"auth-bad:alice"}));
  EXPECT_EQ(d->handler.credentials_seen.at(0).authzid, "admin");
  EXPECT_EQ(replies(d->feed("AUTH PLAIN =\r\n")), (strings{"refuse:auth_malformed:"}));
  EXPECT_EQ(replies(d->feed("AUTH PLAIN\r\n" + b64("\0alice\0secret"s) + "\r\n")),
            (strings{"334 ", "auth-ok:alice"}));
  EXPECT_EQ(d->core().facts().auth_mechanism, "PLAIN");
}

TEST(Auth, MechanismsNotOfferedOrBeforeTls) {
  session_config c;  // default: LOGIN and XOAUTH2 only, AUTH needs TLS
  auto d = tls_session(c);
  EXPECT_EQ(
      replies(d->feed("AUTH PLAIN " + b64("\0alice\0secret"s) + "\r\nAUTH CRAM-MD5\r\nAUTH\r\n")),
      (strings{"refuse:auth_mechanism_unsupported:PLAIN",
               "refuse:auth_mechanism_unsupported:CRAM-MD5", "refuse:syntax_error:AUTH"}));
  driver plain(c);
  plain.feed("EHLO a\r\n");
  EXPECT_EQ(replies(plain.feed("AUTH login\r\nAUTH LOGIN a b\r\n")),
            (strings{"refuse:auth_mechanism_unsupported:login", "refuse:syntax_error:AUTH"}));
  // The secret in a malformed AUTH line is redacted too.
  EXPECT_NE(plain.core().transcript().text().find("C: AUTH LOGIN ********"), std::string::npos);
}

TEST(Auth, WithoutTlsWhenTheListenerAllowsIt) {
  session_config c = testing::submission_config();
  c.auth_requires_tls = false;
  driver d(c);
  d.feed("EHLO a\r\n");
  EXPECT_EQ(first_reply(d.feed("AUTH PLAIN " + b64("\0alice\0secret"s) + "\r\n")), "auth-ok:alice");
}

TEST(Auth, PipelinedWithMail) {
  auto d = tls_session();
  EXPECT_EQ(replies(d->feed("AUTH PLAIN " + b64("\0alice\0secret"s) +
                            "\r\nMAIL FROM:<alice@contoso.com>\r\n")),
            (strings{"auth-ok:alice", "mail-ok:alice@contoso.com"}));
}

TEST(Auth, LongContinuationLinesUpTo12288Octets) {
  auto d = tls_session();
  d->feed("AUTH XOAUTH2\r\n");
  std::string token(9000, 'T');
  d->handler.password = token;
  std::string line =
      b64("user=u\x01"
          "auth=Bearer " +
          token + "\x01\x01");
  ASSERT_GT(line.size(), 512u);
  EXPECT_EQ(replies(d->feed(line + "\r\n")), (strings{"auth-ok:u"}));
}

TEST(Auth, LinesAbove12288OctetsAreTooLong) {
  auto d = tls_session();
  std::string huge(12288 - 2 - 13, 'A');  // "AUTH XOAUTH2 " + huge + CRLF = 12288
  EXPECT_EQ(replies(d->feed("AUTH XOAUTH2 " + huge + "\r\n")),
            (strings{"refuse:auth_invalid_base64:"}));
  EXPECT_EQ(replies(d->feed("AUTH XOAUTH2 " + huge + "A\r\nNOOP\r\n")),
            (strings{"refuse:command_too_long:", "fixed:noop"}));
  EXPECT_EQ(replies(d->feed("AUTH XOAUTH2\r\n" + std::string(12289, 'A') + "\r\nNOOP\r\n")),
            (strings{"334 ", "refuse:command_too_long:", "fixed:noop"}));
  EXPECT_EQ(d->core().transcript().text().find("AAAA"), std::string::npos);
}

TEST(Auth, DuringTransaction) {
  session_config c = testing::submission_config();
  c.mail_requires_auth = false;
  auto d = tls_session(c);
  d->feed("MAIL FROM:<a@b.example>\r\n");
  EXPECT_EQ(first_reply(d->feed("AUTH LOGIN\r\n")), "refuse:auth_in_transaction:AUTH");
}

TEST(Auth, AuthLineLookingLikeACommandIsAResponse) {
  auto d = tls_session();
  // In the dialogue "QUIT" is a base64 response ("A\x05\x04"), not a command.
  EXPECT_EQ(replies(d->feed("AUTH LOGIN\r\nQUIT\r\n")),
            (strings{"fixed:auth_login_username", "fixed:auth_login_password"}));
  EXPECT_FALSE(d->core().closed());
}

}  // namespace
}  // namespace exomock::smtp
