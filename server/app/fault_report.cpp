// Logs one line per rule ("fault rule fired ...") and appends the same counts to
// the store; a scenario without rules writes nothing. Between start and exit the
// live counts go to the journal at each change (store::fault_counts_record).
#include "app/fault_report.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

#include "policy/fault_filter.hpp"
#include "store/fault_firing_log.hpp"

namespace exomock::app {

namespace {

std::vector<store::fault_firing_row> rows_of(
    const std::vector<policy::fault_firing_count>& counts) {
  std::vector<store::fault_firing_row> rows;
  rows.reserve(counts.size());
  for (const policy::fault_firing_count& c : counts) {
    rows.push_back({static_cast<std::int64_t>(c.rule), c.name, c.occurrences, c.firings, ""});
  }
  return rows;
}

store::fault_counts_record counts_record(const std::vector<store::fault_firing_row>& rows) {
  store::fault_counts_record r;
  for (const store::fault_firing_row& row : rows) {
    r.rules.push_back(row.rule);
    r.names.push_back(row.name);
    r.occurrences.push_back(static_cast<std::int64_t>(row.occurrences));
    r.firings.push_back(static_cast<std::int64_t>(row.firings));
  }
  return r;
}

}  // namespace

void keep_fault_counts(const policy::scenario_model& model, policy::live_scenario& shared,
                       store::message_store& store, const std::filesystem::path& data_dir) {
  if (model.faults.empty()) {
    return;
  }
  std::string error;
  const auto left = store::read_fault_counts(data_dir, error);
  if (!left) {
    spdlog::error("cannot read the fault rule counts of the last run error={:?}", error);
  }
  const std::lock_guard lock(shared.mutex);
  policy::fault_tally& tally = shared.faults;
  tally.occurrences.resize(model.faults.size(), 0);
  tally.firings.resize(model.faults.size(), 0);
  std::size_t resumed = 0;
  for (const store::fault_firing_row& row : left.value_or(std::vector<store::fault_firing_row>{})) {
    const auto i = static_cast<std::size_t>(row.rule - 1);
    // Only the rule it counted: same place, same name (a changed scenario starts afresh).
    if (row.rule >= 1 && i < model.faults.size() && model.faults[i].name == row.name) {
      tally.occurrences[i] = row.occurrences;
      tally.firings[i] = row.firings;
      ++resumed;
    }
  }
  if (resumed > 0) {
    spdlog::info("fault rule counts of an interrupted run resumed rules={}", resumed);
  }
  shared.fault_counts_changed = [&store](const policy::scenario_model& counted,
                                         const policy::fault_tally& t) {
    store.record(counts_record(rows_of(policy::fault_firing_counts(counted, t))));
  };
}

void report_fault_firings(const policy::scenario_model& model, policy::live_scenario& shared,
                          store::message_store& store, const std::filesystem::path& data_dir,
                          std::chrono::system_clock::time_point now) {
  if (model.faults.empty()) {
    return;
  }
  const std::vector<store::fault_firing_row> rows =
      rows_of(policy::fault_firing_counts(model, shared));
  for (const store::fault_firing_row& r : rows) {
    spdlog::info("fault rule counts rule={} name={:?} occurrences={} firings={}", r.rule, r.name,
                 r.occurrences, r.firings);
  }
  std::string error;
  if (!store::record_fault_firings(data_dir, now, rows, error)) {
    spdlog::error("cannot store the fault rule counts error={:?}", error);
  }
  {
    const std::lock_guard lock(shared.mutex);
    shared.fault_counts_changed = nullptr;
  }
  store::fault_counts_record ended;
  ended.ended = true;  // the run is over: the next one starts from zero
  store.record(ended);
}

}  // namespace exomock::app
