// /api/v1/info and /api/v1/webui: exactly Mailpit's keys, in order, with
// values read from the store and the process; and the offline routes' errors.
#include <mutex>

#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using strings = std::vector<std::string>;

class info_test : public mailbox_test {};

TEST_F(info_test, info_reports_the_store_and_the_run) {
  const std::int64_t before = add(message("old@contoso.com"));
  context_->facts.resident_memory = [] { return std::uint64_t{21'000'000}; };
  live_.traffic.messages_accepted.add(3);  // what the SMTP side counted
  live_.traffic.accepted_bytes.add(72);
  live_.traffic.messages_rejected.add(1);
  const std::int64_t kept = add(message("a@contoso.com"));
  const std::int64_t gone = add(message("b@contoso.com"));
  ASSERT_TRUE(editor_->set_tags(kept, {"Zed", "apple"}));
  ASSERT_TRUE(editor_->set_tags(before, {"apple"}));
  ASSERT_EQ(editor_->set_read({before}, true).size(), 1u);
  ASSERT_EQ(editor_->delete_messages({gone}).size(), 1u);

  const auto body = get_json("/api/v1/info");
  EXPECT_EQ(keys(body), (strings{"Version", "LatestVersion", "Database", "DatabaseSize", "Messages",
                                 "Unread", "Tags", "RuntimeStats"}));
  EXPECT_EQ(body.at("Version"), "v0.1.0");
  EXPECT_EQ(body.at("LatestVersion"), "disabled");
  EXPECT_EQ(body.at("Database").as_string(), (dir_ / "exomock.sqlite3").string());
  EXPECT_EQ(body.at("DatabaseSize"), std::filesystem::file_size(dir_ / "exomock.sqlite3"));
  EXPECT_GT(body.at("DatabaseSize").to_number<std::int64_t>(), 0);
  EXPECT_EQ(body.at("Messages"), 2);
  EXPECT_EQ(body.at("Unread"), 1);
  // Go writes map keys in byte order: "Zed" before "apple".
  EXPECT_EQ(boost::json::serialize(body.at("Tags")), R"({"Zed":1,"apple":2})");
  const auto& stats = body.at("RuntimeStats");
  EXPECT_EQ(keys(stats), (strings{"Uptime", "Memory", "MessagesDeleted", "SMTPAccepted",
                                  "SMTPAcceptedSize", "SMTPRejected", "SMTPIgnored"}));
  EXPECT_GE(stats.at("Uptime").to_number<std::int64_t>(), 0);
  EXPECT_EQ(stats.at("Memory"), 21'000'000);
  EXPECT_EQ(stats.at("MessagesDeleted"), 1);
  EXPECT_EQ(stats.at("SMTPAccepted"), 3);
  EXPECT_EQ(stats.at("SMTPAcceptedSize"), 72);
  EXPECT_EQ(stats.at("SMTPRejected"), 1);
  EXPECT_EQ(stats.at("SMTPIgnored"), 0);
}

TEST_F(info_test, an_empty_mailbox_has_an_empty_tag_map) {
  const auto body = get_json("/api/v1/info");
  EXPECT_EQ(boost::json::serialize(body.at("Tags")), "{}");
  EXPECT_EQ(body.at("RuntimeStats").at("Memory"), 0);  // no reader wired in this context
}

TEST_F(info_test, webui_is_mailpits_configuration_with_everything_off) {
  const response r = call("GET", "/api/v1/webui");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            R"({"Label":"","MessageRelay":{"Enabled":false,"SMTPServer":"","ReturnPath":"",)"
            R"("AllowedRecipients":"","BlockedRecipients":"","OverrideFrom":"",)"
            R"("PreserveMessageIDs":false,"RecipientAllowlist":""},"SpamAssassin":false,)"
            R"("ChaosEnabled":false,"DuplicatesIgnored":false,"HideDeleteAllButton":false})"
            "\n");
}

TEST_F(info_test, webui_says_when_chaos_is_enabled) {
  {
    const std::lock_guard lock(live_.mutex);
    live_.chaos = policy::chaos_triggers{};
  }
  EXPECT_EQ(get_json("/api/v1/webui").at("ChaosEnabled"), true);
}

TEST_F(info_test, release_is_refused_with_the_reason) {
  const std::string id = std::to_string(add(message("a@contoso.com")));
  response r = call("POST", "/api/v1/message/999/release", R"({"To":["x@example.test"]})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "404 page not found");
  r = call("POST", "/api/v1/message/latest/release", R"({"To":["x@example.test"]})");
  EXPECT_EQ(r.status, 404);  // Mailpit does not resolve latest here
  r = call("POST", "/api/v1/message/" + id + "/release", R"({"To":[]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "No valid addresses found");
  r = call("POST", "/api/v1/message/" + id + "/release", "");
  EXPECT_EQ(r.body, "EOF");
  r = call("POST", "/api/v1/message/" + id + "/release", R"({"to":["x@example.test"]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.body.starts_with("SMTP error: relay not configured")) << r.body;
}

TEST_F(info_test, checks_that_need_the_network_are_refused_clearly) {
  EXPECT_EQ(call("GET", "/api/v1/message/latest/html-check").status, 404);  // empty mailbox
  const std::string id = std::to_string(add(message("a@contoso.com")));
  for (const char* check : {"html-check", "link-check"}) {
    for (const std::string& which : {id, std::string("latest")}) {
      const response r = call("GET", "/api/v1/message/" + which + "/" + check);
      EXPECT_EQ(r.status, 400) << check;
      EXPECT_TRUE(r.body.starts_with(std::string(check) + " is not run by exomock")) << r.body;
    }
    EXPECT_EQ(call("GET", "/api/v1/message/latest/" + std::string(check) + "?query=nomatch").body,
              "404 page not found");
  }
}

TEST_F(info_test, thumbnails_and_spamassassin_answer_as_mailpit_without_them) {
  const std::string id = std::to_string(add(message("a@contoso.com")));
  response r = call("GET", "/api/v1/message/999/part/2/thumb");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "sql: no rows in result set");
  r = call("GET", "/api/v1/message/" + id + "/part/2/thumb");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            "thumbnails are not rendered by exomock: fetch the part itself from "
            "/api/v1/message/" +
                id + "/part/2");
  r = call("GET", "/api/v1/message/" + id + "/sa-check");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "File not found\n");
  r = call("GET", "/api/events");  // no upgrade asked for
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "Bad Request\n");
}

}  // namespace
}  // namespace exomock::http::testing
