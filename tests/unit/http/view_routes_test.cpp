// GET /view/{ID}.html and /view/{ID}.txt.
#include "message_routes_fixture.hpp"

namespace exomock::http::testing {
namespace {

const std::string with_image =
    "From: a@contoso.com\r\n"
    "Subject: view\r\n"
    "Content-Type: multipart/related; boundary=r\r\n"
    "\r\n"
    "--r\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "the text\r\n"
    "--r\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<html><body><p><img src=\"cid:logo\"> <img src='CID:logo'/> <a "
    "href=\"https://x.example\">x</a>"
    " cid:logo</p></body></html>\r\n"
    "--r\r\n"
    "Content-Type: image/png\r\n"
    "Content-ID: <logo>\r\n"
    "\r\n"
    "png\r\n"
    "--r--\r\n";

TEST_F(message_routes, html_view_links_inline_images_to_the_part_route) {
  const std::int64_t id = capture(with_image);
  const response r = get("/view/" + std::to_string(id) + ".html");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  const std::string url = "/api/v1/message/" + std::to_string(id) + "/part/3";
  EXPECT_EQ(r.body, "<html><body><p><img src=\"" + url + "\"> <img src='" + url +
                        "'/> <a href=\"https://x.example\">x</a> cid:logo</p></body></html>");
  EXPECT_EQ(get("/view/latest.html").body, r.body);
}

TEST_F(message_routes, embed_opens_links_in_a_new_tab) {
  capture(with_image);
  const response r = get("/view/latest.html?embed=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<a href=\"https://x.example\" target=\"_blank\" rel=\"noreferrer "
                        "noopener\">x</a>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("messageHeight"), std::string::npos);
}

TEST_F(message_routes, text_view_and_the_errors) {
  const std::int64_t id = capture(with_image);
  const response txt = get("/view/" + std::to_string(id) + ".txt");
  ASSERT_EQ(txt.status, 200);
  EXPECT_EQ(txt.body, "the text");
  EXPECT_EQ(txt.content_type, "text/plain; charset=utf-8");
  EXPECT_TRUE(read(id));
  const std::int64_t plain = capture("Subject: plain\r\n\r\nonly text\r\n");
  const response no_html = get("/view/" + std::to_string(plain) + ".html");
  EXPECT_EQ(no_html.status, 404);
  EXPECT_TRUE(read(plain));  // Mailpit reads the message before it looks for HTML
  EXPECT_EQ(no_html.body, "This message does not contain a HTML part");
  for (const char* target : {"/view/999.html", "/view/999.txt", "/view/x.txt"}) {
    const response r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, "Message not found") << target;
  }
  EXPECT_EQ(get("/view/1.pdf").body, "404 page not found");
}

}  // namespace
}  // namespace exomock::http::testing
