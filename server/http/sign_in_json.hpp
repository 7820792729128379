// Graph's signIn resource (v1.0) for one row of the sign-in log: every property
// Graph returns, in the order of Graph's documentation example, with the names
// the live scenario gives the user, tenant, application and Conditional Access
// policies (graph-entra-exo.md section 1).
#pragma once

#include <boost/json/object.hpp>

#include "policy/model.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::http {

/// The signIn object of `row`, named from `model` (a user it no longer has keeps
/// its UPN and gets the null display name and empty-GUID userId of an unknown user).
[[nodiscard]] boost::json::object sign_in_object(const store::sign_in_row& row,
                                                 const policy::scenario_model& model);

}  // namespace exomock::http
