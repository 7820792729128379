// The one place that reads the real steady clock for scenario time; policy/ only
// does the arithmetic, so tests drive it with a fake reading.
#include "app/scenario_time.hpp"

#include <chrono>

namespace exomock::app {

policy::scenario_clock make_scenario_clock(const policy::scenario_model& model) {
  return policy::scenario_clock(model.server.clock_start.value_or(std::chrono::system_clock::now()),
                                model.server.clock_rate,
                                [] { return std::chrono::steady_clock::now(); });
}

}  // namespace exomock::app
