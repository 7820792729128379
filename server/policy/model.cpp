// Look-ups on the immutable scenario model: which tenant owns an address,
// which mailbox an identity names. Linear scans: a scenario holds tens of mailboxes.
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

}  // namespace exomock::policy
