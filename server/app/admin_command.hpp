// `exomock admin --server URL OPERATION ARGS... [--FIELD VALUE]...`: the admin API
// (docs/admin-api.md) from a shell script, one subcommand per operation.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/admin_request.hpp"

namespace exomock::app {

/// One operation's subcommand and what CLI11 filled in for it.
struct admin_binding {
  const admin_operation* operation = nullptr;
  CLI::App* command = nullptr;
  std::vector<std::string> arguments;
  std::vector<CLI::Option*> positionals;  ///< one per argument, to ask whether it was given
  std::vector<std::string> values;        ///< one per operation option
  std::vector<CLI::Option*> given;        ///< the options, to ask whether they were given
};

struct admin_options {
  std::string server;  ///< --server, else EXOMOCK_SERVER
  client_access access;
  std::vector<std::unique_ptr<admin_binding>> bindings;
};

CLI::App* add_admin_command(CLI::App& app, admin_options& options);
/// 0 with the answer on stdout (JSON pretty-printed, TOML as is); 2 with the
/// server's message and status on stderr for any other answer; 1 when the server
/// cannot be reached or the URL is not one.
int run_admin(const admin_options& options);

}  // namespace exomock::app
