// How `exomock messages` prints captured messages: an aligned text table for
// people, or one JSON object per line for scripts.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "store/captured_message.hpp"

namespace exomock::app {

/// The widest a table cell gets, in octets: a longer value is cut and ends in "...".
inline constexpr std::size_t max_table_cell = 100;

/// `text` as the table prints it: control octets and invalid UTF-8 as \xHH (so that no
/// CR or ESC reaches the terminal), cut at max_table_cell octets. --json prints values whole.
[[nodiscard]] std::string table_cell(std::string_view text);

void print_message_table(std::ostream& out, const std::vector<store::message_summary>& messages);
/// Keys: id, received, session_id, listener, client_ip, login, mail_from, rcpt_to (array),
/// size, tls_version, message_id.
void print_message_json_lines(std::ostream& out,
                              const std::vector<store::message_summary>& messages);

}  // namespace exomock::app
