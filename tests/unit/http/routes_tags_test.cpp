// The tag routes: listing, setting (cleaning, de-duplication, the update
// events), renaming and deleting with Mailpit's 400 texts and prune events.
#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using strings = std::vector<std::string>;

class tags_test : public mailbox_test {
 protected:
  void SetUp() override {
    mailbox_test::SetUp();
    first = add(message("a@contoso.com"));
    second = add(message("b@contoso.com"));
  }
  std::string body_ids(std::string_view tags) const {
    return R"({"IDs":[")" + std::to_string(first) + R"(",")" + std::to_string(second) +
           R"(","999"],"Tags":)" + std::string(tags) + "}";
  }
  strings tags_of(std::int64_t id) const { return mailbox_->summary(id)->tags; }

  std::int64_t first = 0, second = 0;
};

TEST_F(tags_test, the_list_is_empty_then_sorted_ignoring_case) {
  EXPECT_EQ(call("GET", "/api/v1/tags").body, "[]\n");
  ASSERT_TRUE(editor_->set_tags(first, {"beta", "Alpha"}));
  ASSERT_TRUE(editor_->set_tags(second, {"alpha2"}));
  const response r = call("GET", "/api/v1/tags");
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, "[\"Alpha\",\"alpha2\",\"beta\"]\n");
}

TEST_F(tags_test, set_replaces_cleans_and_dedupes_and_tells_each_message) {
  const response r = call("PUT", "/api/v1/tags", body_ids(R"(["Tag 1","tag 1","b@d!","","  "])"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(tags_of(first), (strings{"b@d", "Tag 1"}));
  EXPECT_EQ(
      events_.lines(),
      (strings{"update {\"ID\":\"" + std::to_string(first) + R"(","Tags":["Tag 1","b@d"]})",
               "update {\"ID\":\"" + std::to_string(second) + R"(","Tags":["Tag 1","b@d"]})"}));
}

TEST_F(tags_test, set_with_no_tags_removes_them_and_no_ids_does_nothing) {
  ASSERT_TRUE(editor_->set_tags(first, {"keep"}));
  EXPECT_EQ(call("PUT", "/api/v1/tags", R"({"Tags":["x"]})").body, "ok");
  EXPECT_EQ(tags_of(first), (strings{"keep"}));
  EXPECT_TRUE(events_.published.empty());
  EXPECT_EQ(call("PUT", "/api/v1/tags", body_ids("null")).body, "ok");
  EXPECT_EQ(tags_of(first), strings{});
  EXPECT_EQ(call("GET", "/api/v1/tags").body, "[]\n");
}

TEST_F(tags_test, set_with_a_bad_body_is_400) {
  EXPECT_EQ(call("PUT", "/api/v1/tags", "").body, "EOF");
  const response r = call("PUT", "/api/v1/tags", R"({"Tags":"one"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "json: cannot unmarshal string into Go struct field .Tags of type []string");
}

TEST_F(tags_test, rename_and_its_400s) {
  ASSERT_TRUE(editor_->set_tags(first, {"Tag 1", "Other"}));
  events_.clear();
  const auto rename = [&](const std::string& tag, const std::string& body) {
    return call("PUT", "/api/v1/tags/" + tag, body);
  };
  response r = rename("Tag%201", R"({"Name":"Renamed"})");  // the path is URL-decoded
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(tags_of(first), (strings{"Other", "Renamed"}));
  EXPECT_EQ(events_.lines(), (strings{"prune null"}));
  events_.clear();

  r = rename("missing", R"({"name":"x"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "tag not found: missing");
  r = rename("Renamed", R"({"Name":"other"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "tag already exists: other");
  r = rename("Renamed", R"({"Name":"!!!"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "invalid tag name: ");
  r = rename("Renamed", "");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "EOF");
  EXPECT_TRUE(events_.published.empty());

  EXPECT_EQ(rename("Renamed", R"({"Name":"Renamed"})").body, "ok");  // the same name
  EXPECT_EQ(rename("Renamed", R"({"Name":"renamed"})").body, "ok");  // another case
  EXPECT_EQ(tags_of(first), (strings{"Other", "renamed"}));
}

TEST_F(tags_test, delete_keeps_the_messages_and_an_unknown_tag_is_400) {
  ASSERT_TRUE(editor_->set_tags(first, {"Gone"}));
  events_.clear();
  const response r = call("DELETE", "/api/v1/tags/Gone");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(tags_of(first), strings{});
  EXPECT_EQ(mailbox_->counts().total, 2);
  EXPECT_EQ(events_.lines(), (strings{"prune null"}));
  const response again = call("DELETE", "/api/v1/tags/Gone");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, "tag not found: Gone");
}

}  // namespace
}  // namespace exomock::http::testing
