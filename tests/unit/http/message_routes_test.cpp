// GET /api/v1/message/{ID}, /headers, /raw, /part/{PartID} and /smtp.
#include "message_routes_fixture.hpp"

namespace exomock::http::testing {
namespace {

const std::string invoice =
    "From: Billing <billing+Invoices@contoso.com>\r\n"
    "To: Alice <alice@contoso.com>\r\n"
    "Subject: =?UTF-8?Q?Your_invoice_=E2=82=AC?=\r\n"
    "Message-ID: <20260720.42@contoso.com>\r\n"
    "Date: Mon, 20 Jul 2026 16:51:26 +1200\r\n"
    "List-Unsubscribe: <mailto:unsub@contoso.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=m\r\n"
    "\r\n"
    "--m\r\n"
    "Content-Type: multipart/related; boundary=r\r\n"
    "\r\n"
    "--r\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Hi Alice</p><img src=\"cid:logo\">\r\n"
    "--r\r\n"
    "Content-Type: image/png\r\n"
    "Content-ID: <logo>\r\n"
    "Content-Disposition: inline; filename=\"logo.png\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "--r--\r\n"
    "--m\r\n"
    "Content-Type: application/pdf\r\n"
    "Content-Disposition: attachment; filename=\"invoice (July).pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "aGVsbG8=\r\n"
    "--m--\r\n";

TEST_F(message_routes, message_has_mailpits_keys_in_order) {
  const std::int64_t id = capture(invoice, {"alice@contoso.com", "audit@contoso.com"});
  EXPECT_FALSE(read(id));
  const response r = get("/api/v1/message/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(read(id));  // as Mailpit, fetching the message marks it read
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer");
  const auto o = parsed(r).as_object();
  std::vector<std::string> keys;
  for (const auto& entry : o) {
    keys.emplace_back(entry.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"ID", "MessageID", "From", "To", "Cc", "Bcc", "ReplyTo",
                                            "ReturnPath", "Subject", "ListUnsubscribe", "Date",
                                            "Tags", "Username", "Text", "HTML", "Size", "Inline",
                                            "Attachments"}));
  EXPECT_EQ(str(o.at("ID")), std::to_string(id));
  EXPECT_EQ(str(o.at("MessageID")), "20260720.42@contoso.com");
  EXPECT_EQ(boost::json::serialize(o.at("From")),
            R"({"Name":"Billing","Address":"billing+Invoices@contoso.com"})");
  EXPECT_EQ(boost::json::serialize(o.at("To")),
            R"([{"Name":"Alice","Address":"alice@contoso.com"}])");
  EXPECT_EQ(boost::json::serialize(o.at("Cc")), "[]");
  // The envelope recipient no header names, as Mailpit lists it.
  EXPECT_EQ(boost::json::serialize(o.at("Bcc")), R"([{"Name":"","Address":"audit@contoso.com"}])");
  EXPECT_EQ(boost::json::serialize(o.at("ReplyTo")), "[]");
  EXPECT_EQ(str(o.at("ReturnPath")), "scanner@contoso.com");  // MAIL FROM
  EXPECT_EQ(str(o.at("Subject")), "Your invoice \xE2\x82\xAC");
  EXPECT_EQ(boost::json::serialize(o.at("ListUnsubscribe")),
            R"({"Header":"<mailto:unsub@contoso.com>","Links":["mailto:unsub@contoso.com"],)"
            R"("Errors":"","HeaderPost":""})");
  EXPECT_EQ(str(o.at("Date")), "2026-07-20T16:51:26+12:00");
  EXPECT_EQ(boost::json::serialize(o.at("Tags")), R"(["Invoices"])");
  EXPECT_EQ(str(o.at("Username")), "scanner@contoso.com");
  EXPECT_EQ(str(o.at("HTML")), "<p>Hi Alice</p><img src=\"cid:logo\">");
  EXPECT_EQ(str(o.at("Text")), "Hi Alice");  // no text part: the HTML as text
  EXPECT_EQ(o.at("Size").to_number<std::uint64_t>(), invoice.size());
  EXPECT_EQ(
      boost::json::serialize(o.at("Inline")),
      R"([{"PartID":"1.2","FileName":"logo.png","ContentType":"image/png","ContentID":"logo",)"
      R"("Size":8,"Checksums":{"MD5":"e9dd2797018cad79186e03e8c5aec8dc",)"
      R"("SHA1":"4caece539b039b16e16206ea2478f8c5ffb2ca05",)"
      R"("SHA256":"4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6"}}])")
      << "checksums of the 8-byte PNG signature";
  const auto& attachment = o.at("Attachments").as_array().at(0).as_object();
  EXPECT_EQ(str(attachment.at("PartID")), "2");
  EXPECT_EQ(str(attachment.at("FileName")), "invoice (July).pdf");
  EXPECT_EQ(str(attachment.at("ContentType")), "application/pdf");
  EXPECT_EQ(attachment.at("Size").to_number<std::uint64_t>(), 5U);
}

TEST_F(message_routes, latest_is_the_newest_message_and_404s_when_there_is_none) {
  const response none = get("/api/v1/message/latest");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.body, "Message not found");
  const std::int64_t first = capture("Subject: first\r\n\r\nx\r\n");
  const std::int64_t second = capture("Subject: second\r\n\r\ny\r\n");
  const response r = get("/api/v1/message/latest");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(str(parsed(r).at("ID")), std::to_string(second));
  EXPECT_EQ(str(parsed(r).at("Subject")), "second");
  // No Date header: the time it arrived, in Go's RFC 3339 with milliseconds.
  EXPECT_EQ(str(parsed(r).at("Date")), "2026-07-20T04:51:26.12Z");
  EXPECT_EQ(str(parsed(r).at("MessageID")), "");
  // With ?query=, the newest message that matches the search.
  const response match = get("/api/v1/message/latest?query=subject:first");
  ASSERT_EQ(match.status, 200);
  EXPECT_EQ(str(parsed(match).at("ID")), std::to_string(first));
  EXPECT_EQ(get("/api/v1/message/latest?query=subject:third").body, "Message not found");
}

TEST_F(message_routes, unknown_ids_are_404_page_not_found) {
  capture("Subject: x\r\n\r\nx\r\n");
  for (const char* target : {"/api/v1/message/999", "/api/v1/message/abc", "/api/v1/message/0",
                             "/api/v1/message/999/headers", "/api/v1/message/999/raw",
                             "/api/v1/message/999/part/1", "/api/v1/message/999/smtp"}) {
    const response r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, "404 page not found") << target;
    EXPECT_EQ(r.content_type, "text/plain") << target;
  }
}

TEST_F(message_routes, headers_are_the_raw_header_map) {
  const std::int64_t id = capture(invoice);
  const response r = get("/api/v1/message/" + std::to_string(id) + "/headers");
  EXPECT_FALSE(read(id));  // headers, raw and parts leave the read flag alone
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(
      r.body,
      R"({"Content-Type":["multipart/mixed; boundary=m"],)"
      R"("Date":["Mon, 20 Jul 2026 16:51:26 +1200"],)"
      R"("From":["Billing <billing+Invoices@contoso.com>"],)"
      R"("List-Unsubscribe":["<mailto:unsub@contoso.com>"],)"
      R"("Message-Id":["<20260720.42@contoso.com>"],"Mime-Version":["1.0"],)"
      R"("Subject":["=?UTF-8?Q?Your_invoice_=E2=82=AC?="],"To":["Alice <alice@contoso.com>"]})"
      "\n");
}

TEST_F(message_routes, raw_is_the_stored_bytes_with_an_optional_download_name) {
  const std::int64_t id = capture(invoice);
  const std::string base = "/api/v1/message/" + std::to_string(id) + "/raw";
  const response r = get(base);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, invoice);
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(header(r, "Content-Disposition"), "<none>");
  EXPECT_EQ(header(get(base + "?dl=1"), "Content-Disposition"),
            "attachment; filename=\"" + std::to_string(id) + ".eml\"");
}

TEST_F(message_routes, part_serves_decoded_bytes_and_refuses_traversal) {
  const std::int64_t id = capture(invoice);
  const std::string base = "/api/v1/message/" + std::to_string(id) + "/part/";
  const response pdf = get(base + "2");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, "hello");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(header(pdf, "Content-Disposition"), "inline; filename=\"invoice%20%28July%29.pdf\"");
  const response logo = get("/api/v1/message/latest/part/1.2");
  EXPECT_EQ(logo.status, 200);
  EXPECT_EQ(logo.content_type, "image/png");
  for (const char* bad : {"1", "1.0", "1.1", "9", "..%2F2", "..%2F..%2Fetc%2Fpasswd"}) {
    const response r = get(base + bad);
    EXPECT_EQ(r.status, 404) << bad;
    EXPECT_EQ(r.body, "404 page not found") << bad;
  }
}

TEST_F(message_routes, smtp_facts_name_the_envelope_session_and_tenant) {
  const std::string session = "00000000000000b2";
  const std::int64_t id = capture(invoice, {"alice@contoso.com"}, session);
  const std::string target = "/api/v1/message/" + std::to_string(id) + "/smtp";
  const response before = get(target);
  ASSERT_EQ(before.status, 200);
  const auto o = parsed(before).as_object();
  std::vector<std::string> keys;
  for (const auto& entry : o) {
    keys.emplace_back(entry.key());
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{"MailFrom", "RcptTo", "Login", "ClientIP", "ClientPort",
                                      "Listener", "Path", "Tenant", "TLSVersion", "TLSCipher",
                                      "SessionID", "Received", "Released", "Helo", "Mechanism"}));
  EXPECT_EQ(str(o.at("MailFrom")), "scanner@contoso.com");
  EXPECT_EQ(boost::json::serialize(o.at("RcptTo")), R"(["alice@contoso.com"])");
  EXPECT_EQ(str(o.at("Login")), "scanner@contoso.com");
  EXPECT_EQ(str(o.at("ClientIP")), "192.0.2.7");
  EXPECT_EQ(o.at("ClientPort").to_number<std::int64_t>(), 50123);
  EXPECT_EQ(str(o.at("Listener")), "submission");
  EXPECT_EQ(str(o.at("Path")), "submission");
  EXPECT_EQ(str(o.at("Tenant")), "contoso");
  EXPECT_EQ(str(o.at("TLSVersion")), "TLSv1.3");
  EXPECT_EQ(str(o.at("SessionID")), session);
  EXPECT_EQ(str(o.at("Received")), "2026-07-20T04:51:26.12Z");
  EXPECT_EQ(str(o.at("Released")), "2026-07-20T04:51:26.12Z");
  EXPECT_EQ(str(o.at("Helo")), "printer.example");
  EXPECT_EQ(str(o.at("Mechanism")), "LOGIN");
  // Once the session has ended its transcript holds the 250 that named the message.
  store::session_record record;
  record.session_id = session;
  record.transcript =
      "C: DATA\r\nS: 354 Start mail input\r\nS: 250 2.0.0 OK <fallback@contoso.com> "
      "[Hostname=SN7PR04MB1234]\r\nC: QUIT\r\n";
  store_->record(record);
  store_->flush();
  EXPECT_EQ(parsed(get(target)).at("Reply"),
            "250 2.0.0 OK <fallback@contoso.com> [Hostname=SN7PR04MB1234]");
}

}  // namespace
}  // namespace exomock::http::testing
