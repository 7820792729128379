// What the Entra-shaped token routes need besides the route context: the key that
// signs tokens (and whose certificate the JWKS publishes) and where trace and
// correlation ids come from (random GUIDs; tests fix them).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "identity/signing_key.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::http {

struct token_endpoint {
  std::shared_ptr<const identity::signing_key> key;
  std::function<std::string()> new_id = [] { return store::new_guid(); };
};

}  // namespace exomock::http
