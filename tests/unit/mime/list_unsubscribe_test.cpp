// List-Unsubscribe as Mailpit reads it.
#include "mime/list_unsubscribe.hpp"

#include <gtest/gtest.h>

namespace exomock::mime {
namespace {

TEST(list_unsubscribe, mailto_and_http_links) {
  const auto l = read_list_unsubscribe(
      "<mailto:unsub@example.test?subject=x>, (a comment) <https://example.test/u/1>",
      "List-Unsubscribe=One-Click");
  EXPECT_EQ(l.links, (std::vector<std::string>{"mailto:unsub@example.test?subject=x",
                                               "https://example.test/u/1"}));
  EXPECT_EQ(l.errors, "");
  EXPECT_EQ(l.header_post, "List-Unsubscribe=One-Click");
}

TEST(list_unsubscribe, errors_in_mailpits_words) {
  EXPECT_EQ(read_list_unsubscribe("https://example.test", "").errors,
            "\"https://example.test\" no valid unsubscribe links found");
  EXPECT_EQ(read_list_unsubscribe("x <https://example.test>", "").errors,
            "\"x <https://example.test>\" should be enclosed in <>");
  EXPECT_EQ(read_list_unsubscribe("<https://a.example> ; <mailto:b@example.test>", "").errors,
            "\"<https://a.example> ; <mailto:b@example.test>\" <> should be split with a comma and "
            "optional spaces");
  const auto two = read_list_unsubscribe("<https://a.example>, <ftp://b.example>", "");
  EXPECT_EQ(two.links, (std::vector<std::string>{"https://a.example"}));
  EXPECT_EQ(two.errors, "\"ftp://b.example\" should start with either http(s):// or mailto:");
}

TEST(list_unsubscribe, no_header_no_links) {
  const auto l = read_list_unsubscribe("", "");
  EXPECT_TRUE(l.links.empty());
  EXPECT_EQ(l.errors, "");
}

}  // namespace
}  // namespace exomock::mime
