// The scenario clock the server runs on: [server] clock_start (or the real time
// at start-up) advancing clock_rate times as fast as std::chrono::steady_clock.
#pragma once

#include "policy/model.hpp"
#include "policy/scenario_clock.hpp"

namespace exomock::app {

[[nodiscard]] policy::scenario_clock make_scenario_clock(const policy::scenario_model& model);

}  // namespace exomock::app
