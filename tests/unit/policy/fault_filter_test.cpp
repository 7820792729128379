// fault_filter at the core's reply exit, driven through exchange_connection with
// the real core and Exchange personality: the phase each rule stage meets, that
// the session follows the rewritten answer, refusal versus delivery tricks at end
// of data, AUTH replacements, the TLS handshake directive and firing counts.
#include "policy/fault_filter.hpp"

#include <gtest/gtest.h>

#include "connection_driver.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using testing::connection_driver;

class fault_filter_test : public ::testing::Test {
 protected:
  fault_filter_test() {
    auto m = testing::make_model();
    m.server.error_delay = 0ms;
    model_ = std::make_shared<scenario_model>(std::move(m));
  }
  fault_rule& add(fault_stage stage, fault_kind kind, int code = 0) {
    fault_rule r;
    r.name = "rule " + std::to_string(model_->faults.size() + 1);
    r.match.stages = {stage};
    r.action.kind = kind;
    r.action.code = code;
    if (code != 0) {
      r.action.enhanced = std::to_string(code / 100) + ".3.2";
      r.action.lines = {"Scripted"};
    }
    model_->faults.push_back(r);
    return model_->faults.back();
  }
  connection_driver& connect() {
    live_.replace(model_);
    driver_ = std::make_unique<connection_driver>(live_, clock_);
    return *driver_;
  }
  /// Connected, TLS, EHLO and AUTH as carol@northwind.com, MAIL and one RCPT.
  connection_driver& in_transaction() {
    connection_driver& d = connect();
    d.login("carol@northwind.com");
    EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>"), "250 2.1.0 Sender OK");
    EXPECT_EQ(d.say("RCPT TO:<x@example.net>"), "250 2.1.5 Recipient OK");
    return d;
  }

  manual_clock clock_{testing::fixed_moment()};
  live_scenario live_;
  std::shared_ptr<scenario_model> model_;
  std::unique_ptr<connection_driver> driver_;
};

TEST_F(fault_filter_test, without_rules_nothing_changes) {
  connection_driver& d = in_transaction();
  EXPECT_EQ(d.say("DATA"), "354 Start mail input; end with <CRLF>.<CRLF>");
  EXPECT_TRUE(d.send_message().starts_with("250 2.0.0 OK <"));
  EXPECT_EQ(d.stored(), 1U);
}

// The store is told each count change with the rules the session counts by, after
// the shared lock is released (the hook may write to disk), before the reply.
TEST_F(fault_filter_test, count_changes_are_told_outside_the_lock_with_the_sessions_rules) {
  add(fault_stage::data, fault_kind::reply, 451);
  std::vector<std::pair<std::string, std::uint64_t>> told;
  live_.fault_counts_changed = [&](const scenario_model& counted, const fault_tally& t) {
    const bool free = live_.mutex.try_lock();
    EXPECT_TRUE(free);
    if (free) {
      live_.mutex.unlock();
    }
    told.emplace_back(counted.faults.at(0).name, t.firings.at(0));
  };
  connection_driver& d = in_transaction();
  auto renamed = std::make_shared<scenario_model>(*model_);
  renamed->faults[0].name = "renamed later";
  live_.replace(renamed);  // an admin change: this session goes on with its own rules
  EXPECT_EQ(d.say("DATA"), "451 4.3.2 Scripted");
  EXPECT_EQ(told, (std::vector<std::pair<std::string, std::uint64_t>>{{"rule 1", 1}}));
}

TEST_F(fault_filter_test, stages_meet_their_phases_and_core_refusals_pass_untouched) {
  add(fault_stage::data, fault_kind::reply, 451);
  add(fault_stage::connect, fault_kind::reply, 554).match.occurrence = occurrence_kind::nth;
  model_->faults.back().match.n = 2;
  connection_driver& d = in_transaction();
  EXPECT_TRUE(d.say("NOOP").starts_with("250 "));  // no stage: untouched
  EXPECT_EQ(d.say("DATA"), "451 4.3.2 Scripted");
  EXPECT_TRUE(d.say("MAIL FROM:<carol@northwind.com>").starts_with("503 "));
  connection_driver& second = connect();
  EXPECT_EQ(second.greeting().code, 554);
}

TEST_F(fault_filter_test, the_session_follows_the_rewritten_answer) {
  add(fault_stage::mail, fault_kind::reply, 451);
  connection_driver& d = connect();
  d.login("carol@northwind.com");
  EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>"), "451 4.3.2 Scripted");
  // The 250 became 451, so no transaction started: RCPT needs MAIL.
  EXPECT_TRUE(d.say("RCPT TO:<x@example.net>").starts_with("503 "));
}

TEST_F(fault_filter_test, an_error_at_end_of_data_keeps_the_message_out_of_the_store) {
  add(fault_stage::end_of_data, fault_kind::reply, 451);
  connection_driver& d = in_transaction();
  d.say("DATA");
  EXPECT_EQ(d.send_message(), "451 4.3.2 Scripted");
  EXPECT_EQ(d.stored(), 0U);
}

TEST_F(fault_filter_test, closing_at_end_of_data_withholds_the_250_after_storage) {
  add(fault_stage::end_of_data, fault_kind::close);
  connection_driver& d = in_transaction();
  d.say("DATA");
  d.send_message();
  EXPECT_EQ(d.stored(), 1U);
  const smtp::reply& last = d.last_reply();
  EXPECT_EQ(last.code, 250);
  EXPECT_EQ(last.how, smtp::delivery::silent_close);
  EXPECT_TRUE(d.closed());
}

TEST_F(fault_filter_test, a_failed_store_answers_451_whatever_the_rule) {
  add(fault_stage::end_of_data, fault_kind::stall);
  connection_driver& d = in_transaction();
  d.say("DATA");
  d.fail_next_store();
  EXPECT_TRUE(d.send_message().starts_with("451 4.7.0 "));
  EXPECT_EQ(d.last_reply().how, smtp::delivery::normal);
}

TEST_F(fault_filter_test, replacing_235_logs_the_client_out_and_matches_the_offered_identity) {
  fault_rule& r = add(fault_stage::auth, fault_kind::reply, 454);
  r.match.login = "carol@*";
  connection_driver& d = connect();
  EXPECT_EQ(d.auth("carol@northwind.com"), "454 4.3.2 Scripted");
  EXPECT_FALSE(d.facts().login.has_value());
  EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>").substr(0, 4), "530 ");
}

TEST_F(fault_filter_test, handshake_directive_and_counts) {
  fault_rule& r = add(fault_stage::tls_handshake, fault_kind::fail_tls_handshake);
  r.match.occurrence = occurrence_kind::every;
  r.match.n = 2;
  r.action.delay = 20ms;
  EXPECT_FALSE(connect().connection().before_tls_handshake().fail);
  const handshake_fault second = connect().connection().before_tls_handshake();
  EXPECT_TRUE(second.fail);
  EXPECT_EQ(second.delay, 20ms);
  const auto counts = fault_firing_counts(*model_, live_);
  ASSERT_EQ(counts.size(), 1U);
  EXPECT_EQ(counts[0].rule, 1U);
  EXPECT_EQ(counts[0].name, "rule 1");
  EXPECT_EQ(counts[0].occurrences, 2U);
  EXPECT_EQ(counts[0].firings, 1U);
}

TEST_F(fault_filter_test, rcpt_rules_see_the_new_recipient) {
  fault_rule& r = add(fault_stage::rcpt, fault_kind::reply, 550);
  r.match.recipient = "*@blocked.example";
  r.action.enhanced = "5.1.1";
  connection_driver& d = in_transaction();
  EXPECT_EQ(d.say("RCPT TO:<x@blocked.example>"), "550 5.1.1 Scripted");
  EXPECT_EQ(d.say("RCPT TO:<ok@example.net>"), "250 2.1.5 Recipient OK");
}

TEST_F(fault_filter_test, data_rules_read_the_core_transaction) {
  fault_rule& r = add(fault_stage::data, fault_kind::reply, 452);
  r.match.sender = "carol@*";
  r.match.recipient = "x@example.net";
  connection_driver& d = in_transaction();
  EXPECT_EQ(d.say("DATA"), "452 4.3.2 Scripted");
  EXPECT_TRUE(d.say("RSET").starts_with("250 "));
  EXPECT_EQ(d.say("MAIL FROM:<carol@northwind.com>"), "250 2.1.0 Sender OK");
  EXPECT_EQ(d.say("RCPT TO:<y@example.net>"), "250 2.1.5 Recipient OK");
  EXPECT_EQ(d.say("DATA"), "354 Start mail input; end with <CRLF>.<CRLF>");
}

}  // namespace
}  // namespace exomock::policy
