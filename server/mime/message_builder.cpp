// build(): Mailpit's Send handler (server/apiv1/send.go) and the headers its
// SaveToDatabase adds, with enmime's layout built in GMime:
//   multipart/mixed{ multipart/related{ multipart/alternative{ text, html }, inlines }, attachments
//   }
// each level only when needed. The checks run in Mailpit's order, so the first
// error is the one Mailpit reports.
#include <algorithm>
#include <iterator>

#include "mime/gmime_handle.hpp"
#include "mime/send_request.hpp"

namespace exomock::mime {

namespace {

using detail::gobject_ptr;

// Go's mail.ParseAddress accepts exactly one mailbox with a domain.
bool one_mailbox(const std::string& text) {
  const gobject_ptr<InternetAddressList> list(internet_address_list_parse(nullptr, text.c_str()));
  if (!list || internet_address_list_length(list.get()) != 1) {
    return false;
  }
  InternetAddress* a = internet_address_list_get_address(list.get(), 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(a)) {
    return false;
  }
  const std::string addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  const std::size_t at = addr.rfind('@');
  return at != std::string::npos && at > 0 && at + 1 < addr.size() &&
         addr.find_first_of(" \t\r\n") == std::string::npos;
}

bool check_list(const std::vector<send_address>& list, const char* field, std::string& error) {
  for (const send_address& a : list) {
    if (!one_mailbox(a.email)) {
      error = std::string("invalid ") + field + " address: " + a.email;
      return false;
    }
  }
  return true;
}

void add_addresses(GMimeMessage* m, GMimeAddressType type, const std::vector<send_address>& list) {
  for (const send_address& a : list) {
    g_mime_message_add_mailbox(m, type, a.name.c_str(), a.email.c_str());
  }
}

gobject_ptr<GMimeObject> leaf(const std::string& content_type, const std::string& bytes,
                              GMimeContentEncoding encoding) {
  const gobject_ptr<GMimeContentType> type(
      g_mime_content_type_parse(nullptr, content_type.c_str()));
  gobject_ptr<GMimePart> part(
      g_mime_part_new_with_type(g_mime_content_type_get_media_type(type.get()),
                                g_mime_content_type_get_media_subtype(type.get())));
  g_mime_object_set_content_type(GMIME_OBJECT(part.get()), type.get());
  const gobject_ptr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  const gobject_ptr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part.get(), content.get());
  g_mime_part_set_content_encoding(
      part.get(),
      encoding != GMIME_CONTENT_ENCODING_DEFAULT
          ? encoding
          : g_mime_part_get_best_content_encoding(part.get(), GMIME_ENCODING_CONSTRAINT_7BIT));
  return gobject_ptr<GMimeObject>(GMIME_OBJECT(part.release()));
}

// PARTS as the children of a new multipart/SUBTYPE.
gobject_ptr<GMimeObject> wrap(const char* subtype,
                              const std::vector<gobject_ptr<GMimeObject>>& parts) {
  gobject_ptr<GMimeMultipart> multipart(g_mime_multipart_new_with_subtype(subtype));
  for (const auto& p : parts) {
    g_mime_multipart_add(multipart.get(), p.get());
  }
  return gobject_ptr<GMimeObject>(GMIME_OBJECT(multipart.release()));
}

struct decoded_attachment {
  std::string bytes;
  std::string content_type;
  const send_attachment* request = nullptr;
};

bool decode_attachments(const send_request& r, std::vector<decoded_attachment>& out,
                        std::string& error) {
  for (const send_attachment& a : r.attachments) {
    // A JavaScript data: URL ("data:image/png;base64,....") keeps only what follows the last comma.
    const std::size_t comma = a.content.rfind(',');
    const std::string_view base64 = comma == std::string::npos
                                        ? std::string_view(a.content)
                                        : std::string_view(a.content).substr(comma + 1);
    std::string why;
    auto bytes = decode_base64(base64, why);
    if (!bytes) {
      error = "error decoding base64 attachment \"" + a.file_name + "\": " + why;
      return false;
    }
    std::string type = a.content_type.empty() ? detect_content_type(*bytes) : a.content_type;
    out.push_back({std::move(*bytes), std::move(type), &a});
  }
  return true;
}

gobject_ptr<GMimeObject> attachment_part(const decoded_attachment& a, const char* disposition) {
  gobject_ptr<GMimeObject> part = leaf(a.content_type, a.bytes, GMIME_CONTENT_ENCODING_BASE64);
  const gobject_ptr<GMimeContentDisposition> d(g_mime_content_disposition_new());
  g_mime_content_disposition_set_disposition(d.get(), disposition);
  g_mime_object_set_content_disposition(part.get(), d.get());
  if (!a.request->file_name.empty()) {
    g_mime_part_set_filename(GMIME_PART(part.get()), a.request->file_name.c_str());
  }
  if (!a.request->content_id.empty()) {
    g_mime_part_set_content_id(GMIME_PART(part.get()), a.request->content_id.c_str());
  }
  return part;
}

gobject_ptr<GMimeObject> body(const send_request& r, const std::vector<decoded_attachment>& files) {
  // Mailpit always passes a text body (maybe empty) to enmime, so there is always a text part.
  gobject_ptr<GMimeObject> root =
      leaf("text/plain; charset=utf-8", r.text, GMIME_CONTENT_ENCODING_DEFAULT);
  if (!r.html.empty()) {
    std::vector<gobject_ptr<GMimeObject>> both;
    both.push_back(std::move(root));
    both.push_back(leaf("text/html; charset=utf-8", r.html, GMIME_CONTENT_ENCODING_DEFAULT));
    root = wrap("alternative", both);
  }
  for (const bool inline_parts : {true, false}) {
    std::vector<gobject_ptr<GMimeObject>> parts;
    for (const decoded_attachment& a : files) {
      if (a.request->content_id.empty() != inline_parts) {
        parts.push_back(attachment_part(a, inline_parts ? "inline" : "attachment"));
      }
    }
    if (!parts.empty()) {
      parts.insert(parts.begin(), std::move(root));
      root = wrap(inline_parts ? "related" : "mixed", parts);
    }
  }
  return root;
}

bool check_headers(const send_request& r, std::string& error) {
  std::vector<std::string> restricted = {
      "To", "From", "Cc", "Bcc", "Reply-To", "Date", "Subject", "Content-Type", "Mime-Version"};
  if (!r.tags.empty()) {
    restricted.emplace_back("X-Tags");
  }
  for (const auto& header : r.headers) {
    const std::string& name = header.first;
    const bool taken = std::any_of(restricted.begin(), restricted.end(), [&](const std::string& h) {
      return g_ascii_strcasecmp(h.c_str(), name.c_str()) == 0;
    });
    if (taken) {
      error = "cannot overwrite header: \"" + name + "\"";
      return false;
    }
  }
  return true;
}

bool validate(const send_request& r, std::string& error) {
  if (!check_list(r.to, "To", error) || !check_list(r.cc, "Cc", error)) {
    return false;
  }
  for (const std::string& b : r.bcc) {
    if (!one_mailbox(b)) {
      error = "invalid Bcc address: " + b;
      return false;
    }
  }
  return check_list(r.reply_to, "Reply-To", error) && check_headers(r, error);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) {
    out += (out.empty() ? "" : separator) + s;
  }
  return out;
}

std::string serialize(GMimeMessage* m) {
  const gobject_ptr<GMimeStream> memory(g_mime_stream_mem_new());
  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  g_mime_object_write_to_stream(GMIME_OBJECT(m), options, memory.get());
  g_mime_format_options_free(options);
  return detail::stream_contents(memory.get());
}

}  // namespace

std::optional<built_message> build(const send_request& r, const send_stamp& stamp,
                                   std::string& error) {
  detail::ensure_gmime();
  std::vector<decoded_attachment> files;
  if (!validate(r, error) || !decode_attachments(r, files, error)) {
    return std::nullopt;
  }
  if (r.from.email.empty()) {
    error = "error building message: from not set";
    return std::nullopt;
  }
  if (r.to.empty() && r.cc.empty() && r.bcc.empty()) {
    error = "error building message: no recipients (to, cc, bcc) set";
    return std::nullopt;
  }
  built_message out;
  out.mail_from = r.from.email;
  for (const auto* list : {&r.to, &r.cc}) {
    for (const send_address& a : *list) {
      out.recipients.push_back(a.email);
    }
  }
  out.recipients.insert(out.recipients.end(), r.bcc.begin(), r.bcc.end());

  const gobject_ptr<GMimeMessage> m(g_mime_message_new(TRUE));
  GMimeObject* object = GMIME_OBJECT(m.get());
  // What SaveToDatabase adds: Return-Path = MAIL FROM, and the Message-ID.
  g_mime_object_set_header(object, "Return-Path", ("<" + r.from.email + ">").c_str(), nullptr);
  g_mime_message_set_message_id(m.get(), stamp.message_id.c_str());
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(stamp.date.time_since_epoch());
  GDateTime* date = g_date_time_new_from_unix_utc(seconds.count());
  g_mime_message_set_date(m.get(), date);
  g_date_time_unref(date);
  g_mime_message_add_mailbox(m.get(), GMIME_ADDRESS_TYPE_FROM, r.from.name.c_str(),
                             r.from.email.c_str());
  add_addresses(m.get(), GMIME_ADDRESS_TYPE_TO, r.to);
  add_addresses(m.get(), GMIME_ADDRESS_TYPE_CC, r.cc);
  add_addresses(m.get(), GMIME_ADDRESS_TYPE_REPLY_TO, r.reply_to);
  g_mime_message_set_subject(m.get(), r.subject.c_str(), "utf-8");
  g_mime_object_set_header(object, "MIME-Version", "1.0", nullptr);
  if (!r.tags.empty()) {
    g_mime_object_append_header(object, "X-Tags", joined(r.tags, ", ").c_str(), "utf-8");
  }
  for (const auto& [name, value] : r.headers) {
    g_mime_object_append_header(object, name.c_str(), value.c_str(), "utf-8");
  }
  // Mailpit lists in a Bcc header the recipients no To or Cc header names.
  std::vector<std::string> unnamed;
  std::copy_if(r.bcc.begin(), r.bcc.end(), std::back_inserter(unnamed), [&](const std::string& b) {
    const auto same = [&](const send_address& a) {
      return g_ascii_strcasecmp(a.email.c_str(), b.c_str()) == 0;
    };
    return std::none_of(r.to.begin(), r.to.end(), same) &&
           std::none_of(r.cc.begin(), r.cc.end(), same);
  });
  if (!unnamed.empty()) {
    g_mime_object_append_header(object, "Bcc", joined(unnamed, ", ").c_str(), nullptr);
  }
  const gobject_ptr<GMimeObject> root = body(r, files);
  g_mime_message_set_mime_part(m.get(), root.get());
  out.raw = serialize(m.get());
  return out;
}

}  // namespace exomock::mime
