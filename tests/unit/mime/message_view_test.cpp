// parse(): the fields of Mailpit's Message from whole messages.
#include "mime/message_view.hpp"

#include <gtest/gtest.h>

namespace exomock::mime {
namespace {

// Lines joined with CRLF, as they travel.
std::string crlf(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (const std::string_view l : lines) {
    out += std::string(l) + "\r\n";
  }
  return out;
}

const std::string alternative = crlf({
    "From: =?ISO-8859-1?Q?Andr=E9_D=FCrr?= <andre@example.test>",
    "To: alice@example.test, \"Doe, John\" <john@example.test>",
    "Cc: =?UTF-8?B?w4lsb2TDrWU=?= <elodie@example.test>",
    "Reply-To: Support <support@example.test>",
    "Subject: =?UTF-8?B?UmFwcG9ydCDigqwgMjAyNg==?=",
    "Message-ID: <20260720.42@app.example.test>",
    "Date: Mon, 20 Jul 2026 16:51:26 +1200",
    "MIME-Version: 1.0",
    "Content-Type: multipart/alternative; boundary=\"alt\"",
    "",
    "--alt",
    "Content-Type: text/plain; charset=iso-8859-1",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "Caf=E9 ouvert.",
    "--alt",
    "Content-Type: text/html; charset=utf-8",
    "",
    "<html><head><title>T</title><style>p{}</style></head><body><p>Caf\xC3\xA9</p><p>ouvert</p></"
    "body></html>",
    "--alt--",
});

TEST(message_view, reads_the_headers_of_an_alternative_message) {
  const message_view m = parse(alternative);
  ASSERT_TRUE(m.parsed);
  EXPECT_EQ(m.message_id, "20260720.42@app.example.test");
  EXPECT_EQ(m.from, (address{"Andr\xC3\xA9 D\xC3\xBCrr", "andre@example.test"}));
  ASSERT_EQ(m.to.size(), 2U);
  EXPECT_EQ(m.to[0], (address{"", "alice@example.test"}));
  EXPECT_EQ(m.to[1], (address{"Doe, John", "john@example.test"}));
  ASSERT_EQ(m.cc.size(), 1U);
  EXPECT_EQ(m.cc[0].name,
            "\xC3\x89lod\xC3\xAD"
            "e");
  EXPECT_TRUE(m.bcc.empty());
  ASSERT_EQ(m.reply_to.size(), 1U);
  EXPECT_EQ(m.reply_to[0], (address{"Support", "support@example.test"}));
  EXPECT_EQ(m.subject, "Rapport \xE2\x82\xAC 2026");
  EXPECT_EQ(m.date, "2026-07-20T16:51:26+12:00");
  EXPECT_EQ(m.return_path, "andre@example.test");  // no Return-Path: the From address
}

TEST(message_view, takes_the_bodies_of_an_alternative_message_in_utf8) {
  const message_view m = parse(alternative);
  EXPECT_EQ(m.text, "Caf\xC3\xA9 ouvert.");
  EXPECT_EQ(m.html,
            "<html><head><title>T</title><style>p{}</style></head><body><p>Caf\xC3\xA9</p><p>"
            "ouvert</p></body></html>");
  EXPECT_EQ(m.snippet, "Caf\xC3\xA9 ouvert");  // from the HTML, title and style left out
  EXPECT_TRUE(m.inlines.empty());
  EXPECT_TRUE(m.attachments.empty());
  EXPECT_EQ(m.unsubscribe.header, "");
  EXPECT_TRUE(m.unsubscribe.links.empty());
}

TEST(message_view, search_text_is_the_cleaned_headers_and_body) {
  const message_view m = parse(alternative);
  EXPECT_EQ(m.search_text,
            "andr\xC3\xA9 d\xC3\xBCrr andre@example.test rapport \xE2\x82\xAC 2026 "
            "alice@example.test doe john john@example.test \xC3\xA9lod\xC3\xAD"
            "e "
            "elodie@example.test support support@example.test caf\xC3\xA9 ouvert");
}

const std::string mixed = crlf({
    "From: app@example.test",
    "To: bob@example.test",
    "Subject: Invoice",
    "Date: Tue, 21 Jul 2026 08:00:00 +0000",
    "Content-Type: multipart/mixed; boundary=\"mix\"",
    "",
    "--mix",
    "Content-Type: text/plain",
    "",
    "first",
    "--mix",
    "Content-Type: application/pdf; name=\"invoice.pdf\"",
    "Content-Disposition: attachment; filename=\"invoice.pdf\"",
    "Content-Transfer-Encoding: base64",
    "",
    "aGVsbG8=",
    "--mix",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "second",
    "--mix",
    "Content-Type: application/octet-stream",
    "Content-Transfer-Encoding: base64",
    "",
    "AAEC",
    "--mix--",
});

TEST(message_view, joins_the_text_parts_of_a_mixed_message) {
  const message_view m = parse(mixed);
  EXPECT_EQ(m.text, "first\n--\nsecond");
  EXPECT_EQ(m.html, "");
  EXPECT_EQ(m.snippet, "first -- second");
  EXPECT_EQ(m.date, "2026-07-21T08:00:00Z");
}

TEST(message_view, lists_named_attachments_with_checksums_and_counts_all) {
  const message_view m = parse(mixed);
  ASSERT_EQ(m.attachments.size(), 1U);  // the octet-stream part has no name: counted, not listed
  EXPECT_EQ(m.attachment_count, 2U);
  const part_summary& a = m.attachments[0];
  EXPECT_EQ(a.part_id, "2");
  EXPECT_EQ(a.file_name, "invoice.pdf");
  EXPECT_EQ(a.content_type, "application/pdf");
  EXPECT_EQ(a.content_id, "");
  EXPECT_EQ(a.size, 5U);
  EXPECT_EQ(a.md5, "5d41402abc4b2a76b9719d911017c592");  // "hello"
  EXPECT_EQ(a.sha1, "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
  EXPECT_EQ(a.sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_NE(m.search_text.find("invoice.pdf"), std::string::npos);
}

const std::string related = crlf({
    "From: News <news+weekly@example.test>",
    "To: carol+inbox@example.test",
    "Subject: Logo",
    "Content-Type: multipart/related; boundary=\"rel\"",
    "",
    "--rel",
    "Content-Type: text/html; charset=utf-8",
    "",
    "<p><img src=\"cid:logo@example.test\"></p>",
    "--rel",
    "Content-Type: image/png",
    "Content-ID: <logo@example.test>",
    "Content-Disposition: inline",
    "Content-Transfer-Encoding: base64",
    "",
    "iVBORw0KGgo=",
    "--rel",
    "Content-Type: image/gif",
    "Content-ID: <other@example.test>",
    "Content-Transfer-Encoding: base64",
    "",
    "R0lGODlh",
    "--rel--",
});

TEST(message_view, inline_images_come_from_inline_and_other_parts) {
  const message_view m = parse(related);
  ASSERT_EQ(m.inlines.size(), 2U);
  EXPECT_EQ(m.inlines[0].part_id, "2");
  EXPECT_EQ(m.inlines[0].file_name, "logo@example.test");  // no file name: the Content-ID
  EXPECT_EQ(m.inlines[0].content_id, "logo@example.test");
  EXPECT_EQ(m.inlines[0].content_type, "image/png");
  EXPECT_EQ(m.inlines[0].size, 8U);
  EXPECT_EQ(m.inlines[1].part_id, "3");  // no disposition: an "other" part, listed as Inline
  EXPECT_EQ(m.inline_count, 1U);         // has:inline counts enmime's Inlines only
  EXPECT_TRUE(m.attachments.empty());
}

TEST(message_view, an_html_only_message_gets_a_text_rendering) {
  const message_view m = parse(related);
  EXPECT_EQ(m.html, "<p><img src=\"cid:logo@example.test\"></p>");
  EXPECT_EQ(m.text, "");  // the image has no text: nothing to render
  const message_view words =
      parse(crlf({"Subject: s", "Content-Type: text/html", "", "<h1>Title</h1><p>one<br>two</p>"}));
  EXPECT_EQ(words.text, "Title\none\ntwo");
  EXPECT_EQ(words.snippet, "Title one two");
}

TEST(message_view, plus_addresses_and_x_tags_become_tags) {
  const message_view m = parse(related);
  EXPECT_EQ(m.tags, (std::vector<std::string>{"inbox", "weekly"}));
  const message_view x = parse(crlf({"From: a@example.test", "X-Tags: Red, blue,, red ,Gr\xC3\xBCn",
                                     "X-Tags: ignored", "Subject: t", "", "body"}));
  EXPECT_EQ(x.tags, (std::vector<std::string>{"Gr n", "Red", "blue"}));
}

TEST(message_view, missing_headers_give_empty_fields) {
  const message_view m = parse("\r\nonly a body\r\n");
  ASSERT_TRUE(m.parsed);
  EXPECT_EQ(m.from, (address{"", ""}));
  EXPECT_TRUE(m.to.empty());
  EXPECT_EQ(m.subject, "");
  EXPECT_EQ(m.message_id, "");
  EXPECT_FALSE(m.date.has_value());
  EXPECT_EQ(m.return_path, "");
  EXPECT_EQ(m.text, "only a body\r\n");
  EXPECT_EQ(m.snippet, "only a body");
}

TEST(message_view, an_unreadable_from_is_kept_as_a_name) {
  const message_view m = parse(crlf({"From: Printer Room 3", "Subject: x", "", "b"}));
  EXPECT_EQ(m.from.address, "");
  EXPECT_EQ(m.from.name, "Printer Room 3");
}

TEST(message_view, the_envelope_sets_return_path_and_adds_unnamed_recipients_to_bcc) {
  const envelope smtp{"bounce@example.test",
                      {"bob@example.test", "Hidden+secret@example.test", "BOB@example.test"}};
  const message_view m = parse(mixed, &smtp);
  EXPECT_EQ(m.return_path, "bounce@example.test");
  ASSERT_EQ(m.bcc.size(), 1U);
  EXPECT_EQ(m.bcc[0], (address{"", "Hidden+secret@example.test"}));
  EXPECT_EQ(m.tags, (std::vector<std::string>{"secret"}));
  EXPECT_NE(m.search_text.find("hidden+secret@example.test"), std::string::npos);
  EXPECT_NE(m.search_text.find("bounce@example.test"), std::string::npos);
}

TEST(message_view, the_snippet_is_cut_at_200_bytes_on_a_character_boundary) {
  std::string body(199, 'a');
  body += "\xC3\xA9 and more";  // the two bytes of é straddle byte 200
  const message_view m =
      parse(crlf({"Subject: long", "Content-Type: text/plain; charset=utf-8", "", body}));
  EXPECT_EQ(m.snippet, std::string(199, 'a') + "...");
}

TEST(message_view, garbage_never_crashes) {
  const std::string inputs[] = {
      "",
      std::string("\0\0\0\xFF\xFE", 5),
      "Subject: only\r\n",
      "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: multipart/mixed\r\n",
      "From: <<<@@@>>>\r\nTo: ,,,;;;\r\nDate: yesterday\r\nSubject: =?bogus?Q?x?=\r\n\r\n",
      "Content-Type: text/plain; charset=no-such-charset\r\n\r\n\xFF\xFE text",
  };
  for (const std::string& raw : inputs) {
    const message_view m = parse(raw);
    EXPECT_LE(m.snippet.size(), 203U);
    (void)headers(raw);
    (void)part(raw, "1");
  }
  EXPECT_EQ(parse("Subject: only\r\n").subject, "only");
  EXPECT_FALSE(parse("From: a@b\r\nDate: yesterday\r\n\r\nx").date.has_value());
}

}  // namespace
}  // namespace exomock::mime
