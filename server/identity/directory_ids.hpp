// The object ids Entra ID gives the scenario's directory objects, derived from
// the tenant id and the object's name, so a user's id is the same in the oid of
// its tokens and in the userId of its sign-ins, run after run.
#pragma once

#include <string>
#include <string_view>

#include "policy/model.hpp"

namespace exomock::identity {

/// A GUID derived from `seed` (SHA-256), so a user's or an app's oid is stable.
[[nodiscard]] std::string stable_guid(std::string_view seed);

/// The object id of `user` in `home` (a token's oid, a sign-in's userId).
[[nodiscard]] std::string user_object_id(const policy::tenant& home, const policy::mailbox& user);
/// The object id of `app`'s service principal in `home`.
[[nodiscard]] std::string service_principal_id(const policy::tenant& home,
                                               const policy::application& app);
/// The id of a Conditional Access policy of `home`.
[[nodiscard]] std::string conditional_access_policy_id(const policy::tenant& home,
                                                       const policy::conditional_access_policy& p);

}  // namespace exomock::identity
