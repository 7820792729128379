// `exomock check FILE`: validates a scenario without serving it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace exomock::app {

struct check_options {
  std::string scenario;
};

CLI::App* add_check_command(CLI::App& app, check_options& options);
/// 0 with a one-line summary on stdout; 1 after printing every problem on stderr.
int run_check(const check_options& options);

}  // namespace exomock::app
