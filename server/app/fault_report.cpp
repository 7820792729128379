// Logs one line per rule ("fault rule fired ...") and appends the same counts to
// the store; a scenario without rules writes nothing.
#include "app/fault_report.hpp"

#include <spdlog/spdlog.h>

#include "policy/fault_filter.hpp"
#include "store/fault_firing_log.hpp"

namespace exomock::app {

void report_fault_firings(const policy::scenario_model& model, policy::live_scenario& shared,
                          const std::filesystem::path& data_dir,
                          std::chrono::system_clock::time_point now) {
  if (model.faults.empty()) {
    return;
  }
  std::vector<store::fault_firing_row> rows;
  for (const policy::fault_firing_count& c : policy::fault_firing_counts(model, shared)) {
    spdlog::info("fault rule counts rule={} name={:?} occurrences={} firings={}", c.rule, c.name,
                 c.occurrences, c.firings);
    rows.push_back({static_cast<std::int64_t>(c.rule), c.name, c.occurrences, c.firings, ""});
  }
  std::string error;
  if (!store::record_fault_firings(data_dir, now, rows, error)) {
    spdlog::error("cannot store the fault rule counts error={:?}", error);
  }
}

}  // namespace exomock::app
