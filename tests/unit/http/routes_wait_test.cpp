// GET /api/v1/wait as the server sees it: a deferred answer whose poll is
// ready at once, ready after a commit, or never (then the 408), and the 400s.
#include "http/go_duration.hpp"
#include "mailbox_fixture.hpp"

namespace exomock::http::testing {
namespace {

using namespace std::chrono;
using strings = std::vector<std::string>;

class wait_test : public mailbox_test {
 protected:
  deferred_response deferred(const std::string& target) {
    route_result result = run("GET", target);
    EXPECT_TRUE(std::holds_alternative<deferred_response>(result)) << target;
    return std::holds_alternative<deferred_response>(result)
               ? std::get<deferred_response>(std::move(result))
               : deferred_response{};
  }
  mime_view subject(const std::string& s) {
    mime_view v;
    v.subject = s;
    v.search_text = s;
    return v;
  }
};

TEST_F(wait_test, ready_at_once_answers_the_search_response) {
  const std::string id = std::to_string(add(message("a@contoso.com"), subject("Report")));
  auto d = deferred("/api/v1/wait?query=subject:report");
  EXPECT_EQ(d.timeout, seconds(10));
  const auto r = d.poll();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, call("GET", "/api/v1/search?query=subject:report").body);
  EXPECT_EQ(ids(boost::json::parse(r->body)), (strings{id}));
}

TEST_F(wait_test, ready_after_the_commit_that_brings_the_nth_match) {
  add(message("a@contoso.com"), subject("Report 1"));
  auto d = deferred("/api/v1/wait?query=report&count=2&timeout=1m30s&limit=1");
  EXPECT_EQ(d.timeout, seconds(90));
  EXPECT_FALSE(d.poll().has_value());
  add(message("b@contoso.com"), subject("Other"));
  EXPECT_FALSE(d.poll().has_value());
  const std::string second = std::to_string(add(message("c@contoso.com"), subject("Report 2")));
  const auto r = d.poll();
  ASSERT_TRUE(r.has_value());
  const auto body = boost::json::parse(r->body);
  EXPECT_EQ(body.at("messages_count"), 2);
  EXPECT_EQ(ids(body), (strings{second}));  // ?limit= applies as in /search
}

TEST_F(wait_test, no_query_waits_on_every_message) {
  auto d = deferred("/api/v1/wait?timeout=250ms");
  EXPECT_EQ(d.timeout, milliseconds(250));
  EXPECT_FALSE(d.poll().has_value());
  add(message("a@contoso.com"));
  EXPECT_TRUE(d.poll().has_value());
  EXPECT_TRUE(deferred("/api/v1/wait?query=%20").poll().has_value());
}

TEST_F(wait_test, timing_out_answers_408_with_the_current_count) {
  add(message("a@contoso.com"), subject("Report"));
  auto d = deferred("/api/v1/wait?query=report&count=2&timeout=2s");
  const response r = d.expired();
  EXPECT_EQ(r.status, 408);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            R"({"Error":"timed out after 2s: 1 of 2 messages match","messages_count":1,"wanted":2})"
            "\n");
  auto one = deferred("/api/v1/wait?query=nothing&timeout=0");
  EXPECT_EQ(one.timeout, seconds(0));
  EXPECT_EQ(one.expired().body,
            R"({"Error":"timed out after 0: 0 of 1 message matches","messages_count":0,"wanted":1})"
            "\n");
}

TEST_F(wait_test, bad_parameters_are_400_at_once) {
  for (const char* count : {"0", "-1", "x", "", "1.5"}) {
    const response r = call("GET", std::string("/api/v1/wait?count=") + count);
    EXPECT_EQ(r.status, 400) << count;
    EXPECT_EQ(r.body, "count must be a whole number of messages, at least 1");
  }
  for (const char* timeout : {"10", "-1s", "5m1s", "soon", "", "1x"}) {
    const response r = call("GET", std::string("/api/v1/wait?timeout=") + timeout);
    EXPECT_EQ(r.status, 400) << timeout;
    EXPECT_EQ(r.body, "timeout must be a duration such as 10s, 500ms or 1m30s, at most 5m");
  }
}

TEST(go_duration, goes_forms) {
  EXPECT_EQ(parse_go_duration("10s"), seconds(10));
  EXPECT_EQ(parse_go_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_go_duration("1m30s"), seconds(90));
  EXPECT_EQ(
      parse_go_duration("1h2m3s4ms5us6ns"),
      hours(1) + minutes(2) + seconds(3) + milliseconds(4) + microseconds(5) + nanoseconds(6));
  EXPECT_EQ(parse_go_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_go_duration("3\xC2\xB5s"), microseconds(3));
  EXPECT_EQ(parse_go_duration(".5s"), milliseconds(500));
  EXPECT_EQ(parse_go_duration("0"), nanoseconds(0));
  EXPECT_EQ(parse_go_duration("-2s"), seconds(-2));
  EXPECT_EQ(parse_go_duration("+2s"), seconds(2));
  for (const char* bad : {"", "10", "s", "1.s.", "1d", "1 s", "3000000h", "-", "."}) {
    EXPECT_EQ(parse_go_duration(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace exomock::http::testing
