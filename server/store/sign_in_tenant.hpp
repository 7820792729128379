// Which sign-ins are a tenant's: those of users in its accepted domains and
// those of its applications (app-only tokens have no user), both compared
// without regard to case. One SQL condition for reading a tenant's sign-in log
// and for deleting it with the tenant.
#pragma once

#include <string>
#include <vector>

namespace exomock::store {

/// The SQL condition over the signins table, with DOMAINS_PARAM and APPS_PARAM
/// (e.g. "?1") bound to lower_json_list() of the domains and the client ids.
[[nodiscard]] std::string tenant_sign_in_sql(const std::string& domains_param,
                                             const std::string& apps_param);

/// LIST in ASCII lower case as a JSON array of strings, for SQLite's json_each.
[[nodiscard]] std::string lower_json_list(const std::vector<std::string>& list);

}  // namespace exomock::store
