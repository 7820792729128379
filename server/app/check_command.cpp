// The check command.
#include "app/check_command.hpp"

#include <iostream>

#include "app/scenario_report.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::app {

CLI::App* add_check_command(CLI::App& app, check_options& options) {
  CLI::App* check = app.add_subcommand("check", "Validate a scenario file and summarise it");
  check->add_option("FILE", options.scenario, "Scenario file (TOML)")->required();
  return check;
}

int run_check(const check_options& options) {
  const auto model = load_scenario_or_report(options.scenario);
  if (!model) {
    return 1;
  }
  std::cout << scenario::summary(*model) << std::endl;
  return 0;
}

}  // namespace exomock::app
