// `exomock signins --data-dir DIR [--json]`: the Entra sign-in log a server
// kept, one event per AUTH attempt, in Microsoft Graph signIn field names.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace exomock::app {

struct signins_options {
  std::string data_dir;
  bool json = false;
};

CLI::App* add_signins_command(CLI::App& app, signins_options& options);
/// 0 on success; 1 when the store cannot be read.
int run_signins(const signins_options& options);

}  // namespace exomock::app
