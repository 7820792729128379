// The [[fault]] rules' counts of a server run: resumed at start from those a
// killed run left in the store, journaled at each change, and at a clean exit
// logged and kept in the store's fault_firings table, so a test or a tester can
// see what fired.
#pragma once

#include <chrono>
#include <filesystem>

#include "policy/live_scenario.hpp"
#include "policy/model.hpp"
#include "store/message_store.hpp"

namespace exomock::app {

/// Before the first connection: takes up the counts a run killed on this data
/// directory left (for each rule at the same position with the same name) and has
/// every later change written to the store's journal before its reply goes out.
void keep_fault_counts(const policy::scenario_model& model, policy::live_scenario& shared,
                       store::message_store& store, const std::filesystem::path& data_dir);

/// At a clean exit: one log line and one fault_firings row per rule; the next run
/// starts from zero.
void report_fault_firings(const policy::scenario_model& model, policy::live_scenario& shared,
                          store::message_store& store, const std::filesystem::path& data_dir,
                          std::chrono::system_clock::time_point now);

}  // namespace exomock::app
