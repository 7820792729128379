// headers(): Go's canonical keys, file order, folding joined with one space.
#include <gtest/gtest.h>

#include "mime/message_view.hpp"

namespace exomock::mime {
namespace {

TEST(headers, keys_are_canonical_sorted_and_values_raw) {
  const std::string raw =
      "Received: from a\r\n\tby b; Mon, 20 Jul 2026 10:00:00 +0000\r\n"
      "Message-ID: <x@y>\r\n"
      "MIME-Version: 1.0\r\n"
      "subject: =?UTF-8?B?SMOpbGxv?=\r\n"
      "  again\r\n"
      "x-tags: a, b\r\n"
      "Received: from c by d\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "\r\n"
      "body\r\n";
  const auto map = headers(raw);
  ASSERT_TRUE(map.has_value());
  const header_map expected = {
      {"Content-Type", {"text/plain; charset=utf-8"}},
      {"Message-Id", {"<x@y>"}},
      {"Mime-Version", {"1.0"}},
      {"Received", {"from a by b; Mon, 20 Jul 2026 10:00:00 +0000", "from c by d"}},
      {"Subject", {"=?UTF-8?B?SMOpbGxv?= again"}},
      {"X-Tags", {"a, b"}},
  };
  EXPECT_EQ(*map, expected);
}

TEST(headers, multipart_content_headers_keep_their_place) {
  const std::string raw =
      "Content-Type: multipart/mixed; boundary=b\r\nX-A: 1\r\nContent-Transfer-Encoding: "
      "7bit\r\nX-A: 2\r\n\r\n--b\r\nContent-Type: text/plain\r\nX-Inner: no\r\n\r\nx\r\n--b--\r\n";
  const auto map = headers(raw);
  ASSERT_TRUE(map.has_value());
  const header_map expected = {
      {"Content-Transfer-Encoding", {"7bit"}},
      {"Content-Type", {"multipart/mixed; boundary=b"}},
      {"X-A", {"1", "2"}},
  };
  EXPECT_EQ(*map, expected);
}

TEST(headers, canonical_key_follows_go) {
  EXPECT_EQ(canonical_header_key("message-ID"), "Message-Id");
  EXPECT_EQ(canonical_header_key("DKIM-SIGNATURE"), "Dkim-Signature");
  EXPECT_EQ(canonical_header_key("x-ms-exchange-organization-scl"),
            "X-Ms-Exchange-Organization-Scl");
  EXPECT_EQ(canonical_header_key("bad key"), "bad key");
}

}  // namespace
}  // namespace exomock::mime
