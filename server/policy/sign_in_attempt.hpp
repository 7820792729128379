// One AUTH attempt against the state every session shares: the token verifier
// for XOAUTH2 JWTs and the smart-lockout book. The decision itself stays the
// pure pipeline of auth_checks; this file only reads and updates the shared state.
#pragma once

#include "policy/auth_checks.hpp"
#include "policy/shared_state.hpp"

namespace exomock::policy {

/// Completes `request` (lockout, JWT claims), decides, and records the outcome
/// in the lockout book, all under `shared.mutex` so concurrent sessions count
/// every failure exactly once.
[[nodiscard]] auth_decision attempt_sign_in(auth_request& request, shared_state& shared);

/// Graph's `failureReason` for an Entra error code (reference section 6).
[[nodiscard]] std::string_view failure_reason(int error_code);

}  // namespace exomock::policy
