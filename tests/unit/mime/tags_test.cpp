// Mailpit's tag cleaning and the tags a message brings.
#include "mime/tags.hpp"

#include <gtest/gtest.h>

namespace exomock::mime {
namespace {

TEST(tags, cleaning_replaces_collapses_trims_and_cuts) {
  EXPECT_EQ(clean_tag("  Hello,   World!! "), "Hello World");
  EXPECT_EQ(clean_tag("a/b\\c"), "a b c");
  EXPECT_EQ(clean_tag("user@host.example-1_x"), "user@host.example-1_x");
  EXPECT_EQ(clean_tag(std::string(150, 'x')).size(), 100U);
  EXPECT_TRUE(valid_tag("Tag 1"));
  EXPECT_FALSE(valid_tag(""));
  EXPECT_FALSE(valid_tag("tag!"));
}

TEST(tags, unique_case_insensitively_and_sorted_by_bytes) {
  EXPECT_EQ(sorted_unique_tags({"beta", "Alpha", "alpha", "  ", "Beta", "gamma!"}),
            (std::vector<std::string>{"Alpha", "beta", "gamma"}));
}

TEST(tags, plus_addresses) {
  EXPECT_EQ(plus_address_tags("user+a+b@example.test"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(plus_address_tags("+solo@example.test"), (std::vector<std::string>{"solo"}));
  EXPECT_TRUE(plus_address_tags("plain@example.test").empty());
  EXPECT_TRUE(plus_address_tags("odd+no-at").empty());
}

TEST(tags, auto_tags_take_x_tags_and_every_address_list) {
  message_view m;
  m.from = {"", "app+From@example.test"};
  m.to = {{"", "to+t@example.test"}};
  m.cc = {{"", "cc+c@example.test"}};
  m.bcc = {{"", "bcc+T@example.test"}};
  EXPECT_EQ(auto_tags(" x1, x2 ", m), (std::vector<std::string>{"From", "c", "t", "x1", "x2"}));
}

}  // namespace
}  // namespace exomock::mime
