// Search words compiled to SQL and run over a real store: which messages each
// word, its negation and their combinations find, newest first.
#include "http/mailbox_search.hpp"

#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using namespace std::chrono;

sys_time<milliseconds> utc(int y, int mo, int d, int h = 0) {
  return sys_days{year{y} / mo / d} + hours{h};
}

class search_test : public mailbox_test {
 protected:
  void SetUp() override {
    mailbox_test::SetUp();
    auto a = message("alice@contoso.com", utc(2024, 4, 1, 10));
    a.raw = std::string(100, 'a');
    mime_view va;
    va.subject = "Your Invoice";
    va.from_json = R"({"Name":"Billing","Address":"billing@app.example"})";
    va.to_json = R"([{"Name":"Alice","Address":"alice@contoso.com"}])";
    va.message_id = "inv-42@app.example";
    va.search_text = "billing your invoice alice hello invoice.pdf";
    va.attachments = 1;
    first = add(a, va);

    auto b = message("bob@fabrikam.com", utc(2024, 5, 1, 10));
    b.raw = std::string(3000, 'b');
    b.login = "";
    b.listener = "mx";
    b.path = "direct-send";
    b.tls_version = "";
    b.client_ip = "203.0.113.5";
    mime_view vb;
    vb.subject = "Password reset";
    vb.to_json = R"([{"Name":"","Address":"bob@fabrikam.com"}])";
    vb.cc_json = R"([{"Name":"Carol","Address":"carol@northwind.example"}])";
    vb.search_text = "password reset for bob";
    vb.inlines = 1;
    second = add(b, vb);

    auto c = message("dave@northwind.example", utc(2024, 6, 1, 10));
    c.raw = std::string(2000, 'c');
    c.login = "printer@contoso.net";
    c.path = "connector:Office printers";
    c.tls_version = "TLSv1.3";
    c.rcpt_to = {"dave@northwind.example", "erin@Fabrikam.com"};
    mime_view vc;
    vc.subject = "Scan 100%_done";
    vc.bcc_json = R"([{"Name":"","Address":"audit@contoso.com"}])";
    vc.reply_to_json = R"([{"Name":"Help","Address":"help@contoso.com"}])";
    vc.search_text = "scan ready";
    third = add(c, vc);
    ASSERT_TRUE(editor_->set_tags(third, {"Urgent"}));
    ASSERT_EQ(editor_->set_read({third}, true).size(), 1u);
  }

  std::vector<std::int64_t> found(std::string_view query, std::string_view tz = "") {
    return mailbox_->matching_ids(mailbox_query_for(*context_, query, tz));
  }
  using ids_t = std::vector<std::int64_t>;

  std::int64_t first = 0, second = 0, third = 0;
};

TEST_F(search_test, no_terms_find_everything_newest_first) {
  EXPECT_EQ(found(""), (ids_t{third, second, first}));
  EXPECT_EQ(found("<> ,"), (ids_t{third, second, first}));
}

TEST_F(search_test, plain_words_search_the_text_each_word_anywhere) {
  EXPECT_EQ(found("invoice"), (ids_t{first}));
  EXPECT_EQ(found("INVOICE alice"), (ids_t{first}));
  EXPECT_EQ(found("alice password"), (ids_t{}));
  EXPECT_EQ(found(R"("reset for")"), (ids_t{second}));
  EXPECT_EQ(found(R"("for reset")"), (ids_t{}));
  EXPECT_EQ(found("-invoice"), (ids_t{third, second}));
}

TEST_F(search_test, address_words_match_the_stored_json) {
  EXPECT_EQ(found("to:alice@contoso.com"), (ids_t{first}));
  EXPECT_EQ(found("to:ALICE"), (ids_t{first}));
  EXPECT_EQ(found("to:name"), (ids_t{second, first}));  // the key names are text too
  EXPECT_EQ(found("from:billing"), (ids_t{first}));
  EXPECT_EQ(found("cc:carol"), (ids_t{second}));
  EXPECT_EQ(found("bcc:audit"), (ids_t{third}));
  EXPECT_EQ(found("reply-to:help"), (ids_t{third}));
  EXPECT_EQ(found("addressed:carol"), (ids_t{second}));
  EXPECT_EQ(found("addressed:contoso.com"), (ids_t{third, first}));
  EXPECT_EQ(found("-addressed:contoso.com"), (ids_t{second}));
  EXPECT_EQ(found("-to:fabrikam"), (ids_t{third, first}));
}

TEST_F(search_test, subject_and_message_id) {
  EXPECT_EQ(found("subject:invoice"), (ids_t{first}));
  EXPECT_EQ(found(R"(subject:"password reset")"), (ids_t{second}));
  EXPECT_EQ(found("-subject:invoice"), (ids_t{third, second}));
  EXPECT_EQ(found("subject:100%_done"), (ids_t{third}));  // LIKE wildcards, as in Mailpit
  EXPECT_EQ(found("subject:1_0"), (ids_t{third}));
  EXPECT_EQ(found("message-id:<INV-42@app.example>"), (ids_t{first}));
}

TEST_F(search_test, tags_read_state_and_parts) {
  EXPECT_EQ(found("tag:urgent"), (ids_t{third}));
  EXPECT_EQ(found("-tag:Urgent"), (ids_t{second, first}));
  EXPECT_EQ(found("tag:urg"), (ids_t{}));  // a tag matches whole
  EXPECT_EQ(found("is:tagged"), (ids_t{third}));
  EXPECT_EQ(found("!is:tagged"), (ids_t{second, first}));
  EXPECT_EQ(found("is:read"), (ids_t{third}));
  EXPECT_EQ(found("is:unread"), (ids_t{second, first}));
  EXPECT_EQ(found("!is:read"), (ids_t{second, first}));
  EXPECT_EQ(found("-is:unread"), (ids_t{third}));
  EXPECT_EQ(found("has:attachment"), (ids_t{first}));
  EXPECT_EQ(found("-has:attachments"), (ids_t{third, second}));
  EXPECT_EQ(found("has:inline"), (ids_t{second}));
  EXPECT_EQ(found("-has:inlines"), (ids_t{third, first}));
}

TEST_F(search_test, dates_compare_with_the_receipt_time) {
  EXPECT_EQ(found("after:2024-05-01"), (ids_t{third, second}));
  EXPECT_EQ(found("before:2024-05-01"), (ids_t{first}));
  EXPECT_EQ(found(R"(after:"2024-05-01 10:00")"), (ids_t{third, second}));  // inclusive
  EXPECT_EQ(found(R"(before:"2024-05-01 10:00")"), (ids_t{second, first}));
  EXPECT_EQ(found(R"(-after:"2024-05-01 10:00")"), (ids_t{second, first}));  // <=, as Mailpit
  EXPECT_EQ(found("-before:2024-05-01"), (ids_t{third, second}));
  EXPECT_EQ(found("after:2024/04/15 before:2024/05/15"), (ids_t{second}));
  EXPECT_EQ(found("after:notadate"), (ids_t{third, second, first}));  // ignored
  EXPECT_EQ(found("after:1714557600"), (ids_t{third, second}));       // unix seconds
}

TEST_F(search_test, the_tz_parameter_moves_local_dates) {
  // 2024-05-01 12:00 in Tokyo is 03:00 UTC, before the second message's 10:00.
  EXPECT_EQ(found(R"(after:"2024-05-01 12:00")", "Asia/Tokyo"), (ids_t{third, second}));
  EXPECT_EQ(found(R"(after:"2024-05-01 20:00")", "Asia/Tokyo"), (ids_t{third}));
  // A name that is no zone is ignored: the server's own zone reads the date.
  EXPECT_EQ(found(R"(after:"2024-05-01 10:30")", "Not/AZone"),
            found(R"(after:"2024-05-01 10:30")"));
  EXPECT_EQ(found(R"(after:"2024-05-01 10:30")", "UTC"), (ids_t{third}));
}

TEST_F(search_test, sizes_compare_with_the_stored_bytes) {
  EXPECT_EQ(found("larger:1k"), (ids_t{third, second}));
  EXPECT_EQ(found("smaller:2000"), (ids_t{first}));
  EXPECT_EQ(found("larger:2000"), (ids_t{second}));  // strictly larger
  EXPECT_EQ(found("-larger:2000"), (ids_t{first}));  // strictly smaller, as Mailpit
  EXPECT_EQ(found("-smaller:2000"), (ids_t{second}));
  EXPECT_EQ(found("larger:2g"), (ids_t{}));  // not a size: the text "larger:2g"
}

TEST_F(search_test, exomock_words_about_the_arrival) {
  EXPECT_EQ(found("login:scanner"), (ids_t{first}));
  EXPECT_EQ(found("login:contoso"), (ids_t{third, first}));
  EXPECT_EQ(found("listener:MX"), (ids_t{second}));
  EXPECT_EQ(found("-listener:submission"), (ids_t{second}));
  EXPECT_EQ(found("path:submission"), (ids_t{first}));
  EXPECT_EQ(found("path:direct-send"), (ids_t{second}));
  EXPECT_EQ(found(R"(path:"connector:office printers")"), (ids_t{third}));
  EXPECT_EQ(found("path:connector"), (ids_t{third}));
  EXPECT_EQ(found("path:connector:other"), (ids_t{}));
  EXPECT_EQ(found("tls:1.2"), (ids_t{first}));
  EXPECT_EQ(found("tls:1.3"), (ids_t{third}));
  EXPECT_EQ(found("tls:none"), (ids_t{second}));
  EXPECT_EQ(found("-tls:none"), (ids_t{third, first}));
  EXPECT_EQ(found("client-ip:203.0.113.5"), (ids_t{second}));
  EXPECT_EQ(found("client-ip:203.0.113"), (ids_t{}));  // an address matches whole
}

TEST_F(search_test, tenant_by_name_or_domain_through_login_or_recipients) {
  EXPECT_EQ(found("tenant:contoso"), (ids_t{third, first}));  // logins @contoso.com, .net
  EXPECT_EQ(found("tenant:contoso.net"), (ids_t{third, first}));
  EXPECT_EQ(found("tenant:Fabrikam"), (ids_t{third, second}));  // recipients, case ignored
  EXPECT_EQ(found("-tenant:fabrikam"), (ids_t{first}));
  EXPECT_EQ(found("tenant:northwind"), (ids_t{}));  // no such tenant in the scenario
  EXPECT_EQ(found("-tenant:northwind"), (ids_t{third, second, first}));
}

TEST_F(search_test, terms_are_anded) {
  EXPECT_EQ(found("tenant:contoso -tag:urgent has:attachment"), (ids_t{first}));
  EXPECT_EQ(found("is:unread larger:1k to:bob"), (ids_t{second}));
}

TEST_F(search_test, request_text_is_only_ever_a_bound_value) {
  EXPECT_EQ(found("x') OR 1=1 --"), (ids_t{}));
  EXPECT_EQ(found("tag:x');DROP TABLE messages;--"), (ids_t{}));
  EXPECT_EQ(found(""), (ids_t{third, second, first}));
}

TEST_F(search_test, latest_matching_and_pages_with_counts) {
  EXPECT_EQ(latest_matching(*context_, ""), third);
  EXPECT_EQ(latest_matching(*context_, "is:unread"), second);
  EXPECT_EQ(latest_matching(*context_, "nothing-matches-this"), std::nullopt);
  const auto page = mailbox_->search(mailbox_query_for(*context_, "-tag:urgent"), 1, 5);
  EXPECT_EQ(page.matched.total, 2);
  EXPECT_EQ(page.matched.unread, 2);
  ASSERT_EQ(page.messages.size(), 1u);
  EXPECT_EQ(page.messages[0].id, first);
  EXPECT_EQ(mailbox_->search({}, 0, 0).messages.size(), 0u);
  EXPECT_EQ(mailbox_->search({}, 0, std::nullopt).messages.size(), 3u);
  EXPECT_EQ(mailbox_->search({}, 7, std::nullopt).messages.size(), 0u);
}

TEST_F(search_test, summaries_after_an_id_oldest_first) {
  const auto after = mailbox_->summaries_after(first, 10);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].id, second);  // oldest first
  EXPECT_EQ(after[1].id, third);
  EXPECT_EQ(mailbox_->summaries_after(first, 1).size(), 1u);
  EXPECT_TRUE(mailbox_->summaries_after(third, 10).empty());
}

}  // namespace
}  // namespace exomock::http::testing
