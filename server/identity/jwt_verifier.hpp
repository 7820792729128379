// policy's token_verifier for RS256 JWTs signed by exomock's signing key: checks
// the header and the signature, then hands the claims to policy as plain values.
#pragma once

#include <memory>

#include "identity/signing_key.hpp"
#include "policy/access_token.hpp"

namespace exomock::identity {

class jwt_verifier final : public policy::token_verifier {
 public:
  explicit jwt_verifier(std::shared_ptr<const signing_key> key) : key_(std::move(key)) {}
  [[nodiscard]] std::optional<policy::token_claims> verify(std::string_view token) const override;

 private:
  std::shared_ptr<const signing_key> key_;
};

/// The claims of a JSON payload, without any signature check (for tests and tools).
[[nodiscard]] std::optional<policy::token_claims> parse_claims(std::string_view payload_json);

}  // namespace exomock::identity
