// Mailpit's POST /api/v1/send (mailpit-api.md section 1.8): the request, and
// the message Mailpit would store for it, built with GMime.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace exomock::mime {

struct send_address {
  std::string name;
  std::string email;
};

struct send_attachment {
  std::string content;  ///< base64, optionally after a "data:...;base64," prefix
  std::string file_name;
  std::string content_type;  ///< "" to detect it from the content
  std::string content_id;    ///< set: an inline part
};

struct send_request {
  send_address from;
  std::vector<send_address> to, cc;
  std::vector<std::string> bcc;  ///< plain addresses, as Mailpit takes them
  std::vector<send_address> reply_to;
  std::string subject, text, html;
  std::vector<send_attachment> attachments;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> headers;  ///< in request order
};

/// What the caller decides, so that build() stays a pure function.
struct send_stamp {
  std::chrono::system_clock::time_point date;
  std::string message_id;  ///< without <>
};

struct built_message {
  std::string raw;  ///< CRLF lines, with the Return-Path, Message-ID and Bcc Mailpit adds
  std::string mail_from;
  std::vector<std::string> recipients;  ///< To, Cc and Bcc, in that order
};

/// The message for REQUEST, or nullopt with `error` set to Mailpit's words
/// ("invalid To address: x", "cannot overwrite header: \"Subject\"", ...).
[[nodiscard]] std::optional<built_message> build(const send_request& request,
                                                 const send_stamp& stamp, std::string& error);

/// Go's http.DetectContentType for the common kinds: "image/png",
/// "text/plain; charset=utf-8", "application/octet-stream", ...
[[nodiscard]] std::string detect_content_type(std::string_view data);

/// Go's base64.StdEncoding.DecodeString: nullopt and `error` in Go's words
/// ("illegal base64 data at input byte 4") when TEXT is not base64.
[[nodiscard]] std::optional<std::string> decode_base64(std::string_view text, std::string& error);

}  // namespace exomock::mime
