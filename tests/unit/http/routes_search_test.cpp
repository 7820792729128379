// GET and DELETE /api/v1/search: the query requirement, the search counts in
// the envelope, paging, and deletion with its delete/prune events.
#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using strings = std::vector<std::string>;

class search_routes_test : public mailbox_test {
 protected:
  void SetUp() override {
    mailbox_test::SetUp();
    mime_view invoice;
    invoice.subject = "Invoice";
    invoice.search_text = "invoice";
    for (int i = 0; i < 3; ++i) {
      invoices.push_back(std::to_string(add(message("a@contoso.com"), invoice)));
    }
    other = std::to_string(add(message("b@contoso.com")));
    ASSERT_EQ(editor_->set_read({std::stoll(invoices[0])}, true).size(), 1u);
    events_.clear();
  }
  strings invoices;  // oldest first
  std::string other;
};

TEST_F(search_routes_test, a_missing_or_blank_query_is_400) {
  for (const char* target :
       {"/api/v1/search", "/api/v1/search?query=", "/api/v1/search?query=%20%09"}) {
    for (const char* method : {"GET", "DELETE"}) {
      const response r = call(method, target);
      EXPECT_EQ(r.status, 400) << method << " " << target;
      EXPECT_EQ(r.body, "Error: no search query");
      EXPECT_EQ(r.content_type, "text/plain");
    }
  }
  EXPECT_EQ(mailbox_->counts().total, 4);
}

TEST_F(search_routes_test, the_envelope_counts_the_matches_and_the_mailbox) {
  const auto body = get_json("/api/v1/search?query=subject:invoice");
  EXPECT_EQ(keys(body), envelope_keys);
  EXPECT_EQ(body.at("total"), 4);
  EXPECT_EQ(body.at("unread"), 3);
  EXPECT_EQ(body.at("messages_count"), 3);
  EXPECT_EQ(body.at("messages_unread"), 2);
  EXPECT_EQ(body.at("count"), 3);
  EXPECT_EQ(ids(body), (strings{invoices[2], invoices[1], invoices[0]}));
}

TEST_F(search_routes_test, paging_and_limit_zero_returns_no_messages) {
  auto body = get_json("/api/v1/search?query=invoice&start=1&limit=1");
  EXPECT_EQ(ids(body), (strings{invoices[1]}));
  EXPECT_EQ(body.at("messages_count"), 3);
  body = get_json("/api/v1/search?query=invoice&limit=0");  // unlike the list
  EXPECT_EQ(ids(body), strings{});
  EXPECT_EQ(body.at("messages_count"), 3);
  body = get_json("/api/v1/search?query=invoice&start=3");
  EXPECT_EQ(ids(body), strings{});
  EXPECT_EQ(body.at("start"), 3);
  body = get_json("/api/v1/search?query=invoice&start=-2&limit=abc");
  EXPECT_EQ(body.at("start"), 0);
  EXPECT_EQ(body.at("count"), 3);
}

TEST_F(search_routes_test, no_word_is_an_error) {
  const auto body = get_json("/api/v1/search?query=is:foo%20after:never%20larger:2g");
  EXPECT_EQ(body.at("messages_count"), 0);  // text that nothing contains
  EXPECT_EQ(get_json("/api/v1/search?query=after:never").at("messages_count"), 4);
}

TEST_F(search_routes_test, delete_by_search_deletes_the_matches_one_event_each) {
  const response r = call("DELETE", "/api/v1/search?query=invoice%20is:unread");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(events_.lines(), (strings{"delete {\"ID\":\"" + invoices[2] + "\"}",
                                      "delete {\"ID\":\"" + invoices[1] + "\"}"}));
  EXPECT_EQ(events_.changes, 1);
  EXPECT_EQ(ids(get_json("/api/v1/messages")), (strings{other, invoices[0]}));
  events_.clear();
  EXPECT_EQ(call("DELETE", "/api/v1/search?query=nothing-matches").body, "ok");
  EXPECT_TRUE(events_.published.empty());
  EXPECT_EQ(events_.changes, 0);
}

TEST_F(search_routes_test, deleting_more_than_200_by_search_prunes_instead) {
  for (int i = 0; i < 200; ++i) {
    store_->submit(message("bulk@contoso.com"), [](bool, std::int64_t) {});
  }
  store_->write_queued();
  store_->flush();
  EXPECT_EQ(call("DELETE", "/api/v1/search?query=login:scanner").body, "ok");
  EXPECT_EQ(events_.lines(), (strings{"prune null"}));
  EXPECT_EQ(mailbox_->counts().total, 0);
  EXPECT_EQ(editor_->deleted(), 204);
}

}  // namespace
}  // namespace exomock::http::testing
