// `exomock cases`: the case library, one line per case with its symptom; --json for
// tools, --markdown for docs/cases.md (a test keeps that file equal to it).
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>

namespace exomock::app {

struct cases_options {
  bool json = false;
  bool markdown = false;
};

CLI::App* add_cases_command(CLI::App& app, cases_options& options);
int run_cases(const cases_options& options, std::ostream& out);

}  // namespace exomock::app
