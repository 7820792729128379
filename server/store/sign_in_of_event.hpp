// Policy's sign-in events as the sign-in log's records: Graph's field values
// (conditionalAccessStatus names, failureReason text). The one mapping for the
// SMTP side (net) and the token endpoint (http).
#pragma once

#include <string>

#include "policy/auth_checks.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// The record of EVENT under ID (a GUID), made by SESSION_ID: the SMTP session,
/// or the token request's correlation id (read back as correlationId).
[[nodiscard]] sign_in_record sign_in_of(const policy::sign_in_event& event, std::string id,
                                        std::string session_id);

}  // namespace exomock::store
