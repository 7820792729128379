// cleanString, the snippet and the UTF-8 cut.
#include "mime/search_text.hpp"

#include <gtest/gtest.h>

namespace exomock::mime {
namespace {

TEST(search_text, clean_string_is_mailpits) {
  EXPECT_EQ(clean_string("  \"Doe, John\" <John@Example.TEST>;\t(x)\r\n"),
            "doe john john@example.test x");
  EXPECT_EQ(clean_string("\xEF\xBB\xBFStra\xC3\x9F"
                         "E \xC3\x89t\xC3\xA9"),
            "stra\xC3\x9F"
            "e \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(clean_string(" \r\n "), "");
}

TEST(search_text, snippet_prefers_html_and_collapses_whitespace) {
  EXPECT_EQ(snippet("  a\r\n\r\n  b\t c ", ""), "a b c");
  EXPECT_EQ(snippet("text body", "<p>html</p><p>body</p>"), "html body");
  EXPECT_EQ(snippet("", ""), "");
  EXPECT_EQ(snippet(std::string(201, 'x'), ""), std::string(200, 'x') + "...");
  EXPECT_EQ(snippet(std::string(200, 'x'), ""), std::string(200, 'x'));
}

TEST(search_text, truncate_never_splits_a_character) {
  const std::string euro = "\xE2\x82\xAC";  // three bytes
  EXPECT_EQ(truncate_utf8("ab" + euro, 4), "ab");
  EXPECT_EQ(truncate_utf8("ab" + euro, 5), "ab" + euro);
  EXPECT_EQ(truncate_utf8("abc", 2), "ab");
}

TEST(search_text, invalid_utf8_becomes_replacement_characters) {
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(valid_utf8("ok"), "ok");
}

}  // namespace
}  // namespace exomock::mime
