// Mailpit's Message object (GET /api/v1/message/{ID}) and exomock's own facts
// about a message (GET /api/v1/message/{ID}/smtp), as JSON text with exactly
// Mailpit's keys in Mailpit's order, [] for empty lists.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "mime/message_view.hpp"
#include "store/captured_message.hpp"

namespace exomock::http {

/// The Message JSON of message ID: VIEW parsed with the message's envelope,
/// TAGS from the store, Username the SMTP AUTH login.
[[nodiscard]] std::string message_json(std::int64_t id, const store::captured_message& m,
                                       const mime::message_view& view,
                                       const std::vector<std::string>& tags);

/// exomock's facts: envelope, login, client, listener, path, tenant, TLS, session,
/// times, HELO, mechanism and (when the session's transcript has it) the 250 reply.
struct smtp_facts {
  const store::captured_message* message = nullptr;
  std::string tenant;  ///< "" when no scenario tenant owns the login's or a recipient's domain
  std::string reply;   ///< "" when unknown: the key is then left out
};
[[nodiscard]] std::string smtp_json(const smtp_facts& facts);

}  // namespace exomock::http
