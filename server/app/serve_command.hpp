// `exomock serve --scenario FILE ...`: loads the scenario, applies the command
// line's overrides, opens the store and serves until SIGINT or SIGTERM.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace exomock::app {

struct serve_options {
  std::string scenario;
  std::string case_name;             ///< --case: a scenario of the case library instead
  std::vector<std::string> listen;   ///< NAME=HOST:PORT
  bool ephemeral = false;            ///< every listener on 127.0.0.1 port 0 (before --listen)
  std::string http_token;            ///< bearer token the HTTP API requires; "" for none
  std::string http_auth;             ///< USER:PASSWORD the HTTP API requires; "" for none
  bool persist_admin = false;        ///< admin API changes are written to the scenario file
  bool enable_chaos = false;         ///< Mailpit's chaos routes answer (triggers at 0 %)
  std::string chaos_triggers;        ///< Mailpit's TRIGGER:CODE:PROBABILITY list; implies enable
  std::string data_dir;              ///< "": a fresh temporary directory
  std::string error_delay;           ///< "": the scenario's
  std::string durability = "write";  ///< when a message counts as stored: write or fsync
  std::string idle_timeout = "10m";
  std::string message_timeout = "10m";
  std::string log_format = "text";
  std::string log_level = "info";
};

CLI::App* add_serve_command(CLI::App& app, serve_options& options);
/// 0 after a clean shutdown; 1 when the store or a listener cannot be opened;
/// 2 for a bad scenario or override.
int run_serve(const serve_options& options);

}  // namespace exomock::app
