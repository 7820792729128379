// scenario_clock: start time plus scaled steady time, driven here by a fake reading.
#include "policy/scenario_clock.hpp"

#include <gtest/gtest.h>

#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;

TEST(scenario_clock, starts_at_start_and_runs_at_its_rate) {
  std::chrono::steady_clock::time_point steady{10s};
  const scenario_clock clk(testing::fixed_moment(), 60.0, [&] { return steady; });
  EXPECT_EQ(clk.now(), testing::fixed_moment());
  steady += 1s;
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 1min);
  steady += std::chrono::minutes{24};  // 24 h of scenario time
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 1min + 24h);
  EXPECT_EQ(clk.real_time_for(1min), 1s);
}

TEST(scenario_clock, slower_than_real_time_and_sub_millisecond_steps) {
  std::chrono::steady_clock::time_point steady{};
  const scenario_clock clk(testing::fixed_moment(), 0.5, [&] { return steady; });
  steady += 3s;
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 1500ms);
  steady += 1us;
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 1500ms + 500ns);
}

// POST /api/v1/admin/clock: a set moves now() there, and the rate goes on from it.
TEST(scenario_clock, set_moves_it_and_the_rate_goes_on) {
  std::chrono::steady_clock::time_point steady{};
  scenario_clock clk(testing::fixed_moment(), 60.0, [&] { return steady; });
  steady += 1s;
  clk.set(testing::fixed_moment() + 25h);
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 25h);
  steady += 1s;
  EXPECT_EQ(clk.now(), testing::fixed_moment() + 25h + 1min);
  clk.set(testing::fixed_moment());  // backwards too
  EXPECT_EQ(clk.now(), testing::fixed_moment());
}

}  // namespace
}  // namespace exomock::policy
