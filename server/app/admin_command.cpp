// The admin command: CLI11 subcommands from the operation table, then one
// request and its answer. The server validates every value; nothing secret
// (the token, the login, a password option) is written to stdout or stderr.
#include "app/admin_command.hpp"

#include <boost/json/parse.hpp>
#include <iostream>

#include "app/json_pretty.hpp"

namespace exomock::app {
namespace {

void add_operation(CLI::App& admin, const admin_operation& op, admin_binding& b) {
  b.operation = &op;
  b.command = admin.add_subcommand(std::string(op.name), std::string(op.help));
  b.arguments.resize(op.arguments.size());  // before binding: the options keep addresses
  for (std::size_t i = 0; i < op.arguments.size(); ++i) {
    const std::string_view argument = op.arguments[i];
    const bool optional = argument.starts_with('[');
    const std::string name(optional ? argument.substr(1, argument.size() - 2) : argument);
    b.positionals.push_back(b.command->add_option(name, b.arguments[i], name));
    if (!optional) {
      b.positionals.back()->required();
    }
  }
  b.values.resize(op.options.size());
  for (std::size_t i = 0; i < op.options.size(); ++i) {
    const admin_option& o = op.options[i];
    b.given.push_back(b.command->add_option(
        std::string(o.flag), b.values[i], std::string(o.help) + " (" + std::string(o.field) + ")"));
  }
  if (op.name == "clock") {
    b.given[0]->excludes(b.given[1]);
  }
}

std::vector<std::string> given_arguments(const admin_binding& b) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < b.arguments.size(); ++i) {
    if (b.positionals[i]->count() > 0) {
      out.push_back(b.arguments[i]);
    }
  }
  return out;
}

int call_admin(const admin_options& options, const admin_binding& b) {
  std::string error;
  const auto server = parse_server_url(options.server, error);
  if (!server) {
    std::cerr << "exomock admin: " << error << '\n';
    return 1;
  }
  std::vector<given_option> given;
  for (std::size_t i = 0; i < b.given.size(); ++i) {
    if (b.given[i]->count() > 0) {
      given.emplace_back(&b.operation->options[i], b.values[i]);
    }
  }
  const http_call call = admin_call(*b.operation, given_arguments(b), given);
  const auto answer = send_http(*server, options.access, call, error);
  if (!answer) {
    std::cerr << "exomock admin: " << error << '\n';
    return 1;
  }
  if (answer->status != 200) {
    std::cerr << "exomock admin: " << server->origin() << " answered " << answer->status << ' '
              << answer->reason << ": " << answer_message(*answer) << '\n';
    return 2;
  }
  boost::system::error_code ec;
  const auto json = answer->content_type.starts_with("application/json")
                        ? boost::json::parse(answer->body, ec)
                        : boost::json::value{};
  if (answer->content_type.starts_with("application/json") && !ec) {
    std::cout << pretty_json(json) << '\n';
  } else {
    std::cout << answer->body;
  }
  return 0;
}

}  // namespace

CLI::App* add_admin_command(CLI::App& app, admin_options& options) {
  CLI::App* admin =
      app.add_subcommand("admin", "Change a running serve's scenario through its admin API");
  admin->add_option("--server", options.server, "http(s)://HOST:PORT of serve's http listener")
      ->envname("EXOMOCK_SERVER")
      ->required();
  admin->add_option("--http-token", options.access.bearer_token,
                    "Bearer token the API requires (serve --http-token)");
  admin->add_option("--http-auth", options.access.basic_auth,
                    "USER:PASSWORD the API requires (serve --http-auth)");
  admin->add_option("--ca-file", options.access.ca_file,
                    "PEM file of the CA that signed the https listener's certificate (default: "
                    "the system store)");
  admin->require_subcommand(1);
  for (const admin_operation& op : admin_operations()) {
    options.bindings.push_back(std::make_unique<admin_binding>());
    add_operation(*admin, op, *options.bindings.back());
    options.bindings.back()->command->fallthrough();
  }
  return admin;
}

int run_admin(const admin_options& options) {
  for (const auto& b : options.bindings) {
    if (b->command->parsed()) {
      return call_admin(options, *b);
    }
  }
  return 2;
}

}  // namespace exomock::app
