// Scenario loading with problems printed on stderr.
#include "app/scenario_report.hpp"

#include <iostream>

#include "scenario/scenario_loader.hpp"

namespace exomock::app {

std::shared_ptr<const policy::scenario_model> load_scenario_or_report(
    const std::filesystem::path& file) {
  scenario::load_result loaded = scenario::load_file(file);
  for (const scenario::problem& p : loaded.problems) {
    std::cerr << p.str() << '\n';
  }
  std::cerr.flush();
  return loaded.problems.empty() ? std::move(loaded.model) : nullptr;
}

}  // namespace exomock::app
