// One AUTH attempt against the state every session shares, the smart-lockout
// book, with the token verifier (a port) for XOAUTH2 JWTs. The decision itself stays the
// pure pipeline of auth_checks; this file only reads and updates the shared state.
#pragma once

#include "policy/access_token.hpp"
#include "policy/auth_checks.hpp"
#include "policy/entra_catalogue.hpp"  // failure_reason, for the callers of old
#include "policy/live_scenario.hpp"

namespace exomock::policy {

/// Completes `request` (JWT claims through `tokens`, which may be nullptr; lockout),
/// decides, and records the outcome in the lockout book under `shared.mutex`, so
/// concurrent sessions count every failure exactly once.
[[nodiscard]] auth_decision attempt_sign_in(auth_request& request, live_scenario& shared,
                                            const token_verifier* tokens);

}  // namespace exomock::policy
