// reply::wire() and transcript::text(): the two text forms other layers rely on.
#include <gtest/gtest.h>

#include "smtp/reply.hpp"
#include "smtp/transcript.hpp"

namespace exomock::smtp {
namespace {

TEST(Reply, SingleLine) {
  reply r = reply::single(250, "2.0.0 OK");
  EXPECT_EQ(r.code, 250);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.wire(), "250 2.0.0 OK\r\n");
  EXPECT_TRUE(r.positive());
  EXPECT_FALSE(r.close_after);
}

TEST(Reply, MultiLineUsesDashesButOnTheLast) {
  reply r{250, {"FE Hello [1.2.3.4]", "SIZE 157286400", "SMTPUTF8"}, {}, false};
  EXPECT_EQ(r.wire(), "250-FE Hello [1.2.3.4]\r\n250-SIZE 157286400\r\n250 SMTPUTF8\r\n");
}

TEST(Reply, EmptyLinesGiveCodeAndSpace) {
  reply r{334, {}, {}, false};
  EXPECT_EQ(r.wire(), "334 \r\n");
  EXPECT_TRUE(r.positive());
}

TEST(Reply, EmptyTextLine) {
  EXPECT_EQ(reply::single(334, "").wire(), "334 \r\n");
}

TEST(Reply, Positive) {
  EXPECT_FALSE(reply::single(199, "x").positive());
  EXPECT_TRUE(reply::single(354, "x").positive());
  EXPECT_FALSE(reply::single(400, "x").positive());
  EXPECT_FALSE(reply::single(535, "x").positive());
}

TEST(Transcript, TextPrefixesAndJoins) {
  transcript t;
  t.server("220 ready");
  t.client("EHLO a");
  t.note("<5 octets of message data>");
  EXPECT_EQ(t.text(), "S: 220 ready\nC: EHLO a\n*  <5 octets of message data>");
  ASSERT_EQ(t.entries().size(), 3u);
  EXPECT_EQ(t.entries()[1].from, transcript::direction::client);
}

// A live view takes what was added since it last looked, in text()'s line form.
TEST(Transcript, LinesFromGiveWhatWasAddedSince) {
  transcript t;
  t.server("220 ready");
  t.client("EHLO a");
  EXPECT_EQ(t.lines_from(0), "S: 220 ready\nC: EHLO a\n");
  t.note("<5 octets of message data>");
  EXPECT_EQ(t.lines_from(2), "*  <5 octets of message data>\n");
  EXPECT_EQ(t.lines_from(3), "");
}

TEST(Transcript, ALongSessionKeepsItsHeadAndTail) {
  transcript t;
  const auto line = [](std::size_t i) {  // 60 characters: 64 bytes with "C: " and '\n'
    std::string n = std::to_string(i);
    return std::string(6 - n.size(), '0') + n + std::string(54, 'x');
  };
  const std::size_t head = transcript::head_bytes / 64;
  const std::size_t total = head + 1000;
  for (std::size_t i = 0; i < total; ++i) {
    t.client(line(i));
  }
  EXPECT_EQ(t.entries().size(), head);
  EXPECT_EQ(t.omitted(), total - head - transcript::tail_lines);
  const std::string text = t.text();
  EXPECT_EQ(text.find("C: " + line(0)), 0u);
  EXPECT_NE(text.find("*  ... " + std::to_string(t.omitted()) + " lines left out"),
            std::string::npos);
  EXPECT_TRUE(text.ends_with("C: " + line(total - 1)));
  EXPECT_EQ(text.find(line(head + 10)), std::string::npos);  // left out
  EXPECT_LT(text.size(), transcript::head_bytes + 100 * 64);
}

TEST(Transcript, EmptyIsEmpty) {
  EXPECT_EQ(transcript{}.text(), "");
}

}  // namespace
}  // namespace exomock::smtp
