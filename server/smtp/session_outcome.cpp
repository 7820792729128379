#include "smtp/session_outcome.hpp"

namespace exomock::smtp {

std::string_view session_outcome(const session_facts& facts, bool idle_timeout) {
  if (facts.messages_accepted > 0) {
    return "delivered";
  }
  if (!facts.login && facts.auth_refusals > 0) {
    return "auth-failed";
  }
  if (facts.last_reply_code >= 400) {
    return "refused";
  }
  return idle_timeout ? "timed-out" : "closed";
}

}  // namespace exomock::smtp
