// The transport keys of a [[listener]]: TLS version range, cipher list, what
// TLS 1.0/1.1 clients meet (tls_mode), client certificates, connection limits
// and the idle timeout. Kept apart from the rest of the listener table.
#pragma once

#include "policy/model.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// Reads those keys into `out`, whose `kind` is already set; reports each problem on `t`.
void read_listener_transport(table_reader& t, policy::listener_config& out);

}  // namespace exomock::scenario
