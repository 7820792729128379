// Lockout book and token verifier around the pure AUTH pipeline.
#include "policy/sign_in_attempt.hpp"

namespace exomock::policy {

namespace {

// A scenario's opaque tokens are tried first; anything else may be a JWT.
void resolve_jwt(auth_request& r, const token_verifier* verifier) {
  if (r.basic() || r.match == credential_match::token || verifier == nullptr) {
    return;
  }
  const auto claims = verifier->verify(r.credentials.secret);
  if (!claims) {
    return;  // r.token.problem already says unknown_user or invalid
  }
  r.token = check_token_claims(*claims, r.home_tenant, r.account, r.now);
  if (r.token.problem == token_problem::none) {
    r.match = credential_match::token;
  }
}

void record_outcome(const auth_request& r, const auth_decision& d, lockout_book& book) {
  if (!r.basic() || r.account == nullptr || r.home_tenant == nullptr || !d.sign_in) {
    return;
  }
  if (d.sign_in->error_code == 50126) {
    book.record_failure(r.account->address, r.credentials.secret, r.home_tenant->lockout, r.now);
  } else if (d.sign_in->error_code == 0 && r.match != credential_match::token) {
    book.record_success(r.account->address);
  }
}

}  // namespace

auth_decision attempt_sign_in(auth_request& request, live_scenario& shared,
                              const token_verifier* tokens) {
  resolve_jwt(request, tokens);  // a signature check needs no shared counter
  const std::lock_guard lock(shared.mutex);
  if (request.basic() && request.account != nullptr) {
    request.locked = shared.lockouts.locked(request.account->address, request.now);
  }
  auth_decision decision =
      request.token_grant() ? decide_token_grant(request) : decide_authentication(request);
  record_outcome(request, decision, shared.lockouts);
  return decision;
}

}  // namespace exomock::policy
