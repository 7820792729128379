// parse() and part(): GMime reads the message, part_tree.cpp sorts its parts
// as enmime does, and the fields are filled the way Mailpit's storage does
// (internal/storage/messages.go Store and GetMessage).
#include <glib.h>

#include <algorithm>
#include <cstdio>

#include "mime/gmime_handle.hpp"
#include "mime/html_text.hpp"
#include "mime/list_unsubscribe.hpp"
#include "mime/message_view.hpp"
#include "mime/part_tree.hpp"
#include "mime/search_text.hpp"
#include "mime/tags.hpp"

namespace exomock::mime {

namespace {

using detail::gobject_ptr;
using detail::mime_node;

// Header values as enmime's GetHeader gives them: the first one, unfolded, decoded.
struct header_reader {
  GMimeHeaderList* message;
  GMimeHeaderList* top_part;

  [[nodiscard]] std::optional<std::string> raw(const char* name) const {
    auto v = detail::first_raw_header(message, name);
    return v ? v : detail::first_raw_header(top_part, name);
  }
  [[nodiscard]] std::string decoded(const char* name) const {
    return valid_utf8(detail::decode_header_text(raw(name).value_or("")));
  }
};

std::string trim_angles(const std::string& v) {
  const auto first = v.find_first_not_of("<>");
  if (first == std::string::npos) {
    return {};
  }
  return v.substr(first, v.find_last_not_of("<>") - first + 1);
}

void add_addresses(InternetAddressList* list, std::vector<address>& out) {
  const int n = list == nullptr ? 0 : internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(a)) {
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out);
    } else if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
      const char* name = internet_address_get_name(a);
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
      out.push_back(
          {valid_utf8(name == nullptr ? "" : name), valid_utf8(addr == nullptr ? "" : addr)});
    }
  }
}

std::vector<address> addresses_of(const header_reader& h, const char* name) {
  std::vector<address> out;
  const auto raw = h.raw(name);
  if (!raw || raw->empty()) {
    return out;
  }
  const gobject_ptr<InternetAddressList> list(internet_address_list_parse(nullptr, raw->c_str()));
  add_addresses(list.get(), out);
  return out;
}

// RFC 3339 as Go writes a time.Time: the header's own offset, "Z" for zero.
std::optional<std::string> rfc3339(GDateTime* t) {
  if (t == nullptr) {
    return std::nullopt;
  }
  std::string out = detail::take_string(g_date_time_format(t, "%Y-%m-%dT%H:%M:%S"));
  const auto offset = static_cast<long long>(g_date_time_get_utc_offset(t) / G_TIME_SPAN_SECOND);
  if (offset == 0) {
    return out + "Z";
  }
  const long long minutes = (offset < 0 ? -offset : offset) / 60;
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02lld:%02lld", offset < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return out + zone;
}

part_summary summary_of(const mime_node& n) {
  part_summary s;
  s.part_id = n.part_id;
  s.file_name = n.file_name.empty() ? n.content_id : n.file_name;
  s.content_type = n.content_type;
  s.content_id = n.content_id;
  s.size = n.content.size();
  const auto hex = [&](GChecksumType type) {
    return detail::take_string(g_compute_checksum_for_data(
        type, reinterpret_cast<const guchar*>(n.content.data()), n.content.size()));
  };
  s.md5 = hex(G_CHECKSUM_MD5);
  s.sha1 = hex(G_CHECKSUM_SHA1);
  s.sha256 = hex(G_CHECKSUM_SHA256);
  s.file_name = valid_utf8(s.file_name);
  s.content_id = valid_utf8(s.content_id);
  return s;
}

// Mailpit lists only the parts that have a file name or a Content-ID.
void add_named(const std::vector<const mime_node*>& parts, std::vector<part_summary>& out) {
  for (const mime_node* n : parts) {
    if (!n->file_name.empty() || !n->content_id.empty()) {
      out.push_back(summary_of(*n));
    }
  }
}

bool named(const std::vector<address>& list, const std::string& mailbox) {
  return std::any_of(list.begin(), list.end(), [&](const address& a) {
    return g_ascii_strcasecmp(a.address.c_str(), mailbox.c_str()) == 0;
  });
}

// Mailpit's SaveToDatabase: Return-Path becomes MAIL FROM, and the recipients no
// To, Cc or Bcc header names are added to Bcc. Returns the Bcc header text then.
std::string apply_envelope(const envelope& smtp, message_view& m, std::string bcc_header) {
  if (!smtp.mail_from.empty()) {
    m.return_path = smtp.mail_from;
  }
  std::string missing;
  for (const std::string& r : smtp.rcpt_to) {
    if (!named(m.to, r) && !named(m.cc, r) && !named(m.bcc, r)) {
      m.bcc.push_back({"", r});
      missing += (missing.empty() ? "" : ", ") + r;
    }
  }
  if (!missing.empty()) {
    bcc_header = bcc_header.empty() ? missing : bcc_header + ", " + missing;
  }
  return bcc_header;
}

// The bodies and parts of ROOT into M; returns the attachments' file names, which
// end Mailpit's search text.
std::string fill_bodies(const mime_node& root, message_view& m) {
  const detail::part_lists lists = detail::sort_parts(root);
  m.text = valid_utf8(lists.text);
  m.html = valid_utf8(lists.html);
  if (m.text.empty() && !m.html.empty()) {
    m.text = html_to_text(m.html);  // enmime down-converts an HTML-only message
  }
  add_named(lists.inlines, m.inlines);
  add_named(lists.others, m.inlines);
  add_named(lists.attachments, m.attachments);
  m.inline_count = lists.inlines.size();
  m.attachment_count = lists.attachments.size();
  std::string names;
  for (const mime_node* a : lists.attachments) {
    names += a->file_name + " ";
  }
  return names;
}

// A message GMime cannot read: only a Subject line, if the bytes have one.
message_view unparsed(std::string_view raw) {
  message_view m;
  const std::size_t end_of_headers = std::min(raw.find("\n\n"), raw.find("\r\n\r\n"));
  const std::string_view head = raw.substr(0, end_of_headers);
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t eol = head.find('\n', at);
    const std::string_view line = head.substr(at, eol == std::string_view::npos ? eol : eol - at);
    if (line.size() >= 8 && g_ascii_strncasecmp(line.data(), "subject:", 8) == 0) {
      m.subject = valid_utf8(detail::unfold(line.substr(8)));
      break;
    }
    at = eol == std::string_view::npos ? head.size() : eol + 1;
  }
  return m;
}

}  // namespace

message_view parse(std::string_view raw, const envelope* smtp) {
  const gobject_ptr<GMimeMessage> message = detail::parse_message(raw);
  if (!message) {
    return unparsed(raw);
  }
  GMimeObject* top = g_mime_message_get_mime_part(message.get());
  const header_reader h{g_mime_object_get_header_list(GMIME_OBJECT(message.get())),
                        top == nullptr ? nullptr : g_mime_object_get_header_list(top)};
  message_view m;
  m.parsed = true;
  m.message_id = trim_angles(h.decoded("Message-ID"));
  m.subject = h.decoded("Subject");
  const auto from = addresses_of(h, "From");
  if (!from.empty()) {
    m.from = from.front();
  } else {
    m.from.name = h.decoded("From");  // Mailpit keeps an unreadable From as a name
  }
  m.to = addresses_of(h, "To");
  m.cc = addresses_of(h, "Cc");
  m.bcc = addresses_of(h, "Bcc");
  m.reply_to = addresses_of(h, "Reply-To");
  m.return_path = trim_angles(h.decoded("Return-Path"));
  std::string bcc_header = h.decoded("Bcc");
  std::string return_path_header = h.decoded("Return-Path");
  if (smtp != nullptr) {
    bcc_header = apply_envelope(*smtp, m, bcc_header);
    if (!smtp->mail_from.empty()) {
      return_path_header = "<" + smtp->mail_from + ">";
    }
  }
  if (m.return_path.empty()) {
    m.return_path = m.from.address;
  }
  if (h.raw("Date")) {
    m.date = rfc3339(g_mime_message_get_date(message.get()));
  }
  const mime_node root = detail::build_tree(message.get());
  const std::string file_names = fill_bodies(root, m);
  m.unsubscribe =
      read_list_unsubscribe(h.decoded("List-Unsubscribe"), h.decoded("List-Unsubscribe-Post"));
  m.tags = auto_tags(h.decoded("X-Tags"), m);
  m.snippet = snippet(m.text, m.html);
  // Mailpit's createSearchText: these header values, the body, the file names.
  const std::string html_text = strip_html(m.html, true);
  m.search_text = clean_string(h.decoded("From") + " " + m.subject + " " + h.decoded("To") + " " +
                               h.decoded("Cc") + " " + bcc_header + " " + h.decoded("Reply-To") +
                               " " + return_path_header + " " +
                               (html_text.empty() ? m.text : html_text) + " " + file_names);
  return m;
}

std::optional<part_content> part(std::string_view raw, std::string_view part_id) {
  const gobject_ptr<GMimeMessage> message = detail::parse_message(raw);
  if (!message) {
    return std::nullopt;
  }
  const mime_node root = detail::build_tree(message.get());
  const detail::part_lists lists = detail::sort_parts(root);
  for (const auto* list : {&lists.inlines, &lists.others, &lists.attachments}) {
    for (const mime_node* n : *list) {
      if (n->part_id == part_id) {
        return part_content{n->content, n->content_type,
                            n->file_name.empty() ? n->content_id : n->file_name};
      }
    }
  }
  return std::nullopt;
}

}  // namespace exomock::mime
