// Turns what the core hands over (a store_message action, a finished session)
// into the store's records. Pure data mapping: no I/O, no decisions.
#pragma once

#include <chrono>
#include <string>

#include "smtp/action.hpp"
#include "smtp/session_facts.hpp"
#include "smtp/transcript.hpp"
#include "store/captured_message.hpp"

namespace exomock::net {

/// The parts of a record the core does not know: the session id and the times.
struct capture_context {
  std::string session_id;
  std::chrono::system_clock::time_point session_started;
  std::chrono::system_clock::time_point now;
};

/// "SIZE=123 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=x AUTH=<>", in that order, as received.
[[nodiscard]] std::string mail_parameters_text(const smtp::mail_parameters& p);

/// Consumes the action's content (the message bytes are moved, not copied).
[[nodiscard]] store::captured_message make_captured_message(smtp::store_message&& action,
                                                            const capture_context& context);

[[nodiscard]] store::session_record make_session_record(const smtp::session_facts& facts,
                                                        const smtp::transcript& transcript,
                                                        const capture_context& context);

}  // namespace exomock::net
