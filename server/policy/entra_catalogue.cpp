// Wire texts are the short forms seen in real replies (graph-entra-exo.md section
// 2.5, with the issue each was quoted from); where only the code is documented the
// wording is marked *(chosen)*. failureReason texts are the sign-in log's, close to
// but not always the wire's.
#include "policy/entra_catalogue.hpp"

#include <optional>

namespace exomock::policy {

namespace {

entra_error make(int code, std::string_view error, std::string description, int status = 400,
                 std::string_view suberror = {}) {
  return entra_error{code, error, status, std::move(description), suberror};
}

// The credential and tenant errors: who is asking, and where.
std::optional<entra_error> client_error(int code, const entra_error_facts& f) {
  switch (code) {
    case 7000215:  // 401 as observed (OfficeDev/microsoft-365-agents-toolkit#8621)
      return make(code, "invalid_client",
                  "Invalid client secret provided. Ensure the secret being sent in the request "
                  "is the client secret value, not the client secret ID, for a secret added to "
                  "app '" +
                      f.app_id + "'.",
                  401);
    case 7000218:
      return make(code, "invalid_client",
                  "The request body must contain the following parameter: 'client_assertion' "
                  "or 'client_secret'.",
                  401);
    case 700016:
      return make(code, "unauthorized_client",
                  "Application with identifier '" + f.app_id +
                      "' was not found in the directory '" + f.tenant +
                      "'. This can happen if the application has not been installed by the "
                      "administrator of the tenant or consented to by any user in the tenant. You "
                      "may have sent your authentication request to the wrong tenant.");
    case 90002:
      return make(code, "invalid_tenant",
                  "Tenant '" + f.tenant +
                      "' not found. Check to make sure you have the correct tenant ID and are "
                      "signing into the correct cloud. Check with your subscription administrator, "
                      "this may happen if there are no active subscriptions for the tenant.");
    case 9001023:
      return make(code, "invalid_request",
                  "The grant type isn't supported over the /common or /consumers endpoints. "
                  "Please use the /organizations or tenant-specific endpoint.");
    case 50059:  // client credentials on /common for an app no tenant holds *(chosen)*
      return make(code, "invalid_request",
                  "No tenant-identifying information found in either the request or implied by "
                  "any provided credentials.");
    case 900144:
      return make(code, "invalid_request",
                  "The request body must contain the following parameter: '" + f.parameter + "'.");
    case 70003:  // *(chosen wording)*
      return make(code, "unsupported_grant_type",
                  "The app requested an unsupported grant type '" + f.grant_type + "'.");
    default:
      return std::nullopt;
  }
}

std::optional<entra_error> scope_error(int code, const entra_error_facts& f) {
  switch (code) {
    case 70011:
      return make(code, "invalid_scope",
                  "The provided value for the input parameter 'scope' is not valid. The scope " +
                      f.scope + " is not valid.");
    case 1002012:
      return make(code, "invalid_scope",
                  "The provided value for scope " + f.scope +
                      " is not valid. Client credential flows must have a scope value with "
                      "/.default suffixed to the resource identifier (application ID URI).");
    case 500011:
      return make(code, "invalid_resource",
                  "The resource principal named " + f.resource +
                      " was not found in the tenant named " + f.tenant +
                      ". This can happen if the application has not been installed by the "
                      "administrator of the tenant or consented to by any user in the tenant. You "
                      "might have sent your authentication request to the wrong tenant.");
    default:
      return std::nullopt;
  }
}

// The user's sign-in: the same codes the SMTP AUTH pipeline logs.
std::optional<entra_error> user_error(int code) {
  const std::string resource(exchange_resource_id);
  switch (code) {
    case 50126:
      return make(code, "invalid_grant",
                  "Error validating credentials due to invalid username or password.");
    case 50034:
      return make(code, "invalid_grant",
                  "The user account {EmailHidden} does not exist in the directory. To sign into "
                  "this application, the account must be added to the directory.");
    case 50076:
      return make(code, "invalid_grant",
                  "Due to a configuration change made by your administrator, or because you "
                  "moved to a new location, you must use multi-factor authentication to access '" +
                      resource + "'.",
                  400, "basic_action");
    case 50053:
      return make(code, "invalid_grant",
                  "The account is locked, you've tried to sign in too many times with an "
                  "incorrect user ID or password.");
    case 50057:
      return make(code, "invalid_grant", "The user account is disabled.");
    case 50055:
      return make(code, "invalid_grant", "The password is expired.", 400, "user_password_expired");
    case 53003:
      return make(code, "interaction_required",
                  "Access has been blocked by Conditional Access policies. The access policy does "
                  "not allow token issuance.",
                  400, "message_only");
    case 80001:
      return make(code, "invalid_grant",
                  "The Authentication Agent is unable to connect to Active Directory.");
    default:
      return std::nullopt;
  }
}

// Device code polling (RFC 8628 section 3.5 names) and refresh tokens.
std::optional<entra_error> flow_error(int code) {
  switch (code) {
    case 70016:
      return make(code, "authorization_pending",
                  "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    case 70018:  // *(chosen wording)*
      return make(code, "bad_verification_code", "Invalid verification code entered.");
    case 70019:
      return make(code, "expired_token", "Verification code expired.");
    case 9002313:  // a refresh token or device code exomock did not issue
      return make(code, "invalid_grant", "Invalid request. Request is malformed or invalid.");
    case 70000:  // a refresh token issued to another application *(chosen)*
      return make(code, "invalid_grant",
                  "The request was denied because one or more grants are invalid, expired or "
                  "revoked.");
    default:
      return std::nullopt;
  }
}

}  // namespace

entra_error entra_error_for(int code, const entra_error_facts& facts) {
  if (auto e = client_error(code, facts)) {
    return *e;
  }
  if (auto e = scope_error(code, facts)) {
    return *e;
  }
  if (auto e = user_error(code)) {
    return *e;
  }
  if (auto e = flow_error(code)) {
    return *e;
  }
  return make(code, "invalid_request", "Invalid request. Request is malformed or invalid.");
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
    case 7000215:
      return "Invalid client secret is provided.";
    case 7000218:
      return "The request body must contain the following parameter: 'client_assertion' or "
             "'client_secret'.";
    case 700016:
      return "Application with identifier was not found in the directory.";
    case 70011:
    case 1002012:
      return "The provided value for the input parameter 'scope' is not valid.";
    case 9001023:
      return "The grant type isn't supported over the /common or /consumers endpoints.";
    case 9002313:
    case 70000:
      return "Invalid request. Request is malformed or invalid.";
    case 70019:
      return "Verification code expired.";
    default:
      return "Other.";
  }
}

}  // namespace exomock::policy
