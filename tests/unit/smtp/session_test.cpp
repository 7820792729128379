// Session behaviour that is not the matrix: framing and limits, binary input,
// HELO/EHLO, RSET, QUIT, STARTTLS (and its discarding of pipelined plaintext),
// implicit TLS, the store wait and the transcript.
#include <gtest/gtest.h>

#include "fake_handler.hpp"
#include "smtp/base64.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;
using testing::describe;
using testing::driver;
using testing::first_reply;
using testing::open_config;
using testing::replies;

using strings = std::vector<std::string>;

TEST(Framing, GreetingOnStart) {
  driver d;
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(describe(d.all()[0]), "reply 220 fixed:greeting");
  EXPECT_EQ(d.core().transcript().text(), "S: 220 fixed:greeting");
}

TEST(GiveUp, TheServersOwnGoodbyeIsRecordedAndCloses) {
  driver d;
  d.feed("EHLO client\r\nMAIL FROM:<a@b>\r\n");
  const auto out = d.core().give_up(reply_kind::idle_timeout);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(describe(out[0]), "reply 421 fixed:idle_timeout [close_after]");
  EXPECT_TRUE(std::holds_alternative<close_connection>(out[1]));
  EXPECT_TRUE(d.core().closed());
  EXPECT_TRUE(d.core().transcript().text().ends_with("S: 421 fixed:idle_timeout"));
  EXPECT_TRUE(d.core().give_up(reply_kind::shutting_down).empty());  // once only
  EXPECT_TRUE(d.feed("RSET\r\n").empty());
}

TEST(GiveUp, NothingWhileTheTlsHandshakeIsAwaited) {
  driver d;
  d.auto_events = false;
  d.feed("EHLO client\r\nSTARTTLS\r\n");
  EXPECT_TRUE(d.core().give_up(reply_kind::shutting_down).empty());
}

TEST(Framing, CrlfAndBareLfEndCommands) {
  driver d;
  EXPECT_EQ(replies(d.feed("NOOP\r\nnoop\nNoOp\r\n")),
            (strings{"fixed:noop", "fixed:noop", "fixed:noop"}));
}

TEST(Framing, BareCrDoesNotEndACommand) {
  driver d;
  // "NOOP\rQUIT" is one line holding a control octet: binary, detail "".
  EXPECT_EQ(replies(d.feed("NOOP\rQUIT\r\n")), (strings{"refuse:unknown_command:"}));
  EXPECT_FALSE(d.core().closed());
  // Not a command, so only its size is recorded (it may be a secret).
  EXPECT_EQ(d.core().transcript().entries().at(1).text, "******** <9 octets, not a command>");
}

TEST(Framing, PartialLineWaits) {
  driver d;
  EXPECT_TRUE(d.feed("NO").empty());
  EXPECT_TRUE(d.feed("OP\r").empty());
  EXPECT_EQ(replies(d.feed("\n")), (strings{"fixed:noop"}));
}

TEST(Framing, EmptyAndUnknownLines) {
  driver d;
  EXPECT_EQ(replies(d.feed("\r\n\n   \r\nXYZZY plugh\r\nFOO\r\nMAILFROM:<a@b>\r\n")),
            (strings{"refuse:unknown_command:", "refuse:unknown_command:",
                     "refuse:unknown_command:", "refuse:unknown_command:XYZZY",
                     "refuse:unknown_command:FOO", "refuse:unknown_command:MAILFROM:<a@b>"}));
}

TEST(Framing, BinaryInputIsUnknownWithEmptyDetail) {
  driver d;
  std::string hello = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"s + "\r\n";
  EXPECT_EQ(replies(d.feed(hello)), (strings{"refuse:unknown_command:"}));
  EXPECT_EQ(replies(d.feed("FOO\xFF\r\n")), (strings{"refuse:unknown_command:"}));
  EXPECT_EQ(replies(d.feed("F\x7FO\r\n")), (strings{"refuse:unknown_command:"}));
  // UTF-8 is text, not binary: the word is quoted back.
  EXPECT_EQ(replies(d.feed("F\xC3\x96\xC3\x96 x\r\n")),
            (strings{"refuse:unknown_command:F\xC3\x96\xC3\x96"}));
  EXPECT_EQ(d.core().transcript().entries().at(1).text, "******** <11 octets, not a command>");
}

std::string line_of(std::size_t total, std::string_view ending = "\r\n") {
  std::string prefix = "NOOP ";
  return prefix + std::string(total - prefix.size() - ending.size(), 'x') + std::string(ending);
}

TEST(Limits, CommandLineOf512OctetsIsAccepted) {
  driver d;
  EXPECT_EQ(replies(d.feed(line_of(512))), (strings{"fixed:noop"}));
  EXPECT_EQ(replies(d.feed(line_of(512, "\n"))), (strings{"fixed:noop"}));
}

TEST(Limits, CommandLineAboveTheLimitIsRefusedOnceAndDiscarded) {
  for (std::size_t size : {513u, 600u, 5000u}) {
    driver d;
    EXPECT_EQ(replies(d.feed(line_of(size) + "NOOP\r\n")),
              (strings{"refuse:command_too_long:", "fixed:noop"}))
        << size;
    EXPECT_EQ(d.core().transcript().entries().at(1).text,
              "<command line above 512 octets discarded>");
  }
}

TEST(Limits, OverLongLineInPiecesIsRefusedWhenTheLimitIsReached) {
  driver d;
  std::string line = line_of(2000);
  EXPECT_TRUE(d.feed(line.substr(0, 511)).empty());
  EXPECT_EQ(replies(d.feed(line.substr(511, 1))), (strings{"refuse:command_too_long:"}));
  EXPECT_TRUE(d.feed(line.substr(512, 1000)).empty());  // still the same line: discarded
  EXPECT_EQ(replies(d.feed(line.substr(1512) + "QUIT\r\n")), (strings{"fixed:quit"}));
}

TEST(Limits, ConfiguredCommandLimit) {
  session_config c = testing::submission_config();
  c.max_command_line = 64;
  driver d(c);
  EXPECT_EQ(replies(d.feed(line_of(64) + line_of(65))),
            (strings{"fixed:noop", "refuse:command_too_long:"}));
}

TEST(Hello, EhloAndHeloSetFacts) {
  driver d;
  auto a = d.feed("EHLO  client.example \r\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(describe(a[0]), "reply 250 hello:client.example EHLO plain");
  EXPECT_EQ(d.core().facts().hello_name, "client.example");
  EXPECT_TRUE(d.core().facts().extended);
  d.feed("HELO other\r\n");
  EXPECT_EQ(d.core().facts().hello_name, "other");
  EXPECT_FALSE(d.core().facts().extended);
}

TEST(Hello, MissingArgumentIsSyntaxError) {
  driver d;
  EXPECT_EQ(replies(d.feed("EHLO\r\nHELO   \r\nEHLO \x01\r\n")),
            (strings{"refuse:syntax_error:EHLO", "refuse:syntax_error:HELO",
                     "refuse:syntax_error:EHLO"}));
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<>\r\n")), "refuse:need_hello:MAIL");
}

TEST(Hello, RefusedEhloLeavesTheStateAsItWas) {
  driver d(open_config());
  d.feed("EHLO first.example\r\nMAIL FROM:<a@b.example>\r\n");
  d.handler.refuse_hello = true;
  EXPECT_EQ(first_reply(d.feed("EHLO second.example\r\n")), "hello-refused:second.example");
  EXPECT_EQ(d.core().facts().hello_name, "first.example");
  // The transaction survived (RFC 5321 section 4.1.4).
  EXPECT_TRUE(first_reply(d.feed("RCPT TO:<r@c.example>\r\n")).starts_with("rcpt-ok:"));
}

TEST(Hello, EhloResetsTheTransaction) {
  driver d(open_config());
  d.feed("EHLO a.example\r\nMAIL FROM:<a@b.example>\r\n");
  EXPECT_EQ(replies(d.feed("EHLO a.example\r\nRCPT TO:<r@c.example>\r\n")),
            (strings{"hello:a.example", "refuse:need_mail:RCPT"}));
}

TEST(Rset, ResetsTheTransactionButNotTheGreeting) {
  driver d(open_config());
  EXPECT_EQ(replies(d.feed("RSET\r\nMAIL FROM:<>\r\n")),
            (strings{"fixed:reset", "refuse:need_hello:MAIL"}));
  EXPECT_EQ(replies(d.feed("EHLO a\r\nMAIL FROM:<>\r\nRCPT TO:<r@c.example>\r\nRSET\r\n"
                           "RCPT TO:<r@c.example>\r\nMAIL FROM:<x@y.example>\r\n")),
            (strings{"hello:a", "mail-ok:", "rcpt-ok:r@c.example:0", "fixed:reset",
                     "refuse:need_mail:RCPT", "mail-ok:x@y.example"}));
}

TEST(Quit, RepliesClosesAndIgnoresTheRest) {
  driver d;
  auto a = d.feed("QUIT\r\nNOOP\r\n");
  EXPECT_EQ(describe(a), "reply 221 fixed:quit [close_after]\nclose\n");
  EXPECT_TRUE(d.core().closed());
  EXPECT_TRUE(d.feed("NOOP\r\n").empty());
}

TEST(Quit, HandlerReplyWithCloseAfterEndsTheSession) {
  driver d(open_config());
  auto a = d.feed("EHLO a\r\nMAIL FROM:<>\r\nRCPT TO:<drop@c.example>\r\nNOOP\r\n");
  EXPECT_EQ(describe(a),
            "reply 250 hello:a EHLO plain\nreply 250 mail-ok:\nreply 421 rcpt-drop "
            "[close_after]\nclose\n");
  EXPECT_TRUE(d.core().closed());
}

TEST(PeerClosed, StopsEverything) {
  driver d;
  d.core().peer_closed();
  EXPECT_TRUE(d.core().closed());
  EXPECT_TRUE(d.feed("NOOP\r\n").empty());
}

TEST(SimpleCommands, NoopVrfyExpnHelp) {
  driver d;
  EXPECT_EQ(replies(d.feed("NOOP hello\r\nVRFY bob\r\nEXPN staff\r\nHELP\r\nHELP MAIL\r\n")),
            (strings{"fixed:noop", "fixed:vrfy", "fixed:expn", "fixed:help", "fixed:help"}));
}

TEST(Starttls, DiscardsPipelinedPlaintext) {
  driver d;
  d.auto_events = false;
  auto a = d.feed("EHLO a\r\nSTARTTLS\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<");
  EXPECT_EQ(describe(a),
            "reply 250 hello:a EHLO plain\nreply 220 fixed:starttls_ready\nstart_tls\n");
  // Bytes arriving before the handshake completes are discarded too (CVE-2011-0411).
  EXPECT_TRUE(d.feed("victim@y.example>\r\nDATA\r\n").empty());
  EXPECT_TRUE(d.core().session::tls_established({"TLSv1.3", "TLS_AES_128_GCM_SHA256"}).empty());
  EXPECT_EQ(d.core().facts().tls->version, "TLSv1.3");
  EXPECT_EQ(d.core().facts().hello_name, "");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<a@b.example>\r\n")), "refuse:need_hello:MAIL");
  for (const auto& call : d.handler.calls) EXPECT_EQ(call.find("evil"), std::string::npos) << call;
  EXPECT_EQ(d.core().transcript().text(),
            "S: 220 fixed:greeting\nC: EHLO a\nS: 250-hello:a\nS: 250-EHLO\nS: 250 plain\n"
            "C: STARTTLS\nS: 220 fixed:starttls_ready\n"
            "*  TLS established: TLSv1.3 TLS_AES_128_GCM_SHA256\n"
            "C: MAIL FROM:<a@b.example>\nS: 500 refuse:need_hello:MAIL");
}

TEST(Starttls, ForgetsHelloAuthAndTransaction) {
  driver d(open_config());
  d.feed("EHLO a\r\nAUTH PLAIN " + base64_encode("\0alice\0secret"s) + "\r\n");
  ASSERT_EQ(d.core().facts().login.value_or(""), "alice");
  d.feed("STARTTLS\r\n");
  EXPECT_FALSE(d.core().facts().login);
  EXPECT_EQ(d.core().facts().auth_mechanism, "");
  EXPECT_EQ(d.core().facts().hello_name, "");
  EXPECT_EQ(describe(d.feed("EHLO a\r\n")), "reply 250 hello:a EHLO tls\n");
}

TEST(Starttls, Refusals) {
  driver d;
  EXPECT_EQ(first_reply(d.feed("STARTTLS\r\n")), "refuse:need_hello:STARTTLS");
  d.feed("EHLO a\r\n");
  EXPECT_EQ(first_reply(d.feed("STARTTLS now\r\n")), "refuse:syntax_error:STARTTLS");
  d.feed("STARTTLS\r\n");
  d.feed("EHLO a\r\n");
  EXPECT_EQ(first_reply(d.feed("STARTTLS\r\n")), "refuse:starttls_not_available:STARTTLS");
}

TEST(Starttls, ImplicitTls) {
  session_config c = testing::submission_config();
  c.tls_from_start = true;
  testing::fake_handler h;
  session s(c, {}, h);
  EXPECT_TRUE(s.tls_established({"TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"}).empty());
  EXPECT_EQ(testing::describe(s.start()), "reply 220 fixed:greeting\n");
  EXPECT_EQ(replies(s.receive("EHLO a\r\nSTARTTLS\r\n")),
            (strings{"hello:a", "refuse:starttls_not_available:STARTTLS"}));
  EXPECT_TRUE(s.transcript().text().starts_with("*  TLS established: TLSv1.2 ECDHE-RSA"));
}

TEST(Store, PipelinedCommandsWaitForTheStore) {
  driver d(open_config());
  d.auto_events = false;
  auto a = d.feed(
      "EHLO a\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\nhi\r\n.\r\nNOOP\r\n");
  ASSERT_FALSE(a.empty());
  const auto* store = std::get_if<store_message>(&a.back());
  ASSERT_NE(store, nullptr) << describe(a);
  EXPECT_EQ(store->content, "hi\r\n");
  EXPECT_EQ(store->transaction.reverse_path, "s@x.example");
  ASSERT_EQ(store->transaction.recipients.size(), 1u);
  EXPECT_EQ(store->transaction.recipients[0].forward_path, "r@y.example");
  EXPECT_FALSE(store->bdat);
  EXPECT_EQ(store->message_id, "<id1@s@x.example>");
  EXPECT_EQ(store->facts.hello_name, "a");
  EXPECT_TRUE(d.feed("RSET\r\n").empty());  // buffered, not answered before the 250
  EXPECT_EQ(replies(d.core().message_stored(true)),
            (strings{"stored:<id1@s@x.example>:1", "fixed:noop", "fixed:reset"}));
  EXPECT_EQ(d.core().facts().messages_accepted, 1u);
  EXPECT_EQ(first_reply(d.feed("RCPT TO:<r@y.example>\r\n")), "refuse:need_mail:RCPT");
}

TEST(Store, FailureIsRefusedAndNotCounted) {
  driver d(open_config());
  d.store_ok = false;
  auto r = replies(
      d.feed("EHLO a\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\nhi\r\n.\r\n"));
  EXPECT_EQ(r.back(), "refuse:storage_failed:");
  EXPECT_EQ(d.core().facts().messages_accepted, 0u);
  EXPECT_EQ(first_reply(d.feed("RCPT TO:<r@y.example>\r\n")), "refuse:need_mail:RCPT");
}

TEST(Store, RefusedMessageResetsTheTransaction) {
  driver d(open_config());
  d.handler.accept_messages = false;
  auto a = d.feed(
      "EHLO a\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\nhi\r\n.\r\nRCPT "
      "TO:<r@y.example>\r\n");
  EXPECT_EQ(replies(a), (strings{"hello:a", "mail-ok:s@x.example", "rcpt-ok:r@y.example:0",
                                 "fixed:data_start", "message-bad", "refuse:need_mail:RCPT"}));
  for (const auto& act : a) EXPECT_FALSE(std::holds_alternative<store_message>(act));
}

TEST(Transcript, RecordsCommandsRepliesAndDataSummary) {
  driver d(open_config());
  d.feed(
      "EHLO a\r\nMAIL FROM:<s@x.example> SIZE=10\r\nRCPT TO:<r@y.example>\r\nDATA\r\nSubject: "
      "x\r\n\r\nhi\r\n.\r\nQUIT\r\n");
  EXPECT_EQ(d.core().transcript().text(),
            "S: 220 fixed:greeting\n"
            "C: EHLO a\nS: 250-hello:a\nS: 250-EHLO\nS: 250 plain\n"
            "C: MAIL FROM:<s@x.example> SIZE=10\nS: 250 mail-ok:s@x.example\n"
            "C: RCPT TO:<r@y.example>\nS: 250 rcpt-ok:r@y.example:0\n"
            "C: DATA\nS: 354 fixed:data_start\n"
            "*  <18 octets of message data>\n"
            "S: 250 stored:<id1@s@x.example>:1\n"
            "C: QUIT\nS: 221 fixed:quit");
}

TEST(Rcpt, RefusedRecipientIsNotAdded) {
  driver d(open_config());
  auto r =
      replies(d.feed("EHLO a\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<reject@y.example>\r\n"
                     "DATA\r\nRCPT TO:<ok@y.example>\r\nRCPT TO:<ok2@y.example>\r\n"));
  EXPECT_EQ(
      r, (strings{"hello:a", "mail-ok:s@x.example", "rcpt-bad:reject@y.example",
                  "refuse:need_rcpt:DATA", "rcpt-ok:ok@y.example:0", "rcpt-ok:ok2@y.example:1"}));
}

TEST(Mail, OrderOfChecks) {
  driver d;  // submission: TLS and AUTH required
  d.feed("EHLO a\r\n");
  // Exchange: 451 5.7.3 before STARTTLS, even when the syntax is bad.
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:garbage\r\n")), "refuse:tls_required:MAIL");
  d.feed("STARTTLS\r\n");
  d.feed("EHLO a\r\n");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:garbage\r\n")), "refuse:auth_required:MAIL");
  d.feed("AUTH PLAIN " + base64_encode("\0alice\0secret"s) + "\r\n");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:garbage\r\n")), "refuse:syntax_error:MAIL");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<a@b.example> FOO=1\r\n")),
            "refuse:parameter_not_recognized:FOO");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<a@b.example> SIZE=157286401\r\n")),
            "refuse:size_exceeds_fixed_maximum:");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<reject@b.example> SIZE=157286400\r\n")),
            "mail-bad:reject@b.example");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:<a@b.example> SIZE=157286400\r\n")),
            "mail-ok:a@b.example");
  EXPECT_EQ(first_reply(d.feed("MAIL FROM:garbage\r\n")), "refuse:sender_already_specified:MAIL");
}

TEST(Mail, NonAsciiPathsNeedSmtputf8) {
  driver d(open_config());
  // RFC 6531 sections 3.4 and 3.5: a UTF-8 mailbox only in a transaction declared SMTPUTF8.
  EXPECT_EQ(replies(d.feed("EHLO a\r\nMAIL FROM:<j\xC3\xBCrgen@x.example>\r\n"
                           "MAIL FROM:<s@x.example>\r\nRCPT TO:<j\xC3\xBCrgen@y.example>\r\n"
                           "RCPT TO:<ok@y.example>\r\nRSET\r\n")),
            (strings{"hello:a", "refuse:non_ascii_address:MAIL", "mail-ok:s@x.example",
                     "refuse:non_ascii_address:RCPT", "rcpt-ok:ok@y.example:0", "fixed:reset"}));
  EXPECT_EQ(replies(d.feed("MAIL FROM:<j\xC3\xBCrgen@x.example> SMTPUTF8\r\n"
                           "RCPT TO:<j\xC3\xBCrgen@y.example>\r\n")),
            (strings{"mail-ok:j\xC3\xBCrgen@x.example", "rcpt-ok:j\xC3\xBCrgen@y.example:0"}));
}

}  // namespace
}  // namespace exomock::smtp
