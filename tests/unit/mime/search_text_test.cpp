// cleanString, the snippet and the UTF-8 cut.
#include "mime/search_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

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

// Plain ASCII takes a one-pass path; a trailing "é" sends the same text down the
// general one. Both must agree on every ASCII byte (NUL included: GLib counts it
// as invalid UTF-8, so it is never on the fast path).
TEST(search_text, the_ascii_path_agrees_with_the_general_one) {
  const std::string e_acute = "\xC3\xA9";
  std::uint32_t seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = round % 40;
    for (std::size_t i = 0; i < length; ++i) {
      seed = seed * 1103515245U + 12345U;
      text += static_cast<char>((seed >> 16) % 128);
    }
    const std::string plain = clean_string(text);
    EXPECT_EQ(clean_string(text + " " + e_acute), plain.empty() ? e_acute : plain + " " + e_acute)
        << "text of " << length << " bytes, round " << round;
    const std::string spaced = snippet(text + " x", "");
    EXPECT_EQ(snippet(text + " " + e_acute, ""), spaced.substr(0, spaced.size() - 1) + e_acute)
        << "text of " << length << " bytes, round " << round;
  }
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
