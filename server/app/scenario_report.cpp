// Scenario loading with problems printed on stderr.
#include "app/scenario_report.hpp"

#include <iostream>

#include "scenario/scenario_loader.hpp"

namespace exomock::app {

namespace {

void report(const std::vector<scenario::problem>& problems) {
  for (const scenario::problem& p : problems) {
    std::cerr << p.str() << '\n';
  }
  std::cerr.flush();
}

}  // namespace

std::shared_ptr<const policy::scenario_model> load_scenario_or_report(
    const std::filesystem::path& file) {
  scenario::load_result loaded = scenario::load_file(file);
  report(loaded.problems);
  return loaded.problems.empty() ? std::move(loaded.model) : nullptr;
}

std::optional<scenario::scenario_document> open_scenario_or_report(
    const std::filesystem::path& file) {
  std::vector<scenario::problem> problems;
  auto document = scenario::scenario_document::open(file, problems);
  report(problems);
  return document;
}

}  // namespace exomock::app
