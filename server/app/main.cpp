// exomock's entry point: the command line and its dispatch to one command.
// Each command lives in its own file; this one only wires them to CLI11.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/admin_command.hpp"
#include "app/cases_command.hpp"
#include "app/check_command.hpp"
#include "app/explain_command.hpp"
#include "app/messages_command.hpp"
#include "app/probe_command.hpp"
#include "app/serve_command.hpp"
#include "app/signins_command.hpp"
#include "app/token_command.hpp"

int main(int argc, char** argv) {
  using namespace exomock::app;
  CLI::App app{"exomock: an offline stand-in for Microsoft 365's SMTP endpoints", "exomock"};
  app.set_version_flag("--version", "exomock " EXOMOCK_VERSION);
  app.require_subcommand(1);
  serve_options serve;
  check_options check;
  messages_options messages;
  signins_options signins;
  token_options token;
  admin_options admin;
  explain_options explain;
  cases_options cases;
  probe_options probe;
  CLI::App* serve_command = add_serve_command(app, serve);
  CLI::App* check_command = add_check_command(app, check);
  CLI::App* messages_command = add_messages_command(app, messages);
  CLI::App* signins_command = add_signins_command(app, signins);
  CLI::App* token_command = add_token_command(app, token);
  CLI::App* admin_command = add_admin_command(app, admin);
  CLI::App* explain_command = add_explain_command(app, explain);
  CLI::App* cases_command = add_cases_command(app, cases);
  CLI::App* probe_command = add_probe_command(app, probe);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; a usage error exits 2, as with most Unix tools.
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (serve_command->parsed()) {
    return run_serve(serve);
  }
  if (check_command->parsed()) {
    return run_check(check);
  }
  if (messages_command->parsed()) {
    return run_messages(messages);
  }
  if (signins_command->parsed()) {
    return run_signins(signins);
  }
  if (token_command->parsed()) {
    return run_token(token);
  }
  if (admin_command->parsed()) {
    return run_admin(admin);
  }
  if (explain_command->parsed()) {
    return run_explain(explain, std::cin, std::cout);
  }
  if (cases_command->parsed()) {
    return run_cases(cases, std::cout);
  }
  if (probe_command->parsed()) {
    return run_probe(probe, std::cout, std::cerr);
  }
  return 2;
}
