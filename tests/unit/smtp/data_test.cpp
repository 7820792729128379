// Message content: the end of DATA (only <CRLF>.<CRLF>, whatever the split),
// dot-unstuffing, the text-line and message-size limits, and BDAT chunks.
#include <gtest/gtest.h>

#include "fake_handler.hpp"

namespace exomock::smtp {
namespace {

using namespace std::string_literals;
using testing::describe;
using testing::driver;
using testing::first_reply;
using testing::open_config;
using testing::replies;
using strings = std::vector<std::string>;

const std::string envelope_lines = "EHLO a\r\nMAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\n";

/// Sends the envelope, DATA, then `text` in one piece and in one-octet pieces;
/// both must store the same content (or, with nullopt, store nothing).
void expect_stored(const std::string& text, const std::optional<std::string>& content,
                   session_config config = open_config()) {
  std::string all;
  for (int pieces = 0; pieces < 2; ++pieces) {
    driver d(config);
    d.feed(envelope_lines + "DATA\r\n");
    if (pieces == 0) {
      d.feed(text);
    } else {
      for (char c : text) d.feed(std::string(1, c));
    }
    d.feed("NOOP\r\n");
    if (content) {
      ASSERT_EQ(d.handler.messages_seen.size(), 1u) << describe(d.all());
      EXPECT_EQ(d.handler.messages_seen[0].bytes, *content);
      EXPECT_EQ(replies(d.all()).back(), "fixed:noop");  // the session goes on after the message
    } else {
      EXPECT_TRUE(d.handler.messages_seen.empty());
    }
    if (pieces == 0) all = describe(d.all());
    EXPECT_EQ(describe(d.all()), all) << "one-octet feed differs";
  }
}

TEST(DataEnd, OnlyCrlfDotCrlfEndsTheMessage) {
  expect_stored("Subject: x\r\n\r\nbody\r\n.\r\n", "Subject: x\r\n\r\nbody\r\n");
  expect_stored(".\r\n", "");
  expect_stored("\r\n.\r\n", "\r\n");
}

TEST(DataEnd, SmugglingSequencesStayContent) {
  // CVE-2023-51766 style: a bare-LF or bare-CR "end" followed by a second message.
  expect_stored("x\n.\nMAIL FROM:<evil@x.example>\r\n.\r\n",
                "x\n.\nMAIL FROM:<evil@x.example>\r\n");
  expect_stored("x\r.\rMAIL FROM:<evil@x.example>\r\n.\r\n",
                "x\r.\rMAIL FROM:<evil@x.example>\r\n");
  expect_stored("x\n.\r\nMAIL FROM:<evil@x.example>\r\n.\r\n",
                "x\n.\r\nMAIL FROM:<evil@x.example>\r\n");
  expect_stored("x\r\n.\rMAIL\r\n.\r\n",
                "x\r\n\rMAIL\r\n");  // ".\r" + text: a stuffed dot, removed
  expect_stored("x\r\n.\nMAIL\r\n.\r\n", "x\r\n\nMAIL\r\n");
  expect_stored("x\r\n.\n.\r\n", std::nullopt);  // ".\n." + CRLF is a line, not the end: still open
  expect_stored("a\r\r\n.\r\n", "a\r\r\n");
  expect_stored("a\n\r\n.\r\n", "a\n\r\n");
}

TEST(DataEnd, SmuggledCommandsAreNeverExecuted) {
  driver d(open_config());
  d.feed(envelope_lines +
         "DATA\r\nx\n.\nRSET\nMAIL FROM:<evil@x.example>\nRCPT TO:<v@y.example>\nDATA\n");
  EXPECT_TRUE(d.handler.messages_seen.empty());
  for (const auto& call : d.handler.calls) EXPECT_EQ(call.find("evil"), std::string::npos);
  d.feed(".\r\n");  // after a bare LF: still not the end
  EXPECT_TRUE(d.handler.messages_seen.empty());
  d.feed("\r\n.\r\n");
  ASSERT_EQ(d.handler.messages_seen.size(), 1u);
  EXPECT_EQ(d.handler.messages_seen[0].bytes,
            "x\n.\nRSET\nMAIL FROM:<evil@x.example>\nRCPT TO:<v@y.example>\nDATA\n.\r\n\r\n");
}

TEST(DotStuffing, FirstDotOfALineIsRemoved) {
  expect_stored("..a\r\n...\r\n.b\r\n..\r\nc.\r\n.\r\n", ".a\r\n..\r\nb\r\n.\r\nc.\r\n");
}

std::string text_line(std::size_t wire_octets) {
  return std::string(wire_octets - 2, 'x') + "\r\n";
}

TEST(TextLimit, LineOf1000OctetsIsAccepted) {
  expect_stored(text_line(1000) + ".\r\n", text_line(1000));
}

TEST(TextLimit, LongerLineRefusesTheMessageAtTheEnd) {
  for (std::string body : {text_line(1001) + ".\r\n", "ok\r\n" + text_line(5000) + "ok\r\n.\r\n",
                           "." + text_line(1000) + ".\r\n"}) {
    for (int pieces = 0; pieces < 2; ++pieces) {
      driver d(open_config());
      d.feed(envelope_lines + "DATA\r\n");
      if (pieces == 0) {
        d.feed(body);
      } else {
        for (std::size_t i = 0; i < body.size(); i += 7) d.feed(body.substr(i, 7));
      }
      EXPECT_EQ(replies(d.all()).back(), "refuse:text_line_too_long:");
      EXPECT_TRUE(d.handler.messages_seen.empty());  // message() is not asked
      EXPECT_EQ(first_reply(d.feed("RCPT TO:<r@y.example>\r\n")), "refuse:need_mail:RCPT");
    }
  }
}

TEST(SizeLimit, MessageAboveTheMaximumIsRefusedAtTheEnd) {
  session_config c = open_config();
  c.max_message_size = 20;
  expect_stored(std::string(18, 'a') + "\r\n.\r\n", std::string(18, 'a') + "\r\n", c);
  // Counted after dot-unstuffing: 20 octets stored from 21 on the wire.
  expect_stored("." + std::string(18, '.') + "\r\n.\r\n", std::string(18, '.') + "\r\n", c);
  driver d(c);
  d.feed(envelope_lines + "DATA\r\n" + std::string(19, 'a') + "\r\n");
  d.feed(std::string(100000, 'b') + "\r\n");  // keeps reading to the end, stores nothing more
  EXPECT_TRUE(d.handler.messages_seen.empty());
  EXPECT_EQ(replies(d.feed(".\r\nNOOP\r\n")), (strings{"refuse:message_too_big:", "fixed:noop"}));
  EXPECT_EQ(d.core().transcript().entries().at(d.core().transcript().entries().size() - 4).text,
            "<100023 octets of message data>");
}

TEST(SizeLimit, DeclaredSize) {
  session_config c = open_config();
  c.max_message_size = 1000;
  driver d(c);
  d.feed("EHLO a\r\n");
  EXPECT_EQ(replies(d.feed("MAIL FROM:<a@b.example> SIZE=1001\r\nMAIL FROM:<a@b.example> "
                           "SIZE=99999999999999999999999\r\n"
                           "MAIL FROM:<a@b.example> SIZE=1000\r\n")),
            (strings{"refuse:size_exceeds_fixed_maximum:", "refuse:size_exceeds_fixed_maximum:",
                     "mail-ok:a@b.example"}));
  EXPECT_EQ(d.core().facts().messages_accepted, 0u);
}

TEST(Data, BinarymimeNeedsBdat) {
  driver d(open_config());
  d.feed("EHLO a\r\nMAIL FROM:<s@x.example> BODY=BINARYMIME\r\nRCPT TO:<r@y.example>\r\n");
  EXPECT_EQ(replies(d.feed("DATA\r\nBDAT 3 LAST\r\nabc")),
            (strings{"refuse:binarymime_requires_bdat:", "stored:<id1@s@x.example>:1"}));
}

TEST(Data, ArgumentIsSyntaxError) {
  driver d(open_config());
  d.feed(envelope_lines);
  EXPECT_EQ(replies(d.feed("DATA now\r\nDATA \r\n")),
            (strings{"refuse:syntax_error:DATA", "fixed:data_start"}));
}

TEST(Bdat, ChunksAreBinaryAndConcatenated) {
  driver d(open_config());
  d.feed(envelope_lines);
  std::string chunk1 = "ab\r\n.\r\n\0\n"s;  // dots and NULs mean nothing in a chunk
  auto a = d.feed("BDAT " + std::to_string(chunk1.size()) + "\r\n" + chunk1 +
                  "BDAT 3 LAST\r\nxyzNOOP\r\n");
  EXPECT_EQ(replies(a),
            (strings{"fixed:bdat_chunk_accepted", "stored:<id1@s@x.example>:1", "fixed:noop"}));
  ASSERT_EQ(d.handler.messages_seen.size(), 1u);
  EXPECT_EQ(d.handler.messages_seen[0].bytes, chunk1 + "xyz");
  EXPECT_TRUE(d.handler.messages_seen[0].bdat);
  bool stored_bdat = false;
  for (const auto& act : a) {
    if (const auto* s = std::get_if<store_message>(&act)) stored_bdat = s->bdat;
  }
  EXPECT_TRUE(stored_bdat);
}

TEST(Bdat, ChunkDataStraddlingReads) {
  driver d(open_config());
  d.feed(envelope_lines);
  EXPECT_TRUE(d.feed("BDAT 10 LA").empty());
  EXPECT_TRUE(d.feed("ST\r\n123").empty());
  EXPECT_TRUE(d.feed("4").empty());
  EXPECT_TRUE(d.feed("5678").empty());
  EXPECT_EQ(replies(d.feed("90RSET\r\n")), (strings{"stored:<id1@s@x.example>:1", "fixed:reset"}));
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "1234567890");
  EXPECT_NE(d.core().transcript().text().find(
                "C: BDAT 10 LAST\n*  <10 octets of message data>\nS: 250 stored:"),
            std::string::npos);
}

TEST(Bdat, ZeroLast) {
  driver d(open_config());
  d.feed(envelope_lines);
  EXPECT_EQ(replies(d.feed("BDAT 0 LAST\r\n")), (strings{"stored:<id1@s@x.example>:1"}));
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "");
  d.feed("MAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\n");
  EXPECT_EQ(replies(d.feed("BDAT 4\r\nabcdBDAT 0 LAST\r\n")),
            (strings{"fixed:bdat_chunk_accepted", "stored:<id2@s@x.example>:2"}));
  EXPECT_EQ(d.handler.messages_seen.at(1).bytes, "abcd");
}

TEST(Bdat, RefusedChunksAreStillConsumed) {
  driver d(open_config());
  EXPECT_EQ(replies(d.feed("BDAT 6\r\nQUIT\r\nNOOP\r\n")),
            (strings{"refuse:need_hello:BDAT", "fixed:noop"}));
  d.feed("EHLO a\r\n");
  EXPECT_EQ(replies(d.feed("BDAT 6\r\nQUIT\r\nNOOP\r\n")),
            (strings{"refuse:need_mail:BDAT", "fixed:noop"}));
  d.feed("MAIL FROM:<s@x.example>\r\n");
  // RFC 3030: without recipients the chunk is read, then refused.
  EXPECT_EQ(replies(d.feed("BDAT 6 LAST\r\nQUIT\r\nNOOP\r\n")),
            (strings{"refuse:need_rcpt:BDAT", "fixed:noop"}));
  EXPECT_FALSE(d.core().closed());
  EXPECT_TRUE(d.handler.messages_seen.empty());
  EXPECT_TRUE(first_reply(d.feed("RCPT TO:<r@y.example>\r\n")).starts_with("rcpt-ok:"));
}

TEST(Bdat, BadSyntax) {
  driver d(open_config());
  d.feed(envelope_lines);
  EXPECT_EQ(
      replies(d.feed("BDAT\r\nBDAT x\r\nBDAT -1\r\nBDAT 5 NOTLAST\r\nBDAT 5 LAST extra\r\n")),
      (strings{"refuse:syntax_error:BDAT", "refuse:syntax_error:BDAT", "refuse:syntax_error:BDAT",
               "refuse:syntax_error:BDAT", "refuse:syntax_error:BDAT"}));
  // A sequence error wins over the syntax (nothing can be consumed either way).
  driver e(open_config());
  EXPECT_EQ(first_reply(e.feed("BDAT x\r\n")), "refuse:need_hello:BDAT");
}

TEST(Bdat, NoDataOrRcptAfterBdat) {
  driver d(open_config());
  d.feed(envelope_lines + "BDAT 2\r\nab");
  EXPECT_EQ(replies(d.feed("DATA\r\nRCPT TO:<z@y.example>\r\nMAIL FROM:<>\r\nBDAT 1 LAST\r\nc")),
            (strings{"refuse:bad_sequence:DATA", "refuse:bad_sequence:RCPT",
                     "refuse:sender_already_specified:MAIL", "stored:<id1@s@x.example>:1"}));
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "abc");
}

TEST(Bdat, RsetAbandonsTheChunks) {
  driver d(open_config());
  d.feed(envelope_lines + "BDAT 2\r\nab");
  EXPECT_EQ(replies(d.feed("RSET\r\nBDAT 1 LAST\r\nc")),
            (strings{"fixed:reset", "refuse:need_mail:BDAT"}));
  d.feed("MAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nBDAT 1 LAST\r\nz");
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "z");  // nothing left from the abandoned chunks
}

TEST(Bdat, SizeLimitRefusesTheCrossingChunk) {
  session_config c = open_config();
  c.max_message_size = 10;
  driver d(c);
  d.feed(envelope_lines);
  EXPECT_EQ(
      replies(d.feed("BDAT 6\r\n123456BDAT 6\r\n789012BDAT 3 LAST\r\nabc")),
      (strings{"fixed:bdat_chunk_accepted", "refuse:message_too_big:", "refuse:need_mail:BDAT"}));
  EXPECT_TRUE(d.handler.messages_seen.empty());
  d.feed("MAIL FROM:<s@x.example>\r\nRCPT TO:<r@y.example>\r\nBDAT 10 LAST\r\n0123456789");
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "0123456789");
}

// Past the handler's allowance (a mailbox's MaxSendSize) the core counts the octets
// but keeps only the first keep_prefix; the handler judges the message by its size.
TEST(Allowance, PastItOnlyThePrefixIsKeptAndTheSizeCounted) {
  driver d(open_config());
  d.handler.allowance_given = {100, 8};
  d.handler.accept_messages = false;
  d.feed(envelope_lines + "DATA\r\n");
  const std::string line = std::string(98, 'a') + "\r\n";
  for (int i = 0; i < 1000; ++i) d.feed(line);
  EXPECT_EQ(replies(d.feed(".\r\nNOOP\r\n")), (strings{"message-bad", "fixed:noop"}));
  ASSERT_EQ(d.handler.messages_seen.size(), 1u);
  const message_content& m = d.handler.messages_seen[0];
  EXPECT_EQ(m.bytes, std::string(8, 'a'));
  EXPECT_EQ(m.dropped, 100000u - 8u);
  EXPECT_EQ(m.size(), 100000u);
}

TEST(Allowance, AMessageWithinItIsWhole) {
  driver d(open_config());
  d.handler.allowance_given = {7, 2};
  d.feed(envelope_lines + "DATA\r\n");
  EXPECT_EQ(replies(d.feed("abcde\r\n.\r\n")), (strings{"stored:<id1@s@x.example>:1"}));
  EXPECT_EQ(d.handler.messages_seen.at(0).bytes, "abcde\r\n");
  EXPECT_EQ(d.handler.messages_seen.at(0).dropped, 0u);
}

TEST(Allowance, AHandlerThatAcceptsPastItIsOverruled) {
  driver d(open_config());
  d.handler.allowance_given = {4, 2};  // the fake accepts every message
  d.feed(envelope_lines + "DATA\r\n");
  EXPECT_EQ(replies(d.feed("abcdef\r\n.\r\nNOOP\r\n")),
            (strings{"refuse:message_too_big:", "fixed:noop"}));
  for (const action& a : d.all()) {
    EXPECT_FALSE(std::holds_alternative<store_message>(a)) << describe(a);
  }
  EXPECT_EQ(d.core().facts().messages_accepted, 0u);
}

TEST(Allowance, TheKeptPrefixIsTheMessagesFirstOctetsWhenOneLineCrossesIt) {
  driver d(open_config());
  d.handler.allowance_given = {4, 2};
  d.handler.accept_messages = false;
  d.feed(envelope_lines + "DATA\r\n");
  d.feed("abcdef\r\n.\r\n");
  ASSERT_EQ(d.handler.messages_seen.size(), 1u);
  EXPECT_EQ(d.handler.messages_seen[0].bytes, "ab");
  EXPECT_EQ(d.handler.messages_seen[0].size(), 8u);
}

TEST(Allowance, BdatChunksGoOnPastItAndTheHandlerJudgesAtLast) {
  driver d(open_config());
  d.handler.allowance_given = {10, 3};
  d.handler.accept_messages = false;
  d.feed(envelope_lines);
  EXPECT_EQ(replies(d.feed("BDAT 8\r\n12345678BDAT 8\r\nabcdefghBDAT 4 LAST\r\nwxyz")),
            (strings{"fixed:bdat_chunk_accepted", "fixed:bdat_chunk_accepted", "message-bad"}));
  ASSERT_EQ(d.handler.messages_seen.size(), 1u);
  EXPECT_EQ(d.handler.messages_seen[0].bytes, "123");
  EXPECT_EQ(d.handler.messages_seen[0].size(), 20u);
  // The advertised maximum still ends a BDAT transaction at the chunk that crosses it.
  session_config c = open_config();
  c.max_message_size = 12;
  driver e(c);
  e.handler.allowance_given = {10, 3};
  e.feed(envelope_lines);
  EXPECT_EQ(replies(e.feed("BDAT 8\r\n12345678BDAT 8\r\nabcdefgh")),
            (strings{"fixed:bdat_chunk_accepted", "refuse:message_too_big:"}));
}

TEST(Data, SecondMessageInOneSession) {
  driver d(open_config());
  d.feed(envelope_lines + "DATA\r\none\r\n.\r\n");
  d.feed("MAIL FROM:<t@x.example>\r\nRCPT TO:<r@y.example>\r\nDATA\r\ntwo\r\n.\r\n");
  ASSERT_EQ(d.handler.messages_seen.size(), 2u);
  EXPECT_EQ(d.handler.messages_seen[1].bytes, "two\r\n");
  EXPECT_EQ(d.core().facts().messages_accepted, 2u);
}

}  // namespace
}  // namespace exomock::smtp
