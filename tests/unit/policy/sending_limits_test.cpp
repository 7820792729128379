// Each sending limit through exchange_session, as the core would meet it, with a
// manual clock and one live_scenario for several sessions: exact reply texts at
// the stage Exchange gives them, and the clock crossing minutes and days.
#include "policy/sending_limits.hpp"

#include <gtest/gtest.h>

#include "policy/exchange_session.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;

const std::string carol = "carol@northwind.com";

class limits_test : public ::testing::Test {
 protected:
  limits_test() {
    auto m = testing::make_model();
    m.server.error_delay = 0ms;
    model_ = std::make_shared<scenario_model>(std::move(m));
    northwind_ = &model_->tenants.at(2);
  }
  tenant& northwind() { return *northwind_; }

  /// A session that has authenticated as carol.
  std::unique_ptr<exchange_session> connect() {
    auto s = std::make_unique<exchange_session>(model_, model_->listeners[0], clock_, ++number_,
                                                shared_);
    const auto v = s->authenticate({"LOGIN", carol, "Demo-Passw0rd!", ""}, testing::tls_facts());
    EXPECT_TRUE(v.authenticated) << v.answer.wire();
    return s;
  }
  static smtp::session_facts facts() {
    smtp::session_facts f = testing::tls_facts();
    f.login = carol;
    return f;
  }
  static smtp::envelope envelope(std::vector<std::string> to) {
    smtp::envelope e;
    e.reverse_path = carol;
    for (auto& r : to) {
      e.recipients.push_back({std::move(r), "", ""});
    }
    return e;
  }
  /// MAIL, then end of DATA with `to`: the first refusal's wire text, or "" when accepted.
  std::string send(exchange_session& s, std::vector<std::string> to = {"x@northwind.com"}) {
    const smtp::envelope e = envelope(std::move(to));
    const smtp::reply mail = s.mail(e, facts());
    if (!mail.positive()) {
      return mail.wire();
    }
    const std::string bytes = "From: " + carol + "\r\nSubject: t\r\n\r\nbody\r\n";
    const smtp::message_verdict v = s.message({bytes, false, false}, e, facts());
    return v.accept ? "" : v.answer.wire();
  }

  manual_clock clock_{testing::fixed_moment()};
  live_scenario shared_;
  std::shared_ptr<scenario_model> model_;
  tenant* northwind_ = nullptr;
  std::uint64_t number_ = 0;
};

TEST_F(limits_test, fourth_submitting_connection_gets_432_at_end_of_data) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  auto d = connect();
  EXPECT_EQ(send(*a), "");
  EXPECT_EQ(send(*c), "");
  EXPECT_EQ(send(*d),
            "432 4.3.2 Concurrent connections limit exceeded. Visit "
            "https://aka.ms/concurrent_sending for more information. "
            "[Hostname=SN7PR04MB1234.namprd04.prod.outlook.com]\r\n");
  b.reset();  // a connection ends: the fourth moves up
  EXPECT_EQ(send(*d), "");
}

// The 221 (or a closing 421) frees the slot before the client can read it: the
// session object goes later, once the socket has closed.
TEST_F(limits_test, quit_frees_the_connection_slot_before_the_session_goes) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  auto d = connect();
  EXPECT_EQ(send(*d).substr(0, 9), "432 4.3.2");
  EXPECT_EQ(a->fixed(smtp::reply_kind::quit, facts()).wire(),
            "221 2.0.0 Service closing transmission channel\r\n");
  EXPECT_EQ(send(*d), "");
  EXPECT_EQ(b->fixed(smtp::reply_kind::idle_timeout, facts()).code, 421);
  auto e = connect();
  auto f = connect();
  EXPECT_EQ(send(*e), "");
  EXPECT_EQ(send(*f).substr(0, 9), "432 4.3.2");
}

TEST_F(limits_test, concurrency_limit_is_configurable) {
  northwind().limits.concurrent_connections = 1;
  auto a = connect();
  auto b = connect();
  EXPECT_EQ(send(*a), "");
  EXPECT_EQ(send(*b).substr(0, 9), "432 4.3.2");
}

TEST_F(limits_test, recipient_quota_slides_over_a_day) {
  northwind().limits.recipients_per_day = 5;
  auto s = connect();
  EXPECT_EQ(send(*s, {"a@northwind.com", "b@northwind.com", "c@northwind.com"}), "");
  clock_.advance(1h);
  const std::string quota =
      "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
      "process message due to a permanent exception with message [BeginDiagnosticData]Cannot "
      "submit message.\r\n";
  EXPECT_EQ(send(*s, {"a@northwind.com", "b@northwind.com", "c@northwind.com"}), quota);
  EXPECT_EQ(send(*s, {"a@northwind.com", "b@northwind.com"}), "");  // exactly 5
  EXPECT_EQ(send(*s), quota);
  clock_.advance(23h);  // the first message leaves the window
  EXPECT_EQ(send(*s, {"a@northwind.com", "b@northwind.com", "c@northwind.com"}), "");
}

TEST_F(limits_test, tenant_external_recipient_limit_counts_outside_domains_only) {
  northwind().limits.external_recipients_per_day = 2;
  auto s = connect();
  EXPECT_EQ(send(*s, {"a@example.net", "b@northwind.com", "c@northwind.com"}), "");
  EXPECT_EQ(send(*s, {"d@example.org"}), "");
  EXPECT_EQ(send(*s, {"e@example.org"}),
            "550 5.7.233 Your message can't be sent because your tenant exceeded its daily limit "
            "for sending email to external recipients (tenant external recipient rate "
            "limit)\r\n");
  EXPECT_EQ(send(*s, {"f@northwind.com"}), "");
  clock_.advance(24h);
  EXPECT_EQ(send(*s, {"e@example.org"}), "");
}

TEST_F(limits_test, thirty_per_minute_delays_the_excess) {
  auto s = connect();
  const auto start = std::chrono::floor<std::chrono::minutes>(clock_.now());
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(send(*s), "");
    EXPECT_EQ(s->release_time(), clock_.now());
  }
  ASSERT_EQ(send(*s), "");  // accepted: no error, only a later release
  EXPECT_EQ(s->release_time(), start + 1min);
  clock_.set(start + 1min + 30s);
  ASSERT_EQ(send(*s), "");
  EXPECT_EQ(s->release_time(), clock_.now());
}

TEST_F(limits_test, reject_behaviour_refuses_at_mail_and_closes) {
  northwind().limits.messages_per_minute = 2;
  northwind().limits.rate_action = message_rate_action::reject;
  auto s = connect();
  EXPECT_EQ(send(*s), "");
  EXPECT_EQ(send(*s), "");
  const smtp::reply r = s->mail(envelope({"x@northwind.com"}), facts());
  EXPECT_EQ(r.code, 421);
  EXPECT_TRUE(r.close_after);
  EXPECT_EQ(r.lines.at(0).rfind(
                "4.4.2 Message submission rate for this client has exceeded the configured limit "
                "[SN7PR04CA0123.namprd04.prod.outlook.com ",
                0),
            0U);
  clock_.advance(1min);
  EXPECT_EQ(send(*s), "");
}

TEST_F(limits_test, mailbox_full_then_throttled_at_mail) {
  for (auto& m : northwind().mailboxes) {
    m.mailbox_full = true;
  }
  northwind().limits.throttling = {3, 10min, 1h, throttle_reply_stage::mail};
  auto s = connect();
  const std::string full =
      "554 5.2.2 mailbox full; "
      "STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded\r\n";
  EXPECT_EQ(send(*s), full);
  EXPECT_EQ(send(*s), full);
  EXPECT_EQ(send(*s), full);
  const std::string throttled =
      "550 5.2.251 Sender throttled due to continuous mailbox full errors.\r\n";
  EXPECT_EQ(send(*s), throttled);
  clock_.advance(1h);
  EXPECT_EQ(send(*s), full);
}

TEST_F(limits_test, too_many_recipients_counts_once_per_message_and_throttles_at_end_of_data) {
  for (auto& m : northwind().mailboxes) {
    m.recipient_limit = 1;
  }
  northwind().limits.throttling = {2, 10min, 1h, throttle_reply_stage::end_of_data};
  auto s = connect();
  for (int message = 0; message < 2; ++message) {
    smtp::envelope e = envelope({"a@northwind.com"});
    ASSERT_TRUE(s->mail(e, facts()).positive());
    for (int extra = 0; extra < 3; ++extra) {
      const smtp::reply r = s->rcpt({"b@northwind.com", "", ""}, e, facts());
      EXPECT_EQ(r.code, 452);
      EXPECT_EQ(r.lines.at(0).substr(0, 31), "4.5.3 Too many recipients [SN7P");
    }
  }
  // Two messages with refused recipients (six 452s) make two errors: throttled now.
  EXPECT_EQ(send(*s),
            "550 5.2.254 Sender throttled due to continuous too many recipients errors.\r\n");
}

TEST_F(limits_test, send_as_denials_throttle) {
  northwind().limits.throttling = {2, 10min, 1h, throttle_reply_stage::mail};
  auto s = connect();
  for (int i = 0; i < 2; ++i) {
    smtp::envelope e = envelope({"a@northwind.com"});
    e.reverse_path = "someone-else@northwind.com";
    const auto v = s->message({"Subject: t\r\n\r\nx\r\n", false, false}, e, facts());
    EXPECT_EQ(v.answer.code, 554);
  }
  EXPECT_EQ(send(*s), "550 5.2.252 Sender throttled due to continuous send as denied errors.\r\n");
}

TEST_F(limits_test, unauthenticated_sessions_have_no_limits) {
  exchange_session s(model_, model_->listeners[0], clock_, 99, shared_);
  smtp::session_facts f = testing::tls_facts();
  const auto v = s.message({"Subject: t\r\n\r\nx\r\n", false, false}, envelope({"a@x.net"}), f);
  EXPECT_TRUE(v.accept);
  EXPECT_EQ(s.release_time(), clock_.now());
}

TEST(throttled_text, one_text_per_class) {
  EXPECT_EQ(throttled_text(error_class::invalid_license), reply_id::throttled_invalid_license);
  EXPECT_EQ(throttled_text(error_class::invalid_recipients),
            reply_id::throttled_invalid_recipients);
}

}  // namespace
}  // namespace exomock::policy
