// The live feed without a socket: what it announces after commits (new,
// signin, session), each row once, from the moment it was moved to "now";
// the stats event; the frame text.
#include "http/event_feed.hpp"

#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using namespace std::chrono;
using strings = std::vector<std::string>;

class feed_test : public mailbox_test {
 protected:
  strings types(const std::vector<mailbox_event>& events) {
    strings out;
    for (const auto& e : events) {
      out.push_back(e.type);
    }
    return out;
  }
  void sign_in(const std::string& upn, int code) {
    store::sign_in_record r;
    r.id = store::new_guid();
    r.created = sys_days{year{2026} / 7 / 20} + hours{9} + milliseconds{500};
    r.user_principal_name = upn;
    r.ip_address = "192.0.2.7";
    r.error_code = code;
    r.failure_reason = code == 0 ? "" : "Invalid username or password.";
    r.session_id = "00000000000000AB";
    r.mechanism = "LOGIN";
    store_->record(r);
  }
  void session(const std::string& sid) {
    store::session_record r;
    r.session_id = sid;
    r.listener = "submission";
    r.client_ip = "192.0.2.7";
    r.login = "scanner@contoso.com";
    r.started = sys_days{year{2026} / 7 / 20} + hours{9};
    r.ended = r.started + seconds{2} + milliseconds{40};
    r.transcript = "C: QUIT\r\n";
    store_->record(r);
  }

  void SetUp() override {
    mailbox_test::SetUp();
    feed_ = std::make_unique<event_feed>(*mailbox_, *reader_, "v9.9.9");
  }
  std::unique_ptr<event_feed> feed_;
};

TEST_F(feed_test, announces_only_what_comes_after_skip_to_now) {
  add(message("old@contoso.com"));
  sign_in("old@contoso.com", 0);
  session("00000000000000A0");
  store_->flush();
  feed_->skip_to_now();
  EXPECT_TRUE(feed_->committed().empty());

  mime_view v;
  v.subject = "New one";
  const std::int64_t id = add(message("a@contoso.com"), v);
  sign_in("scanner@contoso.com", 50126);
  session("00000000000000A1");
  store_->flush();
  const auto events = feed_->committed();
  EXPECT_EQ(types(events), (strings{"new", "signin", "session"}));
  const auto& summary = events[0].data;
  EXPECT_EQ(summary.at("ID").as_string(), std::to_string(id));
  EXPECT_EQ(summary.at("Subject"), "New one");
  EXPECT_EQ(summary.at("To"), boost::json::array{});
  EXPECT_EQ(summary.at("ReplyTo"), boost::json::array{});
  EXPECT_EQ(boost::json::serialize(events[1].data),
            R"({"UserPrincipalName":"scanner@contoso.com","ErrorCode":50126,)"
            R"("FailureReason":"Invalid username or password.","IPAddress":"192.0.2.7",)"
            R"("SessionID":"00000000000000AB","Created":"2026-07-20T09:00:00.5Z"})");
  EXPECT_EQ(boost::json::serialize(events[2].data),
            R"({"SessionID":"00000000000000A1","Listener":"submission","ClientIP":"192.0.2.7",)"
            R"("Login":"scanner@contoso.com","Started":"2026-07-20T09:00:00Z",)"
            R"("Ended":"2026-07-20T09:00:02.04Z"})");
  EXPECT_TRUE(feed_->committed().empty());  // each row once
}

TEST_F(feed_test, a_burst_larger_than_a_batch_is_told_whole_and_in_order) {
  feed_->skip_to_now();
  for (int i = 0; i < 1201; ++i) {
    store_->submit(message("bulk@contoso.com"), [](bool, std::int64_t) {});
  }
  store_->write_queued();
  store_->flush();
  const auto events = feed_->committed();
  ASSERT_EQ(events.size(), 1201u);
  EXPECT_LT(std::stoll(std::string(events.front().data.at("ID").as_string())),
            std::stoll(std::string(events.back().data.at("ID").as_string())));
}

TEST_F(feed_test, stats_and_frames) {
  const std::int64_t read = add(message("a@contoso.com"));
  add(message("b@contoso.com"));
  ASSERT_EQ(editor_->set_read({read}, true).size(), 1u);
  EXPECT_EQ(frame_text(feed_->stats()),
            R"({"Type":"stats","Data":{"Total":2,"Unread":1,"Version":"v9.9.9"}})");
  EXPECT_EQ(frame_text(truncate_event()), R"({"Type":"truncate","Data":null})");
  EXPECT_EQ(frame_text(read_event(7, false)),
            R"({"Type":"update","Data":{"ID":"7","Read":false}})");
  EXPECT_EQ(frame_text(tags_event(7, {"a", "B"})),
            R"({"Type":"update","Data":{"ID":"7","Tags":["a","B"]}})");
  EXPECT_EQ(frame_text(delete_event(7)), R"({"Type":"delete","Data":{"ID":"7"}})");
  EXPECT_EQ(frame_text(prune_event()), R"({"Type":"prune","Data":null})");
}

}  // namespace
}  // namespace exomock::http::testing
