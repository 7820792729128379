// Mailpit's JSON shapes for the mailbox (reference §1.1): MessageSummary and
// the MessagesSummary envelope, with exactly Mailpit's keys in its order
// (clients compare key sets), and message ids as Mailpit's string IDs.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/mailbox_summary.hpp"

namespace exomock::http {

/// The store's integer id as the string a client sees.
[[nodiscard]] std::string id_text(std::int64_t id);
/// A client's ID back to the store's, or nullopt when it cannot be one (a
/// Mailpit-style random ID, say): such an ID names no message.
[[nodiscard]] std::optional<std::int64_t> parse_id(std::string_view text);

/// A stored time ("2024-05-01T09:30:00.120Z") as Go writes a time.Time: the
/// fraction's trailing zeros trimmed, and dropped when it is zero.
[[nodiscard]] std::string go_time(std::string_view iso_ms);
/// A time in the same form, in UTC to the millisecond.
[[nodiscard]] std::string go_time(std::chrono::system_clock::time_point t);

/// MessageSummary: ID, MessageID, Read, From, To, Cc, Bcc, ReplyTo, Subject,
/// Created, Username, Tags, Size, Attachments, Snippet. Address lists are []
/// when empty (never null), each address exactly {"Name","Address"}.
[[nodiscard]] boost::json::object summary_json(const store::mailbox_summary& m);

/// What /messages and /search answer.
struct messages_envelope {
  store::mailbox_counts mailbox;  ///< total, unread: the whole mailbox
  store::mailbox_counts matched;  ///< messages_count, messages_unread
  std::int64_t start = 0;
  std::vector<std::string> tags;  ///< every tag of the mailbox, sorted
  std::vector<store::mailbox_summary> messages;
};

/// MessagesSummary: total, unread, count, messages_count, messages_unread,
/// start, tags, messages.
[[nodiscard]] boost::json::object envelope_json(const messages_envelope& e);

}  // namespace exomock::http
