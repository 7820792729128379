// fault_injector around a real exchange_session: the stage each question maps
// to, refusal versus delivery tricks at end of DATA, AUTH replacements, the TLS
// handshake directive, and firing counts in shared_state.
#include "policy/fault_injector.hpp"

#include <gtest/gtest.h>

#include "policy/exchange_session.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using smtp::reply_kind;

class injector_test : public ::testing::Test {
 protected:
  injector_test() {
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
  fault_injector& injector() {
    if (!session_) {
      session_ =
          std::make_unique<exchange_session>(model_, model_->listeners[0], clock_, 1, shared_);
      injector_ = std::make_unique<fault_injector>(*session_, model_, shared_, clock_,
                                                   [] { return std::string(" [D]"); });
    }
    return *injector_;
  }
  static smtp::session_facts facts() {
    smtp::session_facts f = testing::tls_facts();
    f.login = "carol@northwind.com";
    return f;
  }
  static smtp::envelope envelope() {
    smtp::envelope e;
    e.reverse_path = "carol@northwind.com";
    e.recipients.push_back({"x@example.net", "", ""});
    return e;
  }
  smtp::message_verdict end_of_data() {
    return injector().message({"Subject: s\r\n\r\nx\r\n", false, false}, envelope(), facts());
  }

  manual_clock clock_{testing::fixed_moment()};
  shared_state shared_;
  std::shared_ptr<scenario_model> model_;
  std::unique_ptr<exchange_session> session_;
  std::unique_ptr<fault_injector> injector_;
};

TEST_F(injector_test, without_rules_it_only_forwards) {
  const smtp::reply r = injector().fixed(reply_kind::data_start, facts());
  EXPECT_EQ(r.wire(), "354 Start mail input; end with <CRLF>.<CRLF>\r\n");
  EXPECT_TRUE(end_of_data().accept);
}

TEST_F(injector_test, stages_map_to_the_questions) {
  add(fault_stage::data, fault_kind::reply, 451);
  add(fault_stage::connect, fault_kind::reply, 554);
  EXPECT_EQ(injector().fixed(reply_kind::data_start, facts()).wire(), "451 4.3.2 Scripted\r\n");
  EXPECT_EQ(injector().fixed(reply_kind::greeting, facts()).code, 554);
  EXPECT_EQ(injector().fixed(reply_kind::noop, facts()).code, 250);  // no stage: untouched
  // The core's own refusals are never rewritten.
  EXPECT_EQ(injector().refuse(smtp::protocol_error::need_mail, "", facts()).code, 503);
}

TEST_F(injector_test, an_error_at_end_of_data_refuses_the_message) {
  add(fault_stage::end_of_data, fault_kind::reply, 451);
  const auto v = end_of_data();
  EXPECT_FALSE(v.accept);
  EXPECT_EQ(v.refusal.wire(), "451 4.3.2 Scripted\r\n");
}

TEST_F(injector_test, closing_at_end_of_data_withholds_the_250_after_storage) {
  add(fault_stage::end_of_data, fault_kind::close);
  const auto v = end_of_data();
  ASSERT_TRUE(v.accept);
  const smtp::reply after = injector().stored(v, envelope(), facts());
  EXPECT_EQ(after.code, 250);
  EXPECT_EQ(after.how, smtp::delivery::silent_close);
  EXPECT_TRUE(after.close_after);
}

TEST_F(injector_test, a_failed_store_drops_the_pending_action) {
  add(fault_stage::end_of_data, fault_kind::stall);
  const auto v = end_of_data();
  ASSERT_TRUE(v.accept);
  (void)injector().refuse(smtp::protocol_error::storage_failed, "", facts());
  add(fault_stage::quit, fault_kind::delay).action.delay = 1s;
  EXPECT_EQ(injector().stored(v, envelope(), facts()).how, smtp::delivery::normal);
}

TEST_F(injector_test, replacing_235_logs_the_client_out_and_matches_the_offered_identity) {
  fault_rule& r = add(fault_stage::auth, fault_kind::reply, 454);
  r.match.login = "carol@*";
  const auto v =
      injector().authenticate({"LOGIN", "carol@northwind.com", "Demo-Passw0rd!", ""}, facts());
  EXPECT_FALSE(v.authenticated);
  EXPECT_EQ(v.answer.wire(), "454 4.3.2 Scripted\r\n");
}

TEST_F(injector_test, handshake_directive_and_counts) {
  fault_rule& r = add(fault_stage::tls_handshake, fault_kind::fail_tls_handshake);
  r.match.occurrence = occurrence_kind::every;
  r.match.n = 2;
  r.action.delay = 20ms;
  smtp::session_facts plain;
  plain.connection.listener = "submission";
  EXPECT_FALSE(injector().before_tls_handshake(plain).fail);
  const handshake_fault second = injector().before_tls_handshake(plain);
  EXPECT_TRUE(second.fail);
  EXPECT_EQ(second.delay, 20ms);
  const auto counts = fault_firing_counts(*model_, shared_);
  ASSERT_EQ(counts.size(), 1U);
  EXPECT_EQ(counts[0].rule, 1U);
  EXPECT_EQ(counts[0].name, "rule 1");
  EXPECT_EQ(counts[0].occurrences, 2U);
  EXPECT_EQ(counts[0].firings, 1U);
}

TEST_F(injector_test, rcpt_rules_see_the_new_recipient) {
  fault_rule& r = add(fault_stage::rcpt, fault_kind::reply, 550);
  r.match.recipient = "*@blocked.example";
  r.action.enhanced = "5.1.1";
  EXPECT_EQ(injector().rcpt({"ok@example.net", "", ""}, envelope(), facts()).code, 250);
  EXPECT_EQ(injector().rcpt({"x@blocked.example", "", ""}, envelope(), facts()).wire(),
            "550 5.1.1 Scripted\r\n");
}

}  // namespace
}  // namespace exomock::policy
