// A mailbox search as the store runs it: terms ANDed together, each one
// possibly negated, as Mailpit's search words (reference §2) and exomock's own
// words about how a message arrived. The HTTP layer parses the query text into
// these terms (http/search_query.hpp); the store turns them into SQL whose
// every value is a bound parameter, so no request text ever becomes SQL.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exomock::store {

/// What a term compares. "LIKE" is SQLite's: `%text%`, ASCII case ignored,
/// and `%` or `_` inside the text stay wildcards (as in Mailpit).
enum class search_field {
  text,         ///< the search text (headers, body, file names) LIKE
  to,           ///< the To list as stored JSON LIKE (names, addresses and key names)
  from,         ///< the From object as stored JSON LIKE
  cc,           ///< the Cc list as stored JSON LIKE
  bcc,          ///< the Bcc list as stored JSON LIKE
  reply_to,     ///< the Reply-To list as stored JSON LIKE
  addressed,    ///< any of From, To, Cc, Bcc, Reply-To LIKE (negated: none of them)
  subject,      ///< the decoded Subject LIKE
  message_id,   ///< the Message-ID header without <> LIKE
  tag,          ///< carries the tag named `text` (ASCII case ignored)
  read,         ///< read (negated: unread)
  tagged,       ///< carries at least one tag
  attachment,   ///< has an attachment part
  inline_part,  ///< has an inline part
  after,        ///< received at or after `time` (negated: at or before)
  before,       ///< received at or before `time` (negated: at or after)
  larger,       ///< more than `number` bytes (negated: fewer)
  smaller,      ///< fewer than `number` bytes (negated: more)
  login,        ///< the SMTP AUTH login LIKE
  listener,     ///< the listener's name equals `text` (ASCII case ignored)
  path,         ///< the path equals `text` ("connector" alone: any connector:NAME)
  tenant,       ///< the login's or a recipient's domain is one of `domains`
  tls,          ///< the TLS version equals `text` ("TLSv1.2"; "" for plaintext)
  client_ip,    ///< the client's address equals `text` (ASCII case ignored)
};

struct search_term {
  search_field field = search_field::text;
  bool negated = false;
  std::string text;                              ///< the value of text-valued fields
  std::int64_t number = 0;                       ///< bytes, for larger and smaller
  std::chrono::system_clock::time_point time{};  ///< for after and before
  std::vector<std::string> domains;              ///< for tenant: lower-case domains
};

struct mailbox_query {
  std::vector<search_term> terms;  ///< none: every message matches
  /// The list's undocumented ?before=: only messages received strictly earlier.
  std::optional<std::chrono::system_clock::time_point> received_before;
  /// A window of ids, id_above < id <= id_at_most: what a repeated count
  /// (match_counter) reads after its first look, the messages since.
  std::optional<std::int64_t> id_above;
  std::optional<std::int64_t> id_at_most;
};

/// Whether a message's match can change after it is stored: read status and
/// tags change, everything else a term compares is fixed when the message arrives.
[[nodiscard]] inline bool reads_changing_fields(const mailbox_query& query) {
  for (const search_term& t : query.terms) {
    if (t.field == search_field::read || t.field == search_field::tag ||
        t.field == search_field::tagged) {
      return true;
    }
  }
  return false;
}

}  // namespace exomock::store
