// Look-ups on the immutable scenario model: which tenant owns an address,
// which mailbox or application an identity names. Linear scans: a scenario holds tens of mailboxes.
#include "policy/model.hpp"

#include "policy/address.hpp"

namespace exomock::policy {

const tenant* scenario_model::tenant_for(std::string_view address) const {
  const std::string_view domain = domain_of(address);
  if (domain.empty()) {
    return nullptr;
  }
  for (const tenant& t : tenants) {
    if (contains_address(t.domains, domain)) {
      return &t;
    }
  }
  return nullptr;
}

const mailbox* scenario_model::find_mailbox(std::string_view address) const {
  for (const tenant& t : tenants) {
    for (const mailbox& m : t.mailboxes) {
      if (iequals(m.address, address)) {
        return &m;
      }
    }
  }
  return nullptr;
}

const application* tenant::find_application(std::string_view client_id) const {
  for (const application& a : applications) {
    if (iequals(a.client_id, client_id)) {
      return &a;
    }
  }
  return nullptr;
}

const tenant* scenario_model::find_tenant(std::string_view name_domain_or_id) const {
  for (const tenant& t : tenants) {
    if (iequals(t.name, name_domain_or_id) || contains_address(t.domains, name_domain_or_id) ||
        (!t.id.empty() && iequals(t.id, name_domain_or_id))) {
      return &t;
    }
  }
  return nullptr;
}

registered_application scenario_model::find_application(std::string_view client_id) const {
  for (const tenant& t : tenants) {
    if (const application* a = t.find_application(client_id)) {
      return {&t, a};
    }
  }
  return {};
}

}  // namespace exomock::policy
