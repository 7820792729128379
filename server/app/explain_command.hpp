// `exomock explain LINE` or a transcript on standard input: what a reply means,
// the checks behind it, the admin's fix and the case that reproduces it.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

namespace exomock::app {

struct explain_options {
  std::vector<std::string> words;  ///< the line, as one argument or several
  bool json = false;
};

CLI::App* add_explain_command(CLI::App& app, explain_options& options);
/// 0 when the line (or every failure line of the transcript) is a reply exomock knows;
/// 1 when it is not.
int run_explain(const explain_options& options, std::istream& in, std::ostream& out);

}  // namespace exomock::app
