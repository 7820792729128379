// Turns policy's sign-in events into the store's sign-in log records: Graph
// field values (conditionalAccessStatus names, failureReason text) and a GUID.
#pragma once

#include <string>

#include "policy/auth_checks.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::net {

[[nodiscard]] store::sign_in_record make_sign_in_record(const policy::sign_in_event& event,
                                                        const std::string& session_id);

}  // namespace exomock::net
