// Every reply has an explanation that says something, and every failure a cause and
// a fix: the table is read by people with a broken device in front of them.
#include "policy/reply_explanations.hpp"

#include <gtest/gtest.h>

#include <string>

#include "policy/auth_checks.hpp"

namespace exomock::policy {
namespace {

constexpr std::size_t reply_count = static_cast<std::size_t>(reply_id::bad_sequence) + 1;

TEST(ReplyExplanations, EveryReplyHasAMeaningAndEveryFailureACauseAndAFix) {
  for (std::size_t i = 0; i < reply_count; ++i) {
    const auto id = static_cast<reply_id>(i);
    const reply_explanation& e = explanation(id);
    SCOPED_TRACE(std::to_string(entry(id).code) + " " + std::string(entry(id).wording));
    EXPECT_FALSE(e.meaning.empty());
    if (is_failure(id)) {
      EXPECT_FALSE(e.causes.empty());
      EXPECT_FALSE(e.fix.empty());
    } else {
      EXPECT_TRUE(e.causes.empty()) << "a success has no cause to fix";
    }
  }
}

TEST(ReplyExplanations, AuthStepsNameStepsOfThePipelineAndOnlyAuthRepliesHaveThem) {
  const std::size_t steps = auth_check_steps().size();
  EXPECT_EQ(steps, 9U);
  for (std::size_t i = 0; i < reply_count; ++i) {
    const reply_explanation& e = explanation(static_cast<reply_id>(i));
    EXPECT_EQ(e.auth_steps >> steps, 0U) << i;
    if (e.auth_steps != 0) {
      EXPECT_EQ(e.stage, reply_stage::auth) << i;
    }
  }
}

// Each refusal the AUTH pipeline gives names the step that gives it.
TEST(ReplyExplanations, PipelineRefusalsPointAtTheirSteps) {
  const auto step_of = [](reply_id id) { return explanation(id).auth_steps; };
  EXPECT_EQ(step_of(reply_id::tls_legacy_unsupported), 1U << 0U);
  EXPECT_EQ(step_of(reply_id::auth_bad_credentials), 1U << 1U);
  EXPECT_EQ(step_of(reply_id::auth_account_issue), 1U << 2U);
  EXPECT_EQ(step_of(reply_id::auth_security_defaults), 1U << 3U);
  EXPECT_EQ(step_of(reply_id::auth_criteria_not_met), (1U << 4U) | (1U << 5U));
  EXPECT_EQ(step_of(reply_id::auth_disabled_for_mailbox), 1U << 7U);
  EXPECT_EQ(step_of(reply_id::auth_basic_retired), 1U << 8U);
}

TEST(ReplyExplanations, StageNames) {
  EXPECT_EQ(stage_name(reply_stage::auth), "auth");
  EXPECT_EQ(stage_name(reply_stage::mx), "mx");
  EXPECT_EQ(stage_name(reply_stage::command), "command");
}

}  // namespace
}  // namespace exomock::policy
