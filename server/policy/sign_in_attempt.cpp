// Lockout book and token verifier around the pure AUTH pipeline, and the
// failureReason texts of the sign-in log (Entra's AADSTS descriptions).
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
  } else if (d.sign_in->error_code == 0) {
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
  auth_decision decision = decide_authentication(request);
  record_outcome(request, decision, shared.lockouts);
  return decision;
}

std::string_view failure_reason(int error_code) {
  switch (error_code) {
    case 0:
      return "Other.";  // what Graph shows for a successful sign-in
    case 50126:
      return "Error validating credentials due to invalid username or password.";
    case 50034:
      return "The user account does not exist in the directory.";
    case 50076:
      return "Due to a configuration change made by your administrator, or because you moved to "
             "a new location, you must use multi-factor authentication to access the resource.";
    case 53003:
      return "Access has been blocked by Conditional Access policies. The access policy does not "
             "allow token issuance.";
    case 530035:
      return "Access has been blocked by security defaults. This is due to the request using "
             "legacy auth or being deemed unsafe by security defaults policies.";
    case 50053:
      return "Account is locked because user tried to sign in too many times with an incorrect "
             "user ID or password.";
    case 50057:
      return "User account is disabled. The account has been disabled by an administrator.";
    case 50055:
      return "The password is expired.";
    case 80001:
      return "The Authentication Agent is unable to connect to Active Directory.";
    case 50013:
      return "Assertion is invalid because of various reasons.";
    case 500133:
      return "Assertion is not within its valid time range.";
    case 500011:
      return "The resource principal was not found in the tenant.";
    case 65001:
      return "The user or administrator has not consented to use the application.";
    default:
      return "Other.";
  }
}

}  // namespace exomock::policy
