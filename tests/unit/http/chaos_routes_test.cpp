// /api/v1/chaos as Mailpit answers it, and the fault rules that carry it out.
#include <gtest/gtest.h>

#include "policy/chaos_triggers.hpp"
#include "route_fixture.hpp"

namespace exomock::http::testing {
namespace {

class chaos_test : public route_test {
 protected:
  void enable() {
    live_.chaos = policy::chaos_triggers{};
    live_.replace(policy::with_chaos(*live_.snapshot(), *live_.chaos));
  }
  const policy::fault_rule& rule(const std::string& name) {
    static policy::fault_rule none;
    for (const auto& r : live_.snapshot()->faults) {
      if (r.name == name) {
        held_ = live_.snapshot();
        return r;
      }
    }
    ADD_FAILURE() << "no rule " << name;
    return none;
  }
  std::shared_ptr<const policy::scenario_model> held_;
};

TEST_F(chaos_test, both_routes_answer_400_until_chaos_is_enabled) {
  const auto got = call("GET", "/api/v1/chaos");
  EXPECT_EQ(got.status, 400);
  EXPECT_EQ(got.body, "Chaos is not enabled");
  EXPECT_EQ(call("PUT", "/api/v1/chaos", "{}").body, "Chaos is not enabled");
}

TEST_F(chaos_test, get_gives_the_defaults_in_mailpits_shape) {
  enable();
  const auto got = call("GET", "/api/v1/chaos");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.content_type, "application/json");
  EXPECT_EQ(got.body, R"({"Sender":{"ErrorCode":451,"Probability":0},"Recipient":{"ErrorCode":451,)"
                      R"("Probability":0},"Authentication":{"ErrorCode":535,"Probability":0}})"
                      "\n");
}

TEST_F(chaos_test, put_replaces_all_three_and_new_sessions_get_the_rules) {
  enable();
  const auto got =
      call("PUT", "/api/v1/chaos", R"({"sender":{"errorcode":452,"probability":100}})");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body,
            R"({"Sender":{"ErrorCode":452,"Probability":100},"Recipient":{"ErrorCode":451,)"
            R"("Probability":0},"Authentication":{"ErrorCode":535,"Probability":0}})"
            "\n");
  const auto& sender = rule("mailpit-chaos-sender");
  EXPECT_EQ(sender.action.code, 452);
  EXPECT_EQ(sender.action.lines, std::vector<std::string>{"Chaos sender error"});
  EXPECT_DOUBLE_EQ(sender.match.probability, 1.0);
  EXPECT_EQ(rule("mailpit-chaos-authentication").match.stages,
            std::vector<policy::fault_stage>{policy::fault_stage::auth});
  EXPECT_EQ(live_.snapshot()->faults.size(), 3u);  // replaced, not appended again
}

TEST_F(chaos_test, an_omitted_or_zero_code_falls_back_to_the_default) {
  enable();
  call("PUT", "/api/v1/chaos", R"({"Sender":{"ErrorCode":452,"Probability":5}})");
  const auto got = call("PUT", "/api/v1/chaos", R"({"Recipient":{"ErrorCode":0,"Probability":7}})");
  EXPECT_EQ(got.body, R"({"Sender":{"ErrorCode":451,"Probability":0},"Recipient":{"ErrorCode":451,)"
                      R"("Probability":7},"Authentication":{"ErrorCode":535,"Probability":0}})"
                      "\n");
}

TEST_F(chaos_test, bad_values_get_mailpits_400_and_earlier_triggers_stay_changed) {
  enable();
  auto got = call("PUT", "/api/v1/chaos",
                  R"({"Sender":{"ErrorCode":450,"Probability":9},"Recipient":{"ErrorCode":300}})");
  EXPECT_EQ(got.status, 400);
  EXPECT_EQ(got.body, "error code must be between 400 and 599");
  EXPECT_EQ(rule("mailpit-chaos-sender").action.code, 450);
  got = call("PUT", "/api/v1/chaos", R"({"Authentication":{"Probability":101}})");
  EXPECT_EQ(got.body, "probability must be between 0 and 100");
  EXPECT_EQ(call("PUT", "/api/v1/chaos", "").body, "EOF");
  EXPECT_EQ(call("PUT", "/api/v1/chaos", "{nope").status, 400);
}

TEST(chaos_triggers, parses_mailpits_command_line_form) {
  std::string error;
  const auto t = policy::parse_chaos_triggers("Sender:451:50,recipients:452:10,AUTH:0:5", error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->sender.error_code, 451);
  EXPECT_EQ(t->sender.probability, 50);
  EXPECT_EQ(t->recipient.error_code, 452);
  EXPECT_EQ(t->authentication.error_code, 535);
  EXPECT_EQ(t->authentication.probability, 5);
  EXPECT_FALSE(policy::parse_chaos_triggers("Helo:451:5", error));
  EXPECT_EQ(error, "unknown chaos trigger \"Helo\"");
  EXPECT_FALSE(policy::parse_chaos_triggers("Sender:451", error));
  EXPECT_FALSE(policy::parse_chaos_triggers("Sender:200:5", error));
  EXPECT_EQ(error, "error code must be between 400 and 599");
  EXPECT_TRUE(policy::parse_chaos_triggers("", error));
}

}  // namespace
}  // namespace exomock::http::testing
