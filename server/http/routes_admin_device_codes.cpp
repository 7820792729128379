// The device code flow's other half (RFC 8628): what a user does on Entra's
// https://microsoft.com/devicelogin page, as admin calls. GET lists the codes
// waiting for a user (never the device_code itself, which is the device's
// secret); POST approve signs a user in for one, so the device's next poll of
// the token endpoint gets its token (or the user's account refusal).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/admin_patch.hpp"
#include "http/api_routes.hpp"
#include "policy/address.hpp"
#include "store/timestamp.hpp"

namespace exomock::http {
namespace {

boost::json::object code_json(const policy::device_authorization& a) {
  boost::json::array scopes;
  for (const std::string& s : a.scopes) {
    scopes.emplace_back(s);
  }
  boost::json::object o{{"user_code", a.user_code},
                        {"client_id", a.client_id},
                        {"tenant_id", a.tenant_id},
                        {"scopes", std::move(scopes)},
                        {"expires", store::iso8601_utc_ms(a.expires)}};
  if (!a.approved_by.empty()) {
    o["approved_by"] = a.approved_by;
  }
  return o;
}

route_result list_codes(request&, route_context& c) {
  boost::json::array value;
  for (const policy::device_authorization& a : c.live.device_codes.pending(c.clock.now())) {
    value.push_back(code_json(a));
  }
  return admin_object(boost::json::object{{"value", std::move(value)}});
}

std::string string_field(const boost::json::object& o, std::string_view name) {
  for (const auto& [key, value] : o) {
    if (policy::iequals(key, name) && value.is_string()) {
      return std::string(value.get_string());
    }
  }
  return {};
}

// {"user_code", "user"}: the user must be a mailbox of the application's tenant, as
// a single-tenant application's sign-in page allows; the account checks run when
// the device redeems the code.
route_result approve(request& r, route_context& c) {
  std::string error;
  const auto body = read_object(r.body, error);
  if (!body) {
    return text(400, error);
  }
  const std::string code = string_field(*body, "user_code");
  const std::string user = string_field(*body, "user");
  if (code.empty() || user.empty()) {
    return text(400, "the body needs \"user_code\" and \"user\" strings");
  }
  const auto model = c.live.snapshot();
  const policy::mailbox* mailbox = model->find_mailbox(user);
  if (mailbox == nullptr) {
    return admin_not_found("no user '" + user + "' in the scenario");
  }
  std::optional<policy::device_authorization> waiting;
  for (const policy::device_authorization& a : c.live.device_codes.pending(c.clock.now())) {
    if (policy::iequals(a.user_code, code)) {
      waiting = a;
    }
  }
  if (!waiting) {
    return admin_not_found("no device code '" + code + "' is waiting for a user");
  }
  const policy::tenant* home = model->tenant_for(mailbox->address);
  if (home == nullptr || !policy::iequals(home->id, waiting->tenant_id)) {
    return text(400,
                "user '" + user + "' is not in the tenant of application " + waiting->client_id);
  }
  const auto approved = c.live.device_codes.approve(code, mailbox->address, c.clock.now());
  if (!approved) {
    return admin_not_found("no device code '" + code + "' is waiting for a user");
  }
  if (c.admin != nullptr) {
    c.admin->record({"Approve device code", mailbox->address, {}, {{"user_code", code}}});
  }
  return admin_object(code_json(*approved));
}

}  // namespace

void add_admin_device_code_routes(router& routes) {
  routes.add("GET", "/api/v1/admin/device-codes", list_codes);
  routes.add("POST", "/api/v1/admin/device-codes/approve", approve);
}

}  // namespace exomock::http
