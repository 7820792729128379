// The SMTP side's metrics, counted where each event happens: AUTH decisions by
// outcome and reason, replies by code, messages accepted (with their bytes),
// rejected, and the counter types themselves.
#include "policy/traffic_counters.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "connection_driver.hpp"
#include "policy/auth_checks.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using testing::connection_driver;

class traffic_counters_test : public ::testing::Test {
 protected:
  traffic_counters_test() {
    auto m = testing::make_model();
    m.server.error_delay = 0ms;
    live_.replace(std::make_shared<scenario_model>(std::move(m)));
  }
  [[nodiscard]] std::uint64_t auth(const std::string& outcome, const std::string& reason) const {
    for (const auto& [labels, n] : live_.traffic.auth_attempts.snapshot()) {
      if (labels == std::array<std::string, 2>{outcome, reason}) {
        return n;
      }
    }
    return 0;
  }
  [[nodiscard]] std::uint64_t replies(int code) const {
    for (const auto& [c, n] : live_.traffic.replies.snapshot()) {
      if (c == code) {
        return n;
      }
    }
    return 0;
  }
  manual_clock clock_{testing::fixed_moment()};
  live_scenario live_;
};

TEST_F(traffic_counters_test, auth_decisions_are_counted_by_outcome_and_reason) {
  connection_driver(live_, clock_).login("scanner@contoso.com");
  connection_driver wrong(live_, clock_);
  wrong.secure();
  wrong.say("AUTH LOGIN " + smtp::base64_encode("scanner@contoso.com"));
  wrong.say(smtp::base64_encode("wrong"));
  connection_driver(live_, clock_).auth("alice@contoso.com");       // the tenant's switch is off
  connection_driver(live_, clock_).auth("nobody@contoso.com");      // Entra: no such user
  connection_driver(live_, clock_).auth("ca-blocked@contoso.com");  // Conditional Access
  EXPECT_EQ(auth("success", "ok"), 1U);
  EXPECT_EQ(auth("failure", "AADSTS50126"), 1U);
  EXPECT_EQ(auth("failure", "disabled_for_tenant"), 1U);
  EXPECT_EQ(auth("failure", "AADSTS50034"), 1U);
  EXPECT_EQ(auth("failure", "AADSTS53003"), 1U);
  EXPECT_EQ(live_.traffic.auth_attempts.snapshot().size(), 5U);
}

TEST_F(traffic_counters_test, every_reply_is_counted_by_code) {
  connection_driver d(live_, clock_);
  d.secure();  // 220 greeting, 250 EHLO, 220 STARTTLS, 250 EHLO
  d.say("NOOP");
  d.say("BOGUS");
  EXPECT_EQ(replies(220), 2U);
  EXPECT_EQ(replies(250), 3U);
  EXPECT_EQ(replies(500), 1U);
}

TEST_F(traffic_counters_test,
       stored_messages_count_with_their_bytes_and_failed_stores_as_rejected) {
  connection_driver d(live_, clock_);
  d.login("scanner@contoso.com");
  d.say("MAIL FROM:<scanner@contoso.com>");
  d.say("RCPT TO:<someone@example.net>");
  d.say("DATA");
  d.send_message();
  d.say("MAIL FROM:<scanner@contoso.com>");
  d.say("RCPT TO:<someone@example.net>");
  d.say("DATA");
  d.fail_next_store();
  d.send_message();
  EXPECT_EQ(live_.traffic.messages_accepted.value(), 1U);
  EXPECT_EQ(live_.traffic.accepted_bytes.value(), d.captures().at(0).message.content.size());
  EXPECT_GT(live_.traffic.accepted_bytes.value(), 0U);
  EXPECT_EQ(live_.traffic.messages_rejected.value(), 1U);
}

TEST_F(traffic_counters_test, a_message_refused_at_end_of_data_is_rejected) {
  connection_driver d(live_, clock_);
  d.login("scanner@contoso.com");
  d.say("MAIL FROM:<scanner@contoso.com>");
  d.say("RCPT TO:<someone@example.net>");
  d.say("DATA");
  d.say("From: <boss@fabrikam.com>\r\nSubject: s\r\n\r\nbody\r\n.");  // not allowed to send as
  EXPECT_EQ(d.last_reply().code, 554);
  EXPECT_EQ(live_.traffic.messages_rejected.value(), 1U);
  EXPECT_EQ(live_.traffic.messages_accepted.value(), 0U);
}

TEST(event_counters, reply_codes_outside_smtp_are_not_counted) {
  reply_code_counter c;
  c.add(199);
  c.add(600);
  c.add(200);
  c.add(599);
  c.add(599);
  const auto s = c.snapshot();
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[0], (std::pair<int, std::uint64_t>{200, 1}));
  EXPECT_EQ(s[1], (std::pair<int, std::uint64_t>{599, 2}));
}

TEST(event_counters, concurrent_adds_are_all_counted) {
  labelled_counter<1> by_name;
  event_counter total;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        by_name.add({t % 2 == 0 ? "even" : "odd"});
        total.add();
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(total.value(), 4000U);
  const auto s = by_name.snapshot();
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[0].first[0], "even");
  EXPECT_EQ(s[0].second, 2000U);
  EXPECT_EQ(s[1].second, 2000U);
}

TEST(auth_reason, names_a_success_an_entra_code_or_exchange_refusal) {
  auth_decision ok;
  ok.authenticated = true;
  EXPECT_EQ(auth_reason(ok), "ok");
  auth_decision entra;
  entra.reply = reply_id::auth_bad_credentials;
  entra.sign_in = sign_in_event{};
  entra.sign_in->error_code = 50126;
  EXPECT_EQ(auth_reason(entra), "AADSTS50126");
  auth_decision exchange;
  exchange.reply = reply_id::auth_disabled_for_mailbox;
  exchange.sign_in = sign_in_event{};  // Entra logged a success
  EXPECT_EQ(auth_reason(exchange), "disabled_for_mailbox");
  auth_decision tls;
  tls.reply = reply_id::tls_legacy_unsupported;
  EXPECT_EQ(auth_reason(tls), "tls_legacy_unsupported");
}

}  // namespace
}  // namespace exomock::policy
