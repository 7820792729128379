// `exomock token --scenario FILE --user UPN [--app CLIENT_ID] [--audience AUD]
// [--expires-in SECONDS]` or `exomock token --server URL --user UPN ...`: prints an access token
// signed with the key `serve` verifies with, so scripts can use XOAUTH2 without Entra ID.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace exomock::app {

struct token_options {
  std::string scenario;
  std::string user;
  std::string app;       ///< client id: an app-only token
  std::string audience;  ///< "": the usual one for the token kind
  std::int64_t expires_in = 3600;
  std::string server;  ///< http://HOST:PORT of a running serve: it mints the token
};

CLI::App* add_token_command(CLI::App& app, token_options& options);
/// 0 with the token on the last line of stdout; 1 when the key cannot be had;
/// 2 for a bad scenario, an unknown user or application.
int run_token(const token_options& options);

}  // namespace exomock::app
