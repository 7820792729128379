// Mints access tokens as Entra ID would for Exchange Online SMTP: delegated
// (scp SMTP.Send, upn) or app-only (roles of the app registration, appid), RS256
// with exomock's key. Used by `exomock token` and the tests.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "identity/signing_key.hpp"
#include "policy/model.hpp"
#include "policy/token_grants.hpp"

namespace exomock::identity {

struct token_request {
  const policy::tenant* tenant = nullptr;    ///< issuer tenant (tid, iss)
  const policy::mailbox* user = nullptr;     ///< delegated: the signed-in user
  const policy::application* app = nullptr;  ///< app-only: the application
  std::string audience;                      ///< "": the usual one for the token kind
  std::chrono::seconds expires_in{3600};     ///< negative: already expired
  std::chrono::system_clock::time_point now;
  std::string client_id;  ///< delegated: the application that asked ("": exomock token's own)
};

/// The request for a token for `user` (delegated), or app-only for the application
/// `client_id` when it is not empty: tenant, mailbox and app looked up in `model`;
/// nullopt and `error` when one is missing. Shared by `exomock token` and the server.
[[nodiscard]] std::optional<token_request> resolve_token_request(
    const policy::scenario_model& model, const std::string& user, const std::string& client_id,
    std::string& error);

/// The compact JWS (header.payload.signature).
[[nodiscard]] std::string issue_token(const signing_key& key, const token_request& request);

/// An OpenID Connect id_token (v2.0) for the user of `request`, issued by `issuer`
/// (the discovery document's, e.g. https://HOST/TID/v2.0) to request.client_id.
[[nodiscard]] std::string issue_id_token(const signing_key& key, const token_request& request,
                                         const std::string& issuer);

/// A refresh token: opaque to clients (Entra's are too), but signed, so a server
/// restarted with the same key still redeems it. "1." + payload + "." + signature.
[[nodiscard]] std::string issue_refresh_token(const signing_key& key,
                                              const policy::refresh_claims& claims,
                                              std::chrono::system_clock::time_point now);
/// The claims of a refresh token this key issued; nullopt for anything else.
[[nodiscard]] std::optional<policy::refresh_claims> read_refresh_token(const signing_key& key,
                                                                       std::string_view token);

}  // namespace exomock::identity
