// Readers for the sending-limit and scenario-clock settings: [server]'s clock keys
// and [tenant.limits] with its [tenant.limits.throttling]. Free functions over a
// table_reader, as every reader is; these need no read_context.
#pragma once

#include "policy/model.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// `clock_start` and `clock_rate` of [server].
void read_clock(table_reader& t, policy::server_settings& out);
/// [tenant.limits]; the caller has opened the table.
[[nodiscard]] policy::sending_limit_settings read_limits(table_reader& t);

}  // namespace exomock::scenario
