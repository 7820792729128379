// GET /api/v1/sessions and /api/v1/session/{SID} over a real capture: newest
// first, each filter, paging, the transcript as JSON lines and as stored text.
#include <gtest/gtest.h>

#include "audit_fixture.hpp"
#include "policy/wire_time.hpp"

namespace exomock::http {
namespace {

namespace json = boost::json;
using testing::at;

class sessions_test : public testing::audit_test {
 protected:
  void session(std::string sid, std::string login, std::string ip, std::string outcome,
               std::chrono::system_clock::time_point started, std::string transcript = "") {
    store::session_record r;
    r.session_id = std::move(sid);
    r.listener = "submission";
    r.client_ip = std::move(ip);
    r.client_port = 50123;
    r.login = std::move(login);
    r.tls_version = "TLSv1.3";
    r.tls_cipher = "TLS_AES_256_GCM_SHA384";
    r.started = started;
    r.ended = started + std::chrono::seconds(2);
    r.transcript = std::move(transcript);
    r.outcome = std::move(outcome);
    store_->record(r);
    store_->flush();
  }
  void three_sessions() {
    session("0000000000000001", "", "192.0.2.7", "auth-failed", at(10, 0));
    session("0000000000000002", "scanner@contoso.com", "192.0.2.8", "delivered", at(10, 5));
    store_message("0000000000000002");
    session("0000000000000003", "Scanner@contoso.com", "192.0.2.7", "closed", at(10, 10));
  }
  static std::vector<std::string> ids(const response& r) {
    std::vector<std::string> out;
    const json::object b = body(r);
    for (const auto& s : b.at("sessions").as_array()) {
      out.emplace_back(s.at("ID").as_string());
    }
    return out;
  }
};

TEST_F(sessions_test, sessions_are_listed_newest_first_with_their_facts) {
  three_sessions();
  const response r = answer(get("/api/v1/sessions"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  const json::object b = body(r);
  EXPECT_EQ(b.at("total"), 3);
  EXPECT_EQ(b.at("count"), 3);
  EXPECT_EQ(b.at("start"), 0);
  EXPECT_EQ(ids(r),
            (std::vector<std::string>{"0000000000000003", "0000000000000002", "0000000000000001"}));
  EXPECT_EQ(b.at("sessions").at(1), json::parse(R"({"ID":"0000000000000002",
      "Listener":"submission","ClientIP":"192.0.2.8","ClientPort":50123,
      "Login":"scanner@contoso.com","TLSVersion":"TLSv1.3","TLSCipher":"TLS_AES_256_GCM_SHA384",
      "Started":"2026-12-01T10:05:00.000Z","Ended":"2026-12-01T10:05:02.000Z",
      "Outcome":"delivered","Messages":1})"));
  EXPECT_EQ(b.at("sessions").at(0).at("Messages"), 0);  // a session without mail is listed too
}

TEST_F(sessions_test, each_filter_selects_its_sessions) {
  three_sessions();
  const auto matching = [&](const std::string& query) {
    return ids(answer(get("/api/v1/sessions?" + query)));
  };
  EXPECT_EQ(matching("login=SCANNER@contoso.com"),
            (std::vector<std::string>{"0000000000000003", "0000000000000002"}));
  EXPECT_EQ(matching("client_ip=192.0.2.7"),
            (std::vector<std::string>{"0000000000000003", "0000000000000001"}));
  EXPECT_EQ(matching("outcome=auth-failed"), (std::vector<std::string>{"0000000000000001"}));
  EXPECT_EQ(matching("outcome=delivered&client_ip=192.0.2.7"), std::vector<std::string>{});
  const response refused = answer(get("/api/v1/sessions?outcome=exploded"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body, "unknown outcome: exploded");
}

TEST_F(sessions_test, start_and_limit_page_the_list) {
  three_sessions();
  const response r = answer(get("/api/v1/sessions?start=1&limit=1"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"0000000000000002"}));
  EXPECT_EQ(body(r).at("total"), 3);
  EXPECT_EQ(body(r).at("count"), 1);
  EXPECT_EQ(body(r).at("start"), 1);
  EXPECT_EQ(ids(answer(get("/api/v1/sessions?start=9"))), std::vector<std::string>{});
  // Mailpit ignores a start or limit that is not a number.
  EXPECT_EQ(ids(answer(get("/api/v1/sessions?start=x&limit=y"))).size(), 3U);
}

const std::string transcript =
    "S: 220 FE.outlook.office365.com Microsoft ESMTP MAIL Service ready\n"
    "C: EHLO printer\n"
    "S: 250-FE.outlook.office365.com Hello [192.0.2.7]\n"
    "S: 250 SMTPUTF8\n"
    "*  TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384\n"
    "C: AUTH LOGIN ********\n"
    "S: 535 5.7.139 Authentication unsuccessful\n"
    "C: QUIT";

TEST_F(sessions_test, a_session_is_its_facts_and_transcript_lines) {
  session("0000000000000001", "", "192.0.2.7", "auth-failed", at(10, 0), transcript);
  const response r = answer(get("/api/v1/session/0000000000000001"));
  EXPECT_EQ(r.status, 200);
  const json::object b = body(r);
  EXPECT_EQ(b.at("Outcome"), "auth-failed");
  EXPECT_EQ(b.at("Login"), "");
  const json::array& lines = b.at("Lines").as_array();
  ASSERT_EQ(lines.size(), 8U);
  EXPECT_EQ(lines[0], json::parse(R"({"Direction":"S",
      "Text":"220 FE.outlook.office365.com Microsoft ESMTP MAIL Service ready"})"));
  EXPECT_EQ(lines[1], json::parse(R"({"Direction":"C","Text":"EHLO printer"})"));
  EXPECT_EQ(
      lines[4],
      json::parse(R"({"Direction":"*","Text":"TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384"})"));
  EXPECT_EQ(lines[5], json::parse(R"({"Direction":"C","Text":"AUTH LOGIN ********"})"));
  EXPECT_EQ(lines[7], json::parse(R"({"Direction":"C","Text":"QUIT"})"));
}

TEST_F(sessions_test, format_text_is_the_transcript_exactly_as_stored) {
  session("0000000000000001", "", "192.0.2.7", "auth-failed", at(10, 0), transcript);
  const response r = answer(get("/api/v1/session/0000000000000001?format=text"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, transcript);
}

TEST_F(sessions_test, an_unknown_session_is_mailpits_404) {
  const response r = answer(get("/api/v1/session/FFFFFFFFFFFFFFFF"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "404 page not found");
}

TEST_F(sessions_test, a_line_without_a_prefix_continues_the_one_before) {
  session("0000000000000001", "", "192.0.2.7", "closed", at(10, 0), "C: NOOP a\nb\nS: 250 OK");
  const json::array lines =
      body(answer(get("/api/v1/session/0000000000000001"))).at("Lines").as_array();
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].at("Text"), "NOOP a\nb");
}

// The connections put themselves in the book; the route lists them oldest first with how
// far each got, and nothing a finished record would not show.
TEST_F(sessions_test, live_sessions_list_the_open_connections_oldest_first) {
  EXPECT_EQ(body(answer(get("/api/v1/sessions/live"))).at("count"), 0);
  const auto open_at = [](std::string id, std::string ip, std::chrono::system_clock::time_point t) {
    policy::live_session s;
    s.id = std::move(id);
    s.listener = "submission";
    s.client_ip = std::move(ip);
    s.client_port = 50200;
    s.started = t;
    return s;
  };
  policy::live_session late = open_at("0000000000000009", "192.0.2.9", at(10, 5));
  late.hello_name = "printer";
  late.tls_version = "TLSv1.3";
  late.login = "scanner@contoso.com";
  late.messages = 1;
  live_.sessions.put(late);
  live_.sessions.put(open_at("0000000000000008", "192.0.2.8", at(10, 0)));
  const response r = answer(get("/api/v1/sessions/live"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object b = body(r);
  EXPECT_EQ(b.at("count"), 2);
  const json::array& sessions = b.at("sessions").as_array();
  EXPECT_EQ(sessions[0].at("ID"), "0000000000000008");
  EXPECT_EQ(sessions[0].at("State"), "connected");
  EXPECT_EQ(sessions[0].at("Login"), "");
  EXPECT_EQ(sessions[1].at("State"), "authenticated");
  EXPECT_EQ(sessions[1].at("Login"), "scanner@contoso.com");
  EXPECT_EQ(sessions[1].at("ClientIP"), "192.0.2.9");
  EXPECT_EQ(sessions[1].at("TLSVersion"), "TLSv1.3");
  EXPECT_EQ(sessions[1].at("Messages"), 1);
  EXPECT_EQ(sessions[1].at("Started"), json::value(policy::diag_timestamp(at(10, 5))));
  live_.sessions.append("0000000000000009", "S: 220 ready\nC: AUTH LOGIN ********\n");
  live_.sessions.append("0000000000000009", "S: 235 2.7.0 Authentication successful\n");
  const json::object one = body(answer(get("/api/v1/sessions/live/0000000000000009")));
  EXPECT_EQ(one.at("Login"), "scanner@contoso.com");
  const json::array& lines = one.at("Lines").as_array();
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[1].at("Direction"), "C");
  EXPECT_EQ(lines[1].at("Text"), "AUTH LOGIN ********");
  EXPECT_EQ(lines[2].at("Text"), "235 2.7.0 Authentication successful");
  live_.sessions.remove("0000000000000009");
  EXPECT_EQ(body(answer(get("/api/v1/sessions/live"))).at("count"), 1);
  EXPECT_EQ(answer(get("/api/v1/sessions/live/0000000000000009")).status, 404);
}

}  // namespace
}  // namespace exomock::http
