// The token command: finds the user's tenant (or the application's), mints the
// token with the shared key and prints it alone on stdout; problems go to stderr.
#include "app/token_command.hpp"

#include <iostream>

#include "app/scenario_report.hpp"
#include "app/token_key.hpp"
#include "identity/token_issuer.hpp"
#include "policy/address.hpp"

namespace exomock::app {
namespace {

const policy::application* find_application(const policy::scenario_model& model,
                                            const std::string& client_id,
                                            const policy::tenant*& owner) {
  for (const policy::tenant& t : model.tenants) {
    for (const policy::application& a : t.applications) {
      if (policy::iequals(a.client_id, client_id)) {
        owner = &t;
        return &a;
      }
    }
  }
  return nullptr;
}

// The tenant, user and application of the request, or a message saying which is missing.
std::optional<identity::token_request> resolve(const policy::scenario_model& model,
                                               const token_options& o, std::string& error) {
  identity::token_request r;
  if (!o.app.empty()) {
    r.app = find_application(model, o.app, r.tenant);
    if (r.app == nullptr) {
      error = "no application with client id " + o.app + " in " + o.scenario;
      return std::nullopt;
    }
  } else {
    r.tenant = model.tenant_for(o.user);
    r.user = model.find_mailbox(o.user);
    if (r.user == nullptr || r.tenant == nullptr) {
      error = "no mailbox " + o.user + " in " + o.scenario;
      return std::nullopt;
    }
  }
  if (r.tenant->id.empty()) {
    error = "tenant " + r.tenant->name + " has no 'id'; tokens need one (the tid claim)";
    return std::nullopt;
  }
  r.audience = o.audience;
  r.expires_in = std::chrono::seconds(o.expires_in);
  r.now = model.server.clock_start.value_or(std::chrono::system_clock::now());
  return r;
}

}  // namespace

CLI::App* add_token_command(CLI::App& app, token_options& options) {
  CLI::App* token = app.add_subcommand("token", "Print an XOAUTH2 access token serve accepts");
  token->add_option("--scenario", options.scenario, "Scenario file (TOML)")->required();
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
