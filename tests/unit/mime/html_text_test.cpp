// HTML to text as Mailpit's html2text does it, and the embed rendering.
#include "mime/html_text.hpp"

#include <gtest/gtest.h>

namespace exomock::mime {
namespace {

// The cases of Mailpit's own html2text tests.
TEST(html_text, strip_matches_mailpits_cases) {
  EXPECT_EQ(strip_html("this is a  test", false), "this is a test");
  EXPECT_EQ(strip_html("<h1>This is a test.</h1> ", false), "This is a test.");
  EXPECT_EQ(strip_html("<p>Paragraph 1</p><p>Paragraph 2</p>", false), "Paragraph 1 Paragraph 2");
  EXPECT_EQ(strip_html("<span>Alpha</span>bet <strong>chars</strong>", false), "Alphabet chars");
  EXPECT_EQ(strip_html("<table><tr><td>First</td><td>Second</td></table>", false), "First Second");
  EXPECT_EQ(strip_html("<h1>Heading</h1>\n\t\t<p>Paragraph</p>", false), "Heading Paragraph");
  EXPECT_EQ(
      strip_html("<h1>Heading</h1><p>   <a href=\"https://github.com\">linked text</a></p>", false),
      "Heading linked text");
  EXPECT_EQ(
      strip_html("<h1>Heading</h1><p>   <a href=\"https://github.com\">linked text</a></p>", true),
      "Heading linked text https://github.com");
  EXPECT_EQ(strip_html("<h1>Heading</h3><p>   <a href=\"https://github.com\">linked text.", true),
            "Heading linked text. https://github.com");
}

TEST(html_text, strip_leaves_out_head_script_and_style_and_decodes_entities) {
  EXPECT_EQ(strip_html("<html><head><title>T</title></head><body><script>x()</script>"
                       "<style>p{}</style>Fish &amp; chips&nbsp;!</body></html>",
                       false),
            "Fish & chips !");
  EXPECT_EQ(strip_html("a<br>b<img src=x>c", false), "a b c");
}

TEST(html_text, plain_rendering_keeps_lines) {
  EXPECT_EQ(html_to_text("<div>one</div><div>two  words</div>three"), "one\ntwo words\nthree");
}

TEST(html_text, embed_adds_target_and_rel_to_every_link) {
  const std::string out =
      open_links_in_new_tab("<p><a href=\"https://a.example\">a</a> <a target=\"x\">b</a></p>");
  EXPECT_NE(out.find("<a href=\"https://a.example\" target=\"_blank\" rel=\"noreferrer noopener\">a"
                     "</a>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<a target=\"_blank\" rel=\"noreferrer noopener\">b</a>"), std::string::npos)
      << out;
  EXPECT_NE(out.find("</body>"), std::string::npos) << out;
}

}  // namespace
}  // namespace exomock::mime
