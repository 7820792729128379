// What Mailpit shows of a message, read from its RFC 5322 bytes by GMime: the
// fields of Mailpit's Message and MessageSummary (mailpit-api.md sections 1.1 and
// 1.6), the auto-tags (1.9), the snippet and the text plain-word search runs on
// (section 2). Pure functions: bytes in, values out; no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::mime {

/// Go's net/mail.Address: a name ("" when none) and an address.
struct address {
  std::string name;
  std::string address;
  bool operator==(const mime::address&) const = default;
};

/// Mailpit's Attachment: one inline or attached part.
struct part_summary {
  std::string part_id;            ///< enmime's: "1", "1.2", ...
  std::string file_name;          ///< the file name, else the Content-ID
  std::string content_type;       ///< media type only: "image/png"
  std::string content_id;         ///< without <>
  std::uint64_t size = 0;         ///< of the decoded content
  std::string md5, sha1, sha256;  ///< lowercase hex of the decoded content
};

/// Mailpit's ListUnsubscribe.
struct list_unsubscribe {
  std::string header;  ///< the List-Unsubscribe header, "" when none
  std::vector<std::string> links;
  std::string errors;       ///< what is wrong with the header, "" when nothing
  std::string header_post;  ///< List-Unsubscribe-Post
};

/// The SMTP envelope, for what Mailpit's store adds to a message (it sets
/// Return-Path to MAIL FROM and lists in Bcc the recipients no header names).
struct envelope {
  std::string mail_from;
  std::vector<std::string> rcpt_to;
};

struct message_view {
  bool parsed = false;     ///< false when GMime found no message: only `subject` may be set
  std::string message_id;  ///< without <>
  address from;            ///< {"",""} when none
  std::vector<address> to, cc, bcc, reply_to;
  std::string return_path;  ///< without <>; the From address when there is none
  std::string subject;
  std::optional<std::string> date;  ///< RFC 3339 with the header's offset; none without a Date
  std::string text;                 ///< the text body (multipart/mixed: parts joined by "\n--\n")
  std::string html;
  std::vector<part_summary> inlines;      ///< Mailpit's Inline: inline and other parts
  std::vector<part_summary> attachments;  ///< Mailpit's Attachments
  std::size_t inline_count = 0;           ///< enmime's Inlines, as Mailpit counts for has:inline
  std::size_t attachment_count = 0;       ///< enmime's Attachments, MessageSummary.Attachments
  list_unsubscribe unsubscribe;
  std::vector<std::string> tags;  ///< X-Tags and plus-address tags, cleaned, unique, sorted
  std::string snippet;
  std::string search_text;
};

/// Reads RAW. With ENVELOPE, applies what Mailpit's store does on arrival (see
/// `envelope`). Never throws on malformed input.
[[nodiscard]] message_view parse(std::string_view raw, const envelope* smtp = nullptr);

/// One part's decoded bytes, as GET /api/v1/message/{ID}/part/{PartID} serves them.
struct part_content {
  std::string content;
  std::string content_type;  ///< media type only
  std::string file_name;     ///< the file name, else the Content-ID
};

/// The inline, other or attached part PART_ID of RAW; nullopt when there is none.
[[nodiscard]] std::optional<part_content> part(std::string_view raw, std::string_view part_id);

/// Mailpit's /headers map: Go's canonical keys ("Message-Id", "Mime-Version"),
/// sorted; each header's values in file order, unfolded, not decoded. nullopt
/// when RAW holds no message.
using header_map = std::vector<std::pair<std::string, std::vector<std::string>>>;
[[nodiscard]] std::optional<header_map> headers(std::string_view raw);

/// Go's textproto.CanonicalMIMEHeaderKey: "message-ID" -> "Message-Id"; a key
/// with a byte outside the token set comes back unchanged.
[[nodiscard]] std::string canonical_header_key(std::string_view key);

}  // namespace exomock::mime
