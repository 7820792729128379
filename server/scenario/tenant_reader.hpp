// [[tenant]] and the tables under it: accepted domains, switches, lockout,
// authentication and Conditional Access policies, connectors, applications and
// mailboxes.
#pragma once

#include "policy/model.hpp"
#include "scenario/read_context.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// The tenant in `t`, whose problems are reported on `t` and `c`.
[[nodiscard]] policy::tenant read_tenant(table_reader& t, read_context& c);

}  // namespace exomock::scenario
