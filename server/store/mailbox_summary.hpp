// A captured message as Mailpit's API lists it: the MIME view filled at index
// time (schema step 6) plus the read flag and tags a client sets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace exomock::store {

struct mailbox_summary {
  std::int64_t id = 0;
  std::string message_id;  ///< the Message-ID header without <>
  bool read = false;
  std::string from_json;  ///< {"Name":..,"Address":..} as stored
  std::string to_json;    ///< [{"Name":..,"Address":..}, ...] as stored
  std::string cc_json;
  std::string bcc_json;
  std::string reply_to_json;
  std::string subject;
  std::string received;           ///< ISO 8601 UTC with milliseconds
  std::string login;              ///< Mailpit's Username: the SMTP AUTH login, "" if none
  std::vector<std::string> tags;  ///< sorted by name, ASCII case ignored
  std::uint64_t size = 0;
  std::int64_t attachments = 0;
  std::int64_t inlines = 0;
  std::string snippet;
};

/// Every message, and those not read yet.
struct mailbox_counts {
  std::int64_t total = 0;
  std::int64_t unread = 0;
};

/// One page of a search: how many messages match (and how many of those are
/// unread) before paging, and the page itself, newest first.
struct mailbox_page {
  mailbox_counts matched;
  std::vector<mailbox_summary> messages;
};

}  // namespace exomock::store
