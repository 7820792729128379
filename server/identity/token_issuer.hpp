// Mints access tokens as Entra ID would for Exchange Online SMTP: delegated
// (scp SMTP.Send, upn) or app-only (roles of the app registration, appid), RS256
// with exomock's key. Used by `exomock token` and the tests.
#pragma once

#include <chrono>
#include <string>

#include "identity/signing_key.hpp"
#include "policy/model.hpp"

namespace exomock::identity {

struct token_request {
  const policy::tenant* tenant = nullptr;    ///< issuer tenant (tid, iss)
  const policy::mailbox* user = nullptr;     ///< delegated: the signed-in user
  const policy::application* app = nullptr;  ///< app-only: the application
  std::string audience;                      ///< "": the usual one for the token kind
  std::chrono::seconds expires_in{3600};     ///< negative: already expired
  std::chrono::system_clock::time_point now;
};

/// The compact JWS (header.payload.signature).
[[nodiscard]] std::string issue_token(const signing_key& key, const token_request& request);

}  // namespace exomock::identity
