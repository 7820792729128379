// The fault-rule matcher, condition by condition and in combination: globs,
// every match key, occurrence kinds, seeded probability, rule order, time
// windows, what each action makes of a reply, and which stages take which action.
#include "policy/fault_rules.hpp"

#include <gtest/gtest.h>

#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;

const auto fixed_now = testing::fixed_moment();

fault_event event(fault_stage stage = fault_stage::mail) {
  fault_event e;
  e.stage = stage;
  e.listener = "submission";
  e.login = "alice@contoso.com";
  e.client_ip = "192.0.2.7";
  e.sender = "alice@contoso.com";
  e.recipients = {"bob@example.net", "carol@contoso.com"};
  e.now = fixed_now;
  return e;
}

fault_match on(std::vector<fault_stage> stages) {
  fault_match m;
  m.stages = std::move(stages);
  return m;
}

fault_rule rule(fault_match m, fault_kind kind = fault_kind::reply, int code = 451) {
  fault_rule r;
  r.match = std::move(m);
  r.action.kind = kind;
  r.action.code = code;
  r.action.enhanced = code != 0 ? std::to_string(code / 100) + ".7.0" : "";
  r.action.lines = {"Try later"};
  return r;
}

TEST(glob_match, wildcards_and_case) {
  struct row {
    const char* pattern;
    const char* text;
    bool match;
  };
  const row rows[] = {
      {"", "", true},
      {"", "a", false},
      {"*", "", true},
      {"*", "anything", true},
      {"a*", "abc", true},
      {"*c", "abc", true},
      {"a*c", "ac", true},
      {"a*c", "abxc", true},
      {"a*c", "abcd", false},
      {"?", "a", true},
      {"?", "", false},
      {"a?c", "abc", true},
      {"*@contoso.com", "Alice@CONTOSO.com", true},
      {"*@contoso.com", "a@contoso.net", false},
      {"a**b", "ab", true},
      {"*a*b*", "xxaxxbxx", true},
      {"*a*b", "ba", false},
      {"alice@contoso.com", "alice@contoso.com", true},
      {"a.c", "abc", false},
  };
  for (const row& r : rows) {
    EXPECT_EQ(glob_match(r.pattern, r.text), r.match) << r.pattern << " ~ " << r.text;
  }
}

TEST(conditions_hold, stage_is_required_and_listed) {
  EXPECT_TRUE(conditions_hold(on({fault_stage::mail}), event()));
  EXPECT_TRUE(conditions_hold(on({fault_stage::rcpt, fault_stage::mail}), event()));
  EXPECT_FALSE(conditions_hold(on({fault_stage::rcpt}), event()));
  EXPECT_FALSE(conditions_hold(on({}), event()));
}

TEST(conditions_hold, listener_login_sender_recipient_ip) {
  auto m = on({fault_stage::mail});
  m.listener = "submission";
  EXPECT_TRUE(conditions_hold(m, event()));
  m.listener = "mx";
  EXPECT_FALSE(conditions_hold(m, event()));
  m = on({fault_stage::mail});
  m.login = "*@contoso.com";
  EXPECT_TRUE(conditions_hold(m, event()));
  m.login = "-";  // unauthenticated only
  EXPECT_FALSE(conditions_hold(m, event()));
  fault_event anonymous = event();
  anonymous.login = "";
  EXPECT_TRUE(conditions_hold(m, anonymous));
  m.login = "*";
  EXPECT_FALSE(conditions_hold(m, anonymous));
  m = on({fault_stage::mail});
  m.sender = "*@contoso.com";
  EXPECT_TRUE(conditions_hold(m, event()));
  fault_event before_mail = event();
  before_mail.sender.reset();
  EXPECT_FALSE(conditions_hold(m, before_mail));
  m = on({fault_stage::mail});
  m.recipient = "*@example.net";
  EXPECT_TRUE(conditions_hold(m, event()));  // one of the recipients suffices
  m.recipient = "*@example.org";
  EXPECT_FALSE(conditions_hold(m, event()));
  m = on({fault_stage::mail});
  m.client_ip_ranges = {"10.0.0.0/8", "192.0.2.0/24"};
  EXPECT_TRUE(conditions_hold(m, event()));
  m.client_ip_ranges = {"10.0.0.0/8"};
  EXPECT_FALSE(conditions_hold(m, event()));
}

TEST(conditions_hold, time_window_on_the_clock) {
  auto m = on({fault_stage::mail});
  m.from = fixed_now;
  m.until = fixed_now + 1min;
  fault_event e = event();
  EXPECT_TRUE(conditions_hold(m, e));
  e.now = fixed_now - 1ms;
  EXPECT_FALSE(conditions_hold(m, e));
  e.now = fixed_now + 1min - 1ms;
  EXPECT_TRUE(conditions_hold(m, e));
  e.now = fixed_now + 1min;  // until is exclusive
  EXPECT_FALSE(conditions_hold(m, e));
}

TEST(occurrence_fires, each_kind) {
  auto m = on({fault_stage::mail});
  std::vector<bool> fired;
  const auto run = [&](occurrence_kind k, std::uint64_t n) {
    m.occurrence = k;
    m.n = n;
    fired.clear();
    for (std::uint64_t i = 1; i <= 6; ++i) {
      fired.push_back(occurrence_fires(m, i, 1, 0));
    }
    return fired;
  };
  EXPECT_EQ(run(occurrence_kind::always, 0), std::vector<bool>(6, true));
  EXPECT_EQ(run(occurrence_kind::nth, 2),
            (std::vector<bool>{false, true, false, false, false, false}));
  EXPECT_EQ(run(occurrence_kind::every, 3),
            (std::vector<bool>{false, false, true, false, false, true}));
  EXPECT_EQ(run(occurrence_kind::every, 1), std::vector<bool>(6, true));
  EXPECT_EQ(run(occurrence_kind::after, 4),
            (std::vector<bool>{false, false, false, false, true, true}));
  EXPECT_EQ(run(occurrence_kind::after, 0), std::vector<bool>(6, true));
}

TEST(occurrence_fires, probability_is_seeded_and_reproducible) {
  auto m = on({fault_stage::mail});
  m.probability = 0.25;
  int fired = 0;
  for (std::uint64_t i = 1; i <= 4000; ++i) {
    const bool once = occurrence_fires(m, i, 42, 3);
    EXPECT_EQ(once, occurrence_fires(m, i, 42, 3));  // same inputs, same answer
    fired += once ? 1 : 0;
  }
  EXPECT_NEAR(fired, 1000, 120);
  int differ = 0;
  for (std::uint64_t i = 1; i <= 200; ++i) {
    differ += occurrence_fires(m, i, 42, 3) != occurrence_fires(m, i, 43, 3) ? 1 : 0;
  }
  EXPECT_GT(differ, 0);  // another seed, another sequence
  m.probability = 0.0;
  EXPECT_FALSE(occurrence_fires(m, 1, 42, 3));
  for (std::uint64_t i = 0; i < 100; ++i) {
    const double d = fault_draw(i, i, i);
    EXPECT_GE(d, 0.0);
    EXPECT_LT(d, 1.0);
  }
}

TEST(select_fault, first_firing_rule_takes_the_event) {
  auto second_only = on({fault_stage::mail});
  second_only.occurrence = occurrence_kind::nth;
  second_only.n = 2;
  std::vector<fault_rule> rules{rule(second_only), rule(on({fault_stage::mail})),
                                rule(on({fault_stage::mail}))};
  fault_tally tally;
  EXPECT_EQ(select_fault(rules, tally, event(), 1), 1U);
  EXPECT_EQ(select_fault(rules, tally, event(), 1), 0U);
  EXPECT_EQ(select_fault(rules, tally, event(), 1), 1U);
  EXPECT_EQ(tally.occurrences, (std::vector<std::uint64_t>{3, 2, 0}));
  EXPECT_EQ(tally.firings, (std::vector<std::uint64_t>{1, 2, 0}));
  EXPECT_EQ(select_fault(rules, tally, event(fault_stage::rcpt), 1), std::nullopt);
  EXPECT_EQ(tally.occurrences, (std::vector<std::uint64_t>{3, 2, 0}));
}

TEST(apply_fault, replace_keeps_exchange_timing_and_adds_the_rule_delay) {
  fault_action a;
  a.kind = fault_kind::reply;
  a.code = 451;
  a.enhanced = "4.7.0";
  a.lines = {"Temporary failure", "try later"};
  a.diag = true;
  a.delay = 250ms;
  const smtp::reply r = apply_fault(a, smtp::reply::single(250, "2.1.0 Sender OK"), " [DIAG]", 5s);
  EXPECT_EQ(r.wire(), "451-4.7.0 Temporary failure\r\n451 4.7.0 try later [DIAG]\r\n");
  EXPECT_EQ(r.delay, 5250ms);
  EXPECT_FALSE(r.close_after);
  a.code = 250;
  a.enhanced = "";
  a.diag = false;
  a.delay = 0ms;
  EXPECT_EQ(apply_fault(a, smtp::reply::single(550, "x"), "", 5s).delay, 0ms);
  a.code = 421;
  EXPECT_TRUE(apply_fault(a, smtp::reply::single(250, "x"), "", 0ms).close_after);
}

TEST(apply_fault, transport_kinds_keep_the_reply_and_mark_it) {
  const smtp::reply original = smtp::reply::single(250, "2.1.5 Recipient OK");
  fault_action a;
  a.delay = 2s;
  a.kind = fault_kind::delay;
  smtp::reply r = apply_fault(a, original, "", 5s);
  EXPECT_EQ(r.wire(), original.wire());
  EXPECT_EQ(r.delay, 2s);
  a.kind = fault_kind::close;
  r = apply_fault(a, original, "", 5s);
  EXPECT_EQ(r.how, smtp::delivery::silent_close);
  EXPECT_TRUE(r.close_after);
  a.kind = fault_kind::reply_and_close;
  r = apply_fault(a, original, "", 5s);
  EXPECT_EQ(r.how, smtp::delivery::normal);
  EXPECT_TRUE(r.close_after);
  a.kind = fault_kind::stall;
  EXPECT_EQ(apply_fault(a, original, "", 5s).how, smtp::delivery::stall);
  a.kind = fault_kind::trickle;
  a.trickle_bytes = 3;
  a.trickle_interval = 40ms;
  r = apply_fault(a, original, "", 5s);
  EXPECT_EQ(r.trickle_bytes, 3U);
  EXPECT_EQ(r.trickle_interval, 40ms);
  EXPECT_EQ(r.wire(), original.wire());
}

TEST(fault_allowed, stages_and_kinds) {
  const fault_kind kinds[] = {fault_kind::reply,
                              fault_kind::delay,
                              fault_kind::close,
                              fault_kind::reply_and_close,
                              fault_kind::fail_tls_handshake,
                              fault_kind::trickle,
                              fault_kind::stall};
  for (const fault_kind k : kinds) {
    const bool at_handshake = k == fault_kind::fail_tls_handshake || k == fault_kind::delay ||
                              k == fault_kind::close || k == fault_kind::stall;
    EXPECT_EQ(fault_allowed(k, fault_stage::tls_handshake), at_handshake) << kind_name(k);
    EXPECT_EQ(fault_allowed(k, fault_stage::rcpt), k != fault_kind::fail_tls_handshake);
  }
}

TEST(fault_names, round_trip) {
  for (int i = 0; i <= static_cast<int>(fault_stage::quit); ++i) {
    const auto s = static_cast<fault_stage>(i);
    EXPECT_EQ(parse_stage(stage_name(s)), s);
  }
  EXPECT_EQ(parse_stage("HELO"), fault_stage::hello);
  EXPECT_EQ(parse_stage("End-Of-Data"), fault_stage::end_of_data);
  EXPECT_EQ(parse_stage("eod"), std::nullopt);
  for (int i = 0; i <= static_cast<int>(fault_kind::stall); ++i) {
    const auto k = static_cast<fault_kind>(i);
    EXPECT_EQ(parse_kind(kind_name(k)), k);
  }
  EXPECT_EQ(parse_kind("explode"), std::nullopt);
}

}  // namespace
}  // namespace exomock::policy
