// The token command: finds the user's tenant (or the application's), mints the
// token with the shared key and prints it alone on stdout; problems go to stderr.
#include "app/token_command.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "app/http_client.hpp"
#include "app/scenario_report.hpp"
#include "app/token_key.hpp"
#include "identity/token_issuer.hpp"

namespace exomock::app {
namespace {

// The request for the options, or a message saying what is missing.
std::optional<identity::token_request> resolve(const policy::scenario_model& model,
                                               const token_options& o, std::string& error) {
  auto r = identity::resolve_token_request(model, o.user, o.app, error);
  if (!r) {
    error += " in " + o.scenario;
    return std::nullopt;
  }
  r->audience = o.audience;
  r->expires_in = std::chrono::seconds(o.expires_in);
  r->now = model.server.clock_start.value_or(std::chrono::system_clock::now());
  return r;
}

// POST /api/v1/token on the server.
int run_remote_token(const token_options& o) {
  std::string error;
  const auto server = parse_server_url(o.server, error);
  if (!server) {
    std::cerr << "exomock token: " << error << '\n';
    return 2;
  }
  boost::json::object body{{"user", o.user}, {"expires_in", o.expires_in}};
  if (!o.app.empty()) {
    body["app"] = o.app;
  }
  if (!o.audience.empty()) {
    body["audience"] = o.audience;
  }
  const auto res =
      send_http(*server, {}, {"POST", "/api/v1/token", boost::json::serialize(body)}, error);
  if (!res) {
    std::cerr << "exomock token: " << error << '\n';
    return 1;
  }
  if (res->status != 200) {
    std::cerr << "exomock token: " << o.server << " answered " << res->status << ": " << res->body;
    return res->status == 400 ? 2 : 1;
  }
  try {
    const auto answer = boost::json::parse(res->body);
    std::cout << answer.at("access_token").as_string().c_str() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "exomock token: " << o.server << " answered no access_token: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

CLI::App* add_token_command(CLI::App& app, token_options& options) {
  CLI::App* token = app.add_subcommand("token", "Print an XOAUTH2 access token serve accepts");
  token->add_option("--scenario", options.scenario, "Scenario file (TOML)");
  token->add_option("--server", options.server,
                    "Ask a running serve (http(s)://HOST:PORT of its http listener) instead of "
                    "reading the scenario");
  token->add_option("--user", options.user, "The user= of XOAUTH2 (delegated: the signed-in user)")
      ->required();
  token->add_option("--app", options.app, "Client id: mint an app-only token for this application");
  token->add_option("--audience", options.audience,
                    "aud claim (default https://outlook.office.com, app-only "
                    "https://outlook.office365.com)");
  token
      ->add_option("--expires-in", options.expires_in,
                   "Seconds until exp; negative gives an expired token")
      ->capture_default_str();
  return token;
}

int run_token(const token_options& options) {
  if (!options.server.empty()) {
    return run_remote_token(options);
  }
  if (options.scenario.empty()) {
    std::cerr << "exomock token: give --scenario FILE or --server URL\n";
    return 2;
  }
  const auto model = load_scenario_or_report(options.scenario);
  if (!model) {
    return 2;
  }
  std::string error;
  auto request = resolve(*model, options, error);
  if (!request) {
    std::cerr << "exomock token: " << error << '\n';
    return 2;
  }
  const auto key = load_token_key(*model, error);
  if (!key) {
    std::cerr << "exomock token: " << error << '\n';
    return 1;
  }
  std::cout << identity::issue_token(*key->key, *request) << std::endl;
  return 0;
}

}  // namespace exomock::app
