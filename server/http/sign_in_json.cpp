// Values Entra writes for an SMTP AUTH sign-in: clientAppUsed "Authenticated
// SMTP", Office 365 Exchange Online as app and resource, risk "none" (what a tenant
// without Entra ID P2 reads), no device, no geolocation for the client's address.
// Choices where Graph's documentation is silent are marked *(chosen)*.
#include "http/sign_in_json.hpp"

#include <boost/json/array.hpp>
#include <string>
#include <string_view>

#include "identity/directory_ids.hpp"
#include "policy/auth_checks.hpp"
#include "policy/entra_catalogue.hpp"

namespace exomock::http {

namespace {

namespace bjson = boost::json;

// The Office 365 Exchange Online application, the resource of every SMTP AUTH sign-in.
constexpr std::string_view exchange_app_id = policy::exchange_resource_id;
constexpr std::string_view exchange_app_name = policy::exchange_resource_name;
// Entra's userId for a name it could not resolve *(chosen)*.
constexpr std::string_view unknown_user_id = "00000000-0000-0000-0000-000000000000";

// The application `client_id` in `t`, or in any tenant when `t` is nullptr (an
// app-only token request names no user); `t` is then set to the app's tenant.
const policy::application* find_application(const policy::scenario_model& model,
                                            const policy::tenant*& t,
                                            const std::string& client_id) {
  if (client_id.empty()) {
    return nullptr;
  }
  if (t != nullptr) {
    return t->find_application(client_id);
  }
  const policy::registered_application found = model.find_application(client_id);
  t = found.owner;
  return found.app;
}

bool token_endpoint_sign_in(const std::string& mechanism) {
  return mechanism == policy::password_grant_mechanism ||
         mechanism == policy::refresh_grant_mechanism ||
         mechanism == policy::device_grant_mechanism || mechanism == policy::client_grant_mechanism;
}

// clientAppUsed: SMTP AUTH is "Authenticated SMTP"; a token request by a user is
// modern authentication, "Mobile Apps and Desktop clients"; an app-only request
// has no client app *(chosen: Entra logs it among service-principal sign-ins)*.
bjson::value client_app_used(const std::string& mechanism) {
  if (mechanism == policy::client_grant_mechanism) {
    return nullptr;
  }
  return token_endpoint_sign_in(mechanism) ? "Mobile Apps and Desktop clients"
                                           : "Authenticated SMTP";
}

// A user typed a password or approved a device; a refresh happens without them.
bool interactive(const store::sign_in_record& s) {
  if (token_endpoint_sign_in(s.mechanism)) {
    return s.mechanism == policy::password_grant_mechanism ||
           s.mechanism == policy::device_grant_mechanism;
  }
  return s.app_id.empty();
}

// The SMTP session's id as a GUID: one correlationId for every sign-in of a
// session, as Entra gives one per authentication flow *(chosen)*.
std::string correlation_id(std::string sid) {
  if (sid.size() == 36 && sid[8] == '-') {
    return sid;  // a token request's correlation id, kept as it was
  }
  for (char& c : sid) {
    c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  }
  sid.insert(0, std::string(sid.size() < 16 ? 16 - sid.size() : 0, '0'));
  return "00000000-0000-0000-" + sid.substr(0, 4) + "-" + sid.substr(4, 12);
}

bjson::value text_or_null(const std::string& s) {
  return s.empty() ? bjson::value(nullptr) : bjson::value(s);
}

bjson::array string_array(std::initializer_list<std::string_view> items) {
  bjson::array out;
  for (const std::string_view item : items) {
    out.emplace_back(item);
  }
  return out;
}

// Each of the tenant's policies as Conditional Access evaluated it for this sign-in: none
// when CA was not applied (a refusal before it, or a token), else applied or not to the
// user, and passed or failed from the client's address.
bjson::array applied_policies(const policy::tenant* home, const policy::mailbox* user,
                              const store::sign_in_record& s) {
  bjson::array out;
  if (home == nullptr) {
    return out;
  }
  const bool evaluated = s.conditional_access_status != "notApplied" && user != nullptr;
  for (const policy::conditional_access_policy& p : home->conditional_access) {
    std::string_view result = "notApplied";
    if (evaluated && policy::policy_applies(p, *user)) {
      const bool blocks = token_endpoint_sign_in(s.mechanism)
                              ? policy::policy_blocks_modern(
                                    p, s.ip_address, s.mechanism == policy::device_grant_mechanism)
                              : policy::policy_blocks_basic(p, s.ip_address);
      result = blocks ? "failure" : "success";
    }
    const bool blocks = p.block_legacy_authentication || !p.allowed_ip_ranges.empty();
    bjson::array grants = blocks ? string_array({"Block"}) : bjson::array{};
    if (p.require_mfa) {
      grants.emplace_back("Mfa");
    }
    out.emplace_back(bjson::object{
        {"id", identity::conditional_access_policy_id(*home, p)},
        {"displayName", p.name},
        {"enforcedGrantControls", std::move(grants)},
        {"enforcedSessionControls", bjson::array{}},
        {"result", result},
    });
  }
  return out;
}

}  // namespace

bjson::object sign_in_object(const store::sign_in_row& row, const policy::scenario_model& model) {
  const store::sign_in_record& s = row.record;
  const policy::tenant* home = model.tenant_for(s.user_principal_name);
  const policy::mailbox* user = home ? model.find_mailbox(s.user_principal_name) : nullptr;
  const policy::application* app = find_application(model, home, s.app_id);
  const std::string app_id = s.app_id.empty() ? std::string(exchange_app_id) : s.app_id;
  const bjson::value app_name =
      app ? bjson::value(app->display_name)
          : (s.app_id.empty() ? bjson::value(exchange_app_name) : bjson::value(nullptr));
  return bjson::object{
      {"id", s.id},
      {"createdDateTime", row.created},
      {"userDisplayName", user ? text_or_null(user->display_name) : bjson::value(nullptr)},
      {"userPrincipalName", s.user_principal_name},
      {"userId", user ? identity::user_object_id(*home, *user) : std::string(unknown_user_id)},
      {"appId", app_id},
      {"appDisplayName", app_name},
      {"ipAddress", s.ip_address},
      {"clientAppUsed", client_app_used(s.mechanism)},
      {"correlationId", correlation_id(s.session_id)},
      {"conditionalAccessStatus", s.conditional_access_status},
      // v1.0 lists interactive user sign-ins; an app-only token is the app's own *(chosen)*.
      {"isInteractive", interactive(s)},
      {"riskDetail", "none"},
      {"riskLevelAggregated", "none"},
      {"riskLevelDuringSignIn", "none"},
      {"riskState", "none"},
      {"riskEventTypes", bjson::array{}},
      {"riskEventTypes_v2", bjson::array{}},
      {"resourceDisplayName", exchange_app_name},
      {"resourceId", exchange_app_id},
      {"resourceTenantId", home ? bjson::value(home->id) : bjson::value(nullptr)},
      {"homeTenantId", home ? bjson::value(home->id) : bjson::value(nullptr)},
      {"servicePrincipalId",
       app ? bjson::value(identity::service_principal_id(*home, *app)) : bjson::value(nullptr)},
      {"servicePrincipalName", app ? bjson::value(app->display_name) : bjson::value(nullptr)},
      {"userAgent", nullptr},  // SMTP carries none
      {"status",
       {{"errorCode", s.error_code},
        {"failureReason", s.failure_reason},
        {"additionalDetails", nullptr}}},
      {"deviceDetail",
       {{"deviceId", ""},
        {"displayName", nullptr},
        {"operatingSystem", nullptr},
        {"browser", nullptr},
        {"isCompliant", nullptr},
        {"isManaged", nullptr},
        {"trustType", nullptr}}},
      // No geolocation for the client's address *(chosen: Graph's members, unknown)*.
      {"location",
       {{"city", nullptr},
        {"state", nullptr},
        {"countryOrRegion", nullptr},
        {"geoCoordinates", bjson::object{}}}},
      {"appliedConditionalAccessPolicies", applied_policies(home, user, s)},
      {"authenticationAppDeviceDetails", nullptr},
  };
}

}  // namespace exomock::http
