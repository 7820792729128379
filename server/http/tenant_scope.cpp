#include "http/tenant_scope.hpp"

#include <algorithm>

#include "policy/address.hpp"

namespace exomock::http {
namespace {

bool address_in(std::string_view address, const tenant_scope& s) {
  const std::string_view domain = policy::domain_of(address);
  return !domain.empty() && policy::contains_address(s.domains, domain);
}

// A string member of an event's data object, or "".
std::string_view text_at(const boost::json::value& data, std::string_view key) {
  const auto* o = data.if_object();
  const auto* v = o != nullptr ? o->if_contains(key) : nullptr;
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// Whether a Mailpit address list ([{"Name","Address"}]) holds one of the scope's.
bool list_in(const boost::json::value& data, std::string_view key, const tenant_scope& s) {
  const auto* o = data.if_object();
  const auto* list = o != nullptr ? o->if_contains(key) : nullptr;
  if (list == nullptr || !list->is_array()) {
    return false;
  }
  return std::any_of(
      list->get_array().begin(), list->get_array().end(),
      [&](const boost::json::value& a) { return address_in(text_at(a, "Address"), s); });
}

}  // namespace

std::optional<tenant_scope> tenant_scope_of(const request& r, const policy::scenario_model& m) {
  const auto name = r.parameter("tenant");
  if (!name) {
    return std::nullopt;
  }
  const policy::tenant* t = m.find_tenant(*name);
  tenant_scope s = t != nullptr ? scope_of(*t) : tenant_scope{};
  s.name = std::string(*name);
  return s;
}

tenant_scope scope_of(const policy::tenant& t) {
  tenant_scope s{t.name, t.domains, {}};
  for (const policy::application& a : t.applications) {
    s.app_ids.push_back(a.client_id);
  }
  return s;
}

store::sign_in_condition sign_in_condition_of(const tenant_scope& s) {
  store::sign_in_condition c;
  c.on = store::sign_in_condition::field::tenant;
  c.domains = s.domains;
  c.app_ids = s.app_ids;
  return c;
}

bool event_in_scope(const mailbox_event& e, const tenant_scope& s) {
  if (e.type == "new") {
    return address_in(text_at(e.data, "Username"), s) || list_in(e.data, "To", s) ||
           list_in(e.data, "Cc", s) || list_in(e.data, "Bcc", s);
  }
  if (e.type == "signin") {
    return address_in(text_at(e.data, "UserPrincipalName"), s);
  }
  if (e.type == "session") {
    return address_in(text_at(e.data, "Login"), s);
  }
  return true;
}

}  // namespace exomock::http
