// How a finished session went, in one word, for the sessions API: what a device
// tester looks for first. Read from the facts the core kept as it replied; only
// the transport knows whether it cut an idle client off.
#pragma once

#include <string_view>

#include "smtp/session_facts.hpp"

namespace exomock::smtp {

/// The first that holds, in this order:
///  "delivered"   at least one message got its 250;
///  "auth-failed" no message, never authenticated, and an AUTH got a final refusal
///                (anything but 235 once the 334 continuations are over);
///  "refused"     the last reply, the answer to QUIT and the server's goodbye aside,
///                was 4xx or 5xx;
///  "timed-out"   the transport closed an idle client (`idle_timeout`);
///  "closed"      the client quit or hung up after positive replies.
[[nodiscard]] std::string_view session_outcome(const session_facts& facts, bool idle_timeout);

}  // namespace exomock::smtp
