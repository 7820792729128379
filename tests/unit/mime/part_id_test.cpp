// enmime's PartID scheme on nested multiparts, and part() serving those ids.
#include <gtest/gtest.h>

#include "mime/message_view.hpp"

namespace exomock::mime {
namespace {

// The Send API's layout: mixed{ related{ alternative{text, html}, inline }, attachment }.
const std::string nested =
    "From: app@example.test\r\n"
    "To: a@example.test\r\n"
    "Subject: nested\r\n"
    "Content-Type: multipart/mixed; boundary=m\r\n"
    "\r\n"
    "--m\r\n"
    "Content-Type: multipart/related; boundary=r\r\n"
    "\r\n"
    "--r\r\n"
    "Content-Type: multipart/alternative; boundary=a\r\n"
    "\r\n"
    "--a\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "plain\r\n"
    "--a\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>html <img src=\"cid:logo\"></p>\r\n"
    "--a--\r\n"
    "--r\r\n"
    "Content-Type: image/png\r\n"
    "Content-Disposition: inline; filename=\"logo.png\"\r\n"
    "Content-ID: <logo>\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "--r--\r\n"
    "--m\r\n"
    "Content-Type: text/csv; name=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.csv?=\"\r\n"
    "Content-Disposition: attachment\r\n"
    "\r\n"
    "a,b\r\n"
    "--m--\r\n";

TEST(part_ids, nested_multiparts_number_as_enmime_does) {
  const message_view m = parse(nested);
  EXPECT_EQ(m.text, "plain");
  EXPECT_EQ(m.html, "<p>html <img src=\"cid:logo\"></p>");
  ASSERT_EQ(m.inlines.size(), 1U);
  EXPECT_EQ(m.inlines[0].part_id, "1.2");
  EXPECT_EQ(m.inlines[0].file_name, "logo.png");
  EXPECT_EQ(m.inlines[0].content_id, "logo");
  ASSERT_EQ(m.attachments.size(), 1U);
  EXPECT_EQ(m.attachments[0].part_id, "2");
  EXPECT_EQ(m.attachments[0].file_name, "r\xC3\xA9sum\xC3\xA9.csv");  // RFC 2047 in name=
  EXPECT_EQ(m.attachments[0].content_type, "text/csv");
}

TEST(part_ids, part_serves_the_decoded_bytes_of_a_listed_id) {
  const auto image = part(nested, "1.2");
  ASSERT_TRUE(image.has_value());
  EXPECT_EQ(image->content, std::string("\x89PNG\r\n\x1A\n", 8));
  EXPECT_EQ(image->content_type, "image/png");
  EXPECT_EQ(image->file_name, "logo.png");
  const auto csv = part(nested, "2");
  ASSERT_TRUE(csv.has_value());
  EXPECT_EQ(csv->content, "a,b");
}

TEST(part_ids, containers_bodies_and_unknown_ids_are_not_parts) {
  for (const char* id : {"0", "1.0", "1.1.0", "1.1.1", "1.1.2", "3", "../2", ""}) {
    EXPECT_FALSE(part(nested, id).has_value()) << id;
  }
}

TEST(part_ids, a_single_part_attachment_is_part_zero) {
  const std::string raw =
      "Subject: scan\r\nContent-Type: application/pdf\r\n"
      "Content-Disposition: attachment; filename=scan.pdf\r\nContent-Transfer-Encoding: "
      "base64\r\n\r\nJVBERg==\r\n";
  const message_view m = parse(raw);
  ASSERT_EQ(m.attachments.size(), 1U);
  EXPECT_EQ(m.attachments[0].part_id, "0");
  EXPECT_EQ(m.attachments[0].size, 4U);
  EXPECT_EQ(m.text, "");
  ASSERT_TRUE(part(raw, "0").has_value());
  EXPECT_EQ(part(raw, "0")->content, "%PDF");
}

}  // namespace
}  // namespace exomock::mime
