// POST /api/v1/send: stored through the store, read back through the routes.
#include "message_routes_fixture.hpp"
#include "smtp/base64.hpp"

namespace exomock::http::testing {
namespace {

const std::string request_body = R"({
  "from": {"email": "app@contoso.com", "Name": "App"},
  "To": [{"Email": "alice@contoso.com", "Name": "Alice"}],
  "Bcc": ["hidden@contoso.com"],
  "Subject": "Sent by API",
  "Text": "plain",
  "HTML": "<p>html <img src=\"cid:logo\"></p>",
  "Attachments": [{"Content": "iVBORw0KGgo=", "FileName": "logo.png", "ContentID": "logo"},
                  {"Content": "data:text/plain;base64,aGVsbG8=", "Filename": "a.txt"}],
  "Tags": ["Tag 1"],
  "Headers": {"X-Custom": "yes"},
  "Unknown": 1
})";

TEST_F(message_routes, send_stores_the_message_and_answers_its_id) {
  headers_ = {{"Authorization", "Basic " + smtp::base64_encode("ci-user:secret")}};
  const response sent = post("/api/v1/send", request_body);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string id(parsed(sent).at("ID").as_string());
  EXPECT_EQ(sent.body, "{\"ID\":\"" + id + "\"}\n");
  const auto m = parsed(get("/api/v1/message/" + id)).as_object();
  EXPECT_EQ(str(m.at("Subject")), "Sent by API");
  EXPECT_EQ(str(m.at("Username")), "ci-user");
  EXPECT_EQ(str(m.at("ReturnPath")), "app@contoso.com");
  EXPECT_EQ(boost::json::serialize(m.at("Bcc")), R"([{"Name":"","Address":"hidden@contoso.com"}])");
  EXPECT_EQ(boost::json::serialize(m.at("Tags")), R"(["Tag 1"])");
  EXPECT_EQ(str(m.at("Text")), "plain");
  EXPECT_EQ(str(m.at("Inline").as_array().at(0).at("PartID")), "1.2");
  // Sent without a ContentType: Go's detection says "text/plain; charset=utf-8".
  EXPECT_EQ(str(m.at("Attachments").as_array().at(0).at("ContentType")), "text/plain");
  EXPECT_EQ(get("/api/v1/message/" + id + "/part/2").body, "hello");
  const auto facts = parsed(get("/api/v1/message/" + id + "/smtp")).as_object();
  EXPECT_EQ(str(facts.at("Path")), "api");
  EXPECT_EQ(str(facts.at("Login")), "ci-user");
  EXPECT_EQ(boost::json::serialize(facts.at("RcptTo")),
            R"(["alice@contoso.com","hidden@contoso.com"])");
  const auto headers = parsed(get("/api/v1/message/" + id + "/headers")).as_object();
  for (const char* key : {"Bcc", "Content-Type", "Date", "From", "Message-Id", "Mime-Version",
                          "Return-Path", "Subject", "To", "X-Custom", "X-Tags"}) {
    EXPECT_TRUE(headers.contains(key)) << key;
  }
}

TEST_F(message_routes, send_errors_are_400_json_in_mailpits_words) {
  const auto error_of = [&](const std::string& body) {
    const response r = post("/api/v1/send", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.content_type, "application/json");
    return std::string(parsed(r).at("Error").as_string());
  };
  EXPECT_EQ(error_of(""), "EOF");
  EXPECT_EQ(error_of(R"({"From":{"Email":"a@contoso.com"}})"),
            "error building message: no recipients (to, cc, bcc) set");
  EXPECT_EQ(error_of(R"({"To":[{"Email":"b@contoso.com"}]})"),
            "error building message: from not set");
  EXPECT_EQ(error_of(R"({"From":{"Email":"a@contoso.com"},"To":[{"Email":"nope"}]})"),
            "invalid To address: nope");
  EXPECT_EQ(error_of(R"({"From":{"Email":"a@contoso.com"},"Bcc":["b@contoso.com"],)"
                     R"("Headers":{"Subject":"x"}})"),
            "cannot overwrite header: \"Subject\"");
  EXPECT_EQ(error_of(R"({"Subject": 5})"),
            "json: cannot unmarshal number into Go struct field .Subject of type string");
  EXPECT_EQ(reader_->count(), 0);
}

}  // namespace
}  // namespace exomock::http::testing
