// Key resolution. A key the scenario names must exist (a typo should not
// silently mint tokens nobody else accepts); exomock's own key is created.
#include "app/token_key.hpp"

#include "identity/jwt_verifier.hpp"

namespace exomock::app {

std::optional<token_key> load_token_key(const policy::scenario_model& model, std::string& error) {
  const std::string& named = model.server.token_signing_key;
  const auto file = identity::token_key_file(named);
  if (!file) {
    error =
        "no place for the token signing key: set HOME or XDG_STATE_HOME, or the scenario's "
        "[server] token_signing_key";
    return std::nullopt;
  }
  auto key = named.empty() ? identity::signing_key::load_or_create(*file, error)
                           : identity::signing_key::load(*file, error);
  if (!key) {
    return std::nullopt;
  }
  return token_key{std::move(key), *file};
}

std::unique_ptr<policy::token_verifier> make_token_verifier(const token_key& key) {
  return std::make_unique<identity::jwt_verifier>(key.key);
}

}  // namespace exomock::app
