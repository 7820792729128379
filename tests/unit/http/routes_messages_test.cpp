// GET, PUT and DELETE /api/v1/messages: the envelope and summary shapes,
// paging edges, the read-status body rules and 400 texts, deletion, and what
// each change tells live clients.
#include <algorithm>

#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using namespace std::chrono;
using strings = std::vector<std::string>;

class messages_test : public mailbox_test {
 protected:
  // Three messages; the second has a full MIME view.
  void SetUp() override {
    mailbox_test::SetUp();
    const auto t0 = sys_days{year{2026} / 7 / 20} + hours{4} + minutes{51} + seconds{26};
    a = add(message("a@contoso.com", t0 + milliseconds{123}));
    mime_view v;
    v.subject = "Your invoice";
    v.from_json = R"({"Address":"billing@app.example","Name":"Billing","Extra":1})";
    v.to_json = R"([{"Name":"","Address":"alice@example.test"}])";
    v.message_id = "20260720.42@app.example.test";
    v.search_text = "your invoice";
    v.snippet = "Hi Alice, your invoice for July is attached.";
    v.attachments = 1;
    b = add(message("b@contoso.com", t0 + seconds{1} + milliseconds{100}), v);
    c = add(message("c@contoso.com", t0 + seconds{2}));
    events_.clear();
  }
  std::string id(std::int64_t n) const { return std::to_string(n); }

  std::int64_t a = 0, b = 0, c = 0;
};

TEST_F(messages_test, the_envelope_and_summaries_have_mailpits_keys_in_order) {
  const auto body = get_json("/api/v1/messages");
  EXPECT_EQ(keys(body), envelope_keys);
  EXPECT_EQ(body.at("total"), 3);
  EXPECT_EQ(body.at("unread"), 3);
  EXPECT_EQ(body.at("count"), 3);
  EXPECT_EQ(body.at("messages_count"), 3);
  EXPECT_EQ(body.at("messages_unread"), 3);
  EXPECT_EQ(body.at("start"), 0);
  EXPECT_EQ(body.at("tags"), boost::json::array{});
  EXPECT_EQ(ids(body), (strings{id(c), id(b), id(a)}));
  const auto& m = body.at("messages").at(1);
  EXPECT_EQ(keys(m),
            (strings{"ID", "MessageID", "Read", "From", "To", "Cc", "Bcc", "ReplyTo", "Subject",
                     "Created", "Username", "Tags", "Size", "Attachments", "Snippet"}));
  EXPECT_EQ(
      boost::json::serialize(m),
      R"({"ID":")" + id(b) +
          R"(","MessageID":"20260720.42@app.example.test","Read":false,)"
          R"("From":{"Name":"Billing","Address":"billing@app.example"},)"
          R"("To":[{"Name":"","Address":"alice@example.test"}],"Cc":[],"Bcc":[],"ReplyTo":[],)"
          R"("Subject":"Your invoice","Created":"2026-07-20T04:51:27.1Z",)"
          R"("Username":"scanner@contoso.com","Tags":[],"Size":24,"Attachments":1,)"
          R"("Snippet":"Hi Alice, your invoice for July is attached."})");
}

TEST_F(messages_test, created_is_rfc3339_utc_with_goes_trimmed_fraction) {
  const auto body = get_json("/api/v1/messages");
  EXPECT_EQ(body.at("messages").at(0).at("Created"), "2026-07-20T04:51:28Z");
  EXPECT_EQ(body.at("messages").at(2).at("Created"), "2026-07-20T04:51:26.123Z");
}

TEST_F(messages_test, a_message_without_its_mime_view_still_has_every_key) {
  const auto body = get_json("/api/v1/messages");
  const auto& m = body.at("messages").at(0);
  EXPECT_EQ(m.at("From"), (boost::json::object{{"Name", ""}, {"Address", ""}}));
  EXPECT_EQ(m.at("To"), boost::json::array{});
  EXPECT_EQ(m.at("Tags"), boost::json::array{});
}

TEST_F(messages_test, paging_start_limit_and_their_edges) {
  auto page = get_json("/api/v1/messages?start=1&limit=1");
  EXPECT_EQ(ids(page), (strings{id(b)}));
  EXPECT_EQ(page.at("count"), 1);
  EXPECT_EQ(page.at("start"), 1);
  EXPECT_EQ(page.at("total"), 3);

  page = get_json("/api/v1/messages?start=10");  // beyond the end: none, counts stay
  EXPECT_EQ(ids(page), strings{});
  EXPECT_EQ(page.at("start"), 10);
  EXPECT_EQ(page.at("messages_count"), 3);

  page = get_json("/api/v1/messages?start=2&limit=0");  // 0: every message, start unused
  EXPECT_EQ(ids(page), (strings{id(c), id(b), id(a)}));
  EXPECT_EQ(page.at("start"), 2);

  for (const char* bad : {"start=-1&limit=-5", "start=x&limit=y", "start=&limit=", "limit=1.5"}) {
    page = get_json(std::string("/api/v1/messages?") + bad);
    EXPECT_EQ(page.at("start"), 0) << bad;
    EXPECT_EQ(page.at("count"), 3) << bad;  // the default limit of 50
  }
  EXPECT_EQ(get_json("/api/v1/messages?start=%2B1&limit=%2B1").at("start"),
            1);  // Go's Atoi takes +
}

TEST_F(messages_test, before_lists_earlier_messages_and_keeps_the_mailbox_counts) {
  const auto page = get_json("/api/v1/messages?before=2026-07-20T04:51:27Z");
  EXPECT_EQ(ids(page), (strings{id(a)}));
  EXPECT_EQ(page.at("messages_count"), 3);
  EXPECT_EQ(ids(get_json("/api/v1/messages?before=garbage")).size(), 3u);
}

TEST_F(messages_test, set_read_by_ids_tells_only_what_changed) {
  auto r = call("PUT", "/api/v1/messages", R"({"IDs":[")" + id(a) + R"(","999","x"],"Read":true})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(events_.lines(), (strings{"update {\"ID\":\"" + id(a) + "\",\"Read\":true}"}));
  EXPECT_EQ(events_.changes, 1);
  events_.clear();
  call("PUT", "/api/v1/messages", R"({"IDs":[")" + id(a) + R"("],"Read":true})");
  EXPECT_TRUE(events_.published.empty());
  EXPECT_EQ(get_json("/api/v1/messages").at("unread"), 2);
}

TEST_F(messages_test, body_keys_match_ignoring_case_and_unknown_keys_are_ignored) {
  call("PUT", "/api/v1/messages", R"({"ids":[")" + id(b) + R"("],"READ":true,"Colour":"red"})");
  EXPECT_TRUE(mailbox_->summary(b)->read);
  // The last key that matches a field wins, as in Go.
  call("PUT", "/api/v1/messages", R"({"Read":true,"read":false,"IDs":[")" + id(b) + R"("]})");
  EXPECT_FALSE(mailbox_->summary(b)->read);
}

TEST_F(messages_test, an_empty_body_object_marks_everything_unread_without_updates) {
  call("PUT", "/api/v1/messages", R"({"Read":true})");
  EXPECT_EQ(mailbox_->counts().unread, 0);
  EXPECT_TRUE(events_.published.empty());  // Mailpit sends no update for mark-all
  EXPECT_EQ(events_.changes, 1);
  EXPECT_EQ(call("PUT", "/api/v1/messages", "{}").body, "ok");
  EXPECT_EQ(mailbox_->counts().unread, 3);
}

TEST_F(messages_test, set_read_by_search_marks_the_matches) {
  call("PUT", "/api/v1/messages?tz=UTC", R"({"Search":"invoice","Read":true})");
  EXPECT_EQ(events_.lines(), (strings{"update {\"ID\":\"" + id(b) + "\",\"Read\":true}"}));
  EXPECT_TRUE(mailbox_->summary(b)->read);
  EXPECT_FALSE(mailbox_->summary(a)->read);
}

TEST_F(messages_test, read_status_400s_with_gos_texts) {
  const auto status = [&](const std::string& body) {
    const response r = call("PUT", "/api/v1/messages", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.content_type, "text/plain");
    return r.body;
  };
  EXPECT_EQ(status(""), "EOF");
  EXPECT_EQ(status("  \r\n"), "EOF");
  EXPECT_EQ(status(R"({"Read":)"), "unexpected EOF");
  EXPECT_EQ(status("x"), "invalid character 'x' looking for beginning of value");
  EXPECT_EQ(status(R"({"Read":"yes"})"),
            "json: cannot unmarshal string into Go struct field .Read of type bool");
  EXPECT_EQ(status(R"({"IDs":[1]})"),
            "json: cannot unmarshal number into Go struct field .IDs of type string");
  EXPECT_EQ(status("[]"),
            "json: cannot unmarshal array into Go value of type struct { Read bool; IDs "
            "[]string; Search string }");
  EXPECT_EQ(status(R"({"IDs":["1"],"Search":"x"})"),
            "You may specify either IDs or a search query, not both");
  EXPECT_EQ(mailbox_->counts().unread, 3);  // none of these changed anything
  EXPECT_TRUE(events_.published.empty());
}

TEST_F(messages_test, delete_by_ids_skips_unknown_ones) {
  const auto r = call("DELETE", "/api/v1/messages",
                      R"({"IDs":[")" + id(b) + R"(","999","4oRBnPtCXgAqZniRhzLNmS"]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  EXPECT_EQ(ids(get_json("/api/v1/messages")), (strings{id(c), id(a)}));
  EXPECT_EQ(events_.lines(), (strings{"delete {\"ID\":\"" + id(b) + "\"}"}));
  EXPECT_EQ(events_.changes, 1);
}

TEST_F(messages_test, delete_without_ids_deletes_everything_and_truncates) {
  for (const char* body : {"", "not json", R"({"IDs":[]})", R"({"IDs":"x"})"}) {
    add(message("again@contoso.com"));
    events_.clear();
    EXPECT_EQ(call("DELETE", "/api/v1/messages", body).body, "ok") << body;
    EXPECT_EQ(mailbox_->counts().total, 0) << body;
    EXPECT_EQ(events_.lines(), (strings{"truncate null"})) << body;
    EXPECT_EQ(events_.changes, 1);
  }
  EXPECT_EQ(editor_->deleted(), 3 + 4);
}

TEST_F(messages_test, fetching_a_message_marks_it_read_and_tells_it_once) {
  EXPECT_EQ(call("GET", "/api/v1/message/" + id(a)).status, 200);
  EXPECT_EQ(events_.lines(), (strings{"update {\"ID\":\"" + id(a) + "\",\"Read\":true}"}));
  EXPECT_EQ(events_.changes, 1);
  EXPECT_EQ(call("GET", "/api/v1/message/" + id(a)).status, 200);
  EXPECT_EQ(events_.published.size(), 1u);  // already read: nothing to tell
}

TEST_F(messages_test, latest_with_a_query_is_the_newest_match) {
  const auto latest = [&](const std::string& query) {
    const response r = call("GET", "/api/v1/message/latest" + query);
    return r.status == 200 ? std::string(boost::json::parse(r.body).at("ID").as_string())
                           : std::to_string(r.status) + " " + r.body;
  };
  EXPECT_EQ(latest(""), id(c));
  EXPECT_EQ(latest("?query=subject:invoice"), id(b));
  EXPECT_EQ(latest("?query=before:2026-07-20T04:51:27Z&tz=Europe/Paris"), id(a));
  EXPECT_EQ(latest("?query=nothing-matches"), "404 Message not found");
}

TEST_F(messages_test, other_methods_are_405_with_allow) {
  const response r = call("POST", "/api/v1/messages");
  EXPECT_EQ(r.status, 405);
  const auto allow = std::find_if(r.headers.begin(), r.headers.end(),
                                  [](const header_field& h) { return h.name == "Allow"; });
  ASSERT_NE(allow, r.headers.end());
  EXPECT_EQ(allow->value, "GET, PUT, DELETE");
}

}  // namespace
}  // namespace exomock::http::testing
