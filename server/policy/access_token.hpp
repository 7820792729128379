// An Entra access token as policy sees it: the claims Exchange Online checks,
// and the port through which policy asks an adapter (identity/, OpenSSL) to
// verify a token's signature. Policy never parses JSON or touches a key.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::policy {

/// The claims of a verified token (Entra v1 names; v2 `azp` lands in app_id).
struct token_claims {
  std::vector<std::string> audiences;  ///< `aud`, a string or an array in the token
  std::string issuer;                  ///< `iss`
  std::string tenant_id;               ///< `tid`
  std::string object_id;               ///< `oid`
  std::string upn;                     ///< `upn`, else `unique_name`
  std::string app_id;                  ///< `appid`, else `azp`
  std::vector<std::string> scopes;     ///< `scp`, split at spaces (delegated tokens)
  std::vector<std::string> roles;      ///< `roles` (app-only tokens)
  std::optional<std::chrono::system_clock::time_point> expires;     ///< `exp`
  std::optional<std::chrono::system_clock::time_point> not_before;  ///< `nbf`
};

/// Checks a compact JWS and returns its claims when the signature is good.
class token_verifier {
 public:
  virtual ~token_verifier() = default;
  /// nullopt: not a JWT, an algorithm other than RS256, or a bad signature.
  [[nodiscard]] virtual std::optional<token_claims> verify(std::string_view token) const = 0;
};

}  // namespace exomock::policy
