// `exomock messages --data-dir DIR [--json | --raw ID | --transcript SESSION_ID]`:
// reads what a server captured, from its data directory.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace exomock::app {

struct messages_options {
  std::string data_dir;
  bool json = false;
  std::int64_t raw_id = 0;  ///< 0: not requested
  std::string transcript_session;
};

CLI::App* add_messages_command(CLI::App& app, messages_options& options);
/// 0 on success; 1 when the store cannot be read or the message or session is unknown.
int run_messages(const messages_options& options);

}  // namespace exomock::app
