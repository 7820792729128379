// At exit: each [[fault]] rule's occurrences and firings, in the log and in the
// store's fault_firings table, so a test or a tester can see what fired.
#pragma once

#include <chrono>
#include <filesystem>

#include "policy/live_scenario.hpp"
#include "policy/model.hpp"

namespace exomock::app {

void report_fault_firings(const policy::scenario_model& model, policy::live_scenario& shared,
                          const std::filesystem::path& data_dir,
                          std::chrono::system_clock::time_point now);

}  // namespace exomock::app
