// Which key signs and verifies XOAUTH2 JWTs, shared by `serve` and `token`: the
// scenario's [server] token_signing_key, else $XDG_STATE_HOME/exomock/
// token-signing-key.pem (generated on first use). Never the data directory: a
// server on a temporary one and `exomock token` must sign alike.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "identity/signing_key.hpp"
#include "policy/access_token.hpp"
#include "policy/model.hpp"

namespace exomock::app {

struct token_key {
  std::shared_ptr<const identity::signing_key> key;
  std::filesystem::path file;
};

/// Loads (or, for exomock's own key, creates) the key; nullopt and `error` on failure.
[[nodiscard]] std::optional<token_key> load_token_key(const policy::scenario_model& model,
                                                      std::string& error);

/// A verifier for tokens signed with `key`.
[[nodiscard]] std::unique_ptr<policy::token_verifier> make_token_verifier(const token_key& key);

}  // namespace exomock::app
