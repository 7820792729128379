// How `exomock messages` prints captured messages: an aligned text table for
// people, or one JSON object per line for scripts.
#pragma once

#include <ostream>
#include <vector>

#include "store/captured_message.hpp"

namespace exomock::app {

void print_message_table(std::ostream& out, const std::vector<store::message_summary>& messages);
/// Keys: id, received, session_id, listener, client_ip, login, mail_from, rcpt_to (array),
/// size, tls_version, message_id.
void print_message_json_lines(std::ostream& out,
                              const std::vector<store::message_summary>& messages);

}  // namespace exomock::app
