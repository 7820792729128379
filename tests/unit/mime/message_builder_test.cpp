// build(): the Send API's message, read back with parse(), and Mailpit's errors.
#include <gtest/gtest.h>

#include "mime/message_view.hpp"
#include "mime/send_request.hpp"

namespace exomock::mime {
namespace {

const send_stamp stamp{std::chrono::system_clock::time_point(std::chrono::seconds(1784537486)),
                       "Z8rCkPq1n2@mailpit"};

send_request full_request() {
  send_request r;
  r.from = {"App", "app@example.test"};
  r.to = {{"Alice", "alice@example.test"}};
  r.cc = {{"", "cc@example.test"}};
  r.bcc = {"hidden@example.test"};
  r.reply_to = {{"Support", "support@example.test"}};
  r.subject = "Caf\xC3\xA9 \xE2\x82\xAC";
  r.text = "plain body";
  r.html = "<p>html <img src=\"cid:logo\"></p>";
  r.attachments = {{"data:image/png;base64,iVBORw0KGgo=", "logo.png", "", "logo"},
                   {"aGVsbG8=", "hello.txt", "text/plain", ""}};
  r.tags = {"Tag 1", "two"};
  r.headers = {{"X-Custom", "value"}};
  return r;
}

TEST(message_builder, builds_the_layout_mailpit_stores) {
  std::string error;
  const auto built = build(full_request(), stamp, error);
  ASSERT_TRUE(built.has_value()) << error;
  EXPECT_EQ(built->mail_from, "app@example.test");
  EXPECT_EQ(built->recipients, (std::vector<std::string>{"alice@example.test", "cc@example.test",
                                                         "hidden@example.test"}));
  const message_view m = parse(built->raw);
  EXPECT_EQ(m.message_id, "Z8rCkPq1n2@mailpit");
  EXPECT_EQ(m.from, (address{"App", "app@example.test"}));
  EXPECT_EQ(m.to, (std::vector<address>{{"Alice", "alice@example.test"}}));
  EXPECT_EQ(m.bcc, (std::vector<address>{{"", "hidden@example.test"}}));
  EXPECT_EQ(m.reply_to, (std::vector<address>{{"Support", "support@example.test"}}));
  EXPECT_EQ(m.return_path, "app@example.test");
  EXPECT_EQ(m.subject, "Caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(m.date, "2026-07-20T08:51:26Z");
  EXPECT_EQ(m.text, "plain body");
  EXPECT_EQ(m.html, "<p>html <img src=\"cid:logo\"></p>");
  EXPECT_EQ(m.tags, (std::vector<std::string>{"Tag 1", "two"}));
  ASSERT_EQ(m.inlines.size(), 1U);
  EXPECT_EQ(m.inlines[0].part_id, "1.2");
  EXPECT_EQ(m.inlines[0].content_type, "image/png");  // detected: no ContentType was sent
  EXPECT_EQ(m.inlines[0].content_id, "logo");
  ASSERT_EQ(m.attachments.size(), 1U);
  EXPECT_EQ(m.attachments[0].part_id, "2");
  EXPECT_EQ(m.attachments[0].file_name, "hello.txt");
  EXPECT_EQ(part(built->raw, "2")->content, "hello");
  const auto h = headers(built->raw);
  ASSERT_TRUE(h.has_value());
  std::vector<std::string> keys;
  for (const auto& [k, v] : *h) {
    keys.push_back(k);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"Bcc", "Cc", "Content-Type", "Date", "From",
                                            "Message-Id", "Mime-Version", "Reply-To", "Return-Path",
                                            "Subject", "To", "X-Custom", "X-Tags"}));
}

TEST(message_builder, text_alone_is_a_single_part) {
  send_request r;
  r.from = {"", "a@example.test"};
  r.bcc = {"b@example.test"};
  r.text = "only text";
  std::string error;
  const auto built = build(r, stamp, error);
  ASSERT_TRUE(built.has_value()) << error;
  const message_view m = parse(built->raw);
  EXPECT_EQ(m.text, "only text\r\n");  // a single part ends with its line break
  EXPECT_TRUE(m.to.empty());
  EXPECT_EQ(headers(built->raw)->front().first, "Bcc");
}

TEST(message_builder, errors_are_mailpits) {
  const auto error_of = [](send_request r) {
    std::string error;
    EXPECT_FALSE(build(r, stamp, error).has_value());
    return error;
  };
  send_request r = full_request();
  r.to = {{"", "not an address"}};
  EXPECT_EQ(error_of(r), "invalid To address: not an address");
  r = full_request();
  r.cc = {{"", ""}};
  EXPECT_EQ(error_of(r), "invalid Cc address: ");
  r = full_request();
  r.bcc = {"x@"};
  EXPECT_EQ(error_of(r), "invalid Bcc address: x@");
  r = full_request();
  r.reply_to = {{"", "@nobody"}};
  EXPECT_EQ(error_of(r), "invalid Reply-To address: @nobody");
  r = full_request();
  r.headers = {{"subject", "x"}};
  EXPECT_EQ(error_of(r), "cannot overwrite header: \"subject\"");
  r.headers = {{"X-Tags", "x"}};
  EXPECT_EQ(error_of(r), "cannot overwrite header: \"X-Tags\"");
  r.tags.clear();
  EXPECT_TRUE(build(r, stamp, *std::make_unique<std::string>()).has_value());
  r = full_request();
  r.attachments = {{"aGV*bG8=", "f.bin", "", ""}};
  EXPECT_EQ(error_of(r),
            "error decoding base64 attachment \"f.bin\": illegal base64 data at input byte 3");
  r = full_request();
  r.from.email = "";
  EXPECT_EQ(error_of(r), "error building message: from not set");
  r = full_request();
  r.to.clear();
  r.cc.clear();
  r.bcc.clear();
  EXPECT_EQ(error_of(r), "error building message: no recipients (to, cc, bcc) set");
}

TEST(message_builder, base64_errors_name_gos_offsets) {
  std::string error;
  EXPECT_EQ(decode_base64("aGVsbG8=", error), "hello");
  EXPECT_EQ(decode_base64("aGVs\r\nbG8=", error), "hello");
  EXPECT_EQ(decode_base64("", error), "");
  EXPECT_FALSE(decode_base64("abc", error).has_value());
  EXPECT_EQ(error, "illegal base64 data at input byte 0");
  EXPECT_FALSE(decode_base64("aGVsbG8=x", error).has_value());
  EXPECT_EQ(error, "illegal base64 data at input byte 8");
  EXPECT_FALSE(decode_base64("a===", error).has_value());
  EXPECT_EQ(error, "illegal base64 data at input byte 1");
}

TEST(message_builder, content_types_are_detected_as_go_does) {
  EXPECT_EQ(detect_content_type("\x89PNG\r\n\x1A\nrest"), "image/png");
  EXPECT_EQ(detect_content_type("%PDF-1.7"), "application/pdf");
  EXPECT_EQ(detect_content_type("  <html><body>"), "text/html; charset=utf-8");
  EXPECT_EQ(detect_content_type("plain words"), "text/plain; charset=utf-8");
  EXPECT_EQ(detect_content_type(std::string("\x00\x01\x02", 3)), "application/octet-stream");
}

}  // namespace
}  // namespace exomock::mime
