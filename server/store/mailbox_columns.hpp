// The columns of Mailpit's mailbox view (schema step 6) for one message, made
// from mime::parse of its raw bytes and SMTP envelope when it is indexed:
// addresses as Mailpit's {"Name","Address"} JSON, and the auto-tags to link.
// Internal to store/.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace exomock::store {

struct captured_message;

struct mailbox_columns {
  std::string subject;
  std::string from_json, to_json, cc_json, bcc_json, reply_to_json;
  std::string message_id;  ///< without <>: the header's, else the one the 250 reported
  std::string date;        ///< RFC 3339, or "" without a readable Date
  std::string search_text;
  std::string snippet;
  std::int64_t attachments = 0;
  std::int64_t inlines = 0;
  std::vector<std::string> tags;
};

/// Reads RAW as Mailpit's store would have on arrival by SMTP (MAIL FROM and RCPT TO).
mailbox_columns mailbox_columns_of(const std::string& raw, const std::string& mail_from,
                                   const std::vector<std::string>& rcpt_to,
                                   const std::string& smtp_message_id);

/// Binds the twelve columns, subject to inlines in declaration order, from FIRST on.
/// The strings are bound SQLITE_STATIC: `c` must outlive the step.
void bind_mailbox_columns(sqlite3_stmt* s, int first, const mailbox_columns& c);

}  // namespace exomock::store
