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

TEST(Transcript, EmptyIsEmpty) {
  EXPECT_EQ(transcript{}.text(), "");
}

}  // namespace
}  // namespace exomock::smtp
