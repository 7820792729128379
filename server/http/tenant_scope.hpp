// A request scoped to one tenant with ?tenant=NAME|DOMAIN|ID: what the sign-in
// log (Graph's list and the sign-ins wait) and the live events of /api/events
// keep for it, so a CI job sharing a server sees only its own tenant's
// (search and wait take the `tenant:` word instead).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/http_message.hpp"
#include "http/mailbox_events.hpp"
#include "policy/model.hpp"
#include "store/audit_reader.hpp"

namespace exomock::http {

struct tenant_scope {
  std::string name;                  ///< as the request gave it, for next links
  std::vector<std::string> domains;  ///< none when no tenant has that name: nothing matches
  std::vector<std::string> app_ids;
};

/// The scope of tenant `t`: its domains and its applications' client ids.
[[nodiscard]] tenant_scope scope_of(const policy::tenant& t);

/// The scope ?tenant= asks for in `m`, or nullopt when the request has none.
[[nodiscard]] std::optional<tenant_scope> tenant_scope_of(const request& r,
                                                          const policy::scenario_model& m);

/// The sign-in log's condition for the scope.
[[nodiscard]] store::sign_in_condition sign_in_condition_of(const tenant_scope& s);

/// Whether a live event is the scope's: `new` when its login (Username) or a
/// recipient (To, Cc, Bcc) is in the tenant's domains, as `tenant:` searches;
/// `signin` by its user; `session` by its login. Events that name no message
/// of anyone's (stats, delete, prune, truncate, update) go to every client.
[[nodiscard]] bool event_in_scope(const mailbox_event& e, const tenant_scope& s);

}  // namespace exomock::http
