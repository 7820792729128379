// The command grammar of RFC 5321 section 4.1 and its extensions: the verb,
// MAIL/RCPT paths and parameters, BDAT (RFC 3030) and AUTH (RFC 4954) arguments.
// Pure functions over one command line (already framed, without CRLF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "smtp/session_facts.hpp"
#include "smtp/session_handler.hpp"

namespace exomock::smtp {

enum class command {
  ehlo,
  helo,
  starttls,
  auth,
  mail,
  rcpt,
  data,
  bdat,
  rset,
  noop,
  quit,
  vrfy,
  expn,
  help
};
inline constexpr std::size_t command_count = 14;

/// "EHLO", "MAIL", ...
[[nodiscard]] std::string_view verb_name(command c);

/// A command line cut at its first space (RFC 5321 section 4.1.1: verb SP argument).
struct command_line {
  std::optional<command> verb;  ///< nullopt when the first word is no known verb
  std::string_view word;        ///< the first word as received
  std::string_view argument;    ///< everything after the first space
};
[[nodiscard]] command_line split_command(std::string_view line);

/// True when `line` holds control octets (below 0x20 except HT, or 0x7F) or is
/// not valid UTF-8: such a line is binary, e.g. a TLS ClientHello on a plaintext port.
[[nodiscard]] bool is_binary(std::string_view line);

/// `line` with leading and trailing SP/HT removed.
[[nodiscard]] std::string_view trim(std::string_view line);

/// Why a command's arguments were refused, and the detail for session_handler::refuse.
struct parse_failure {
  protocol_error error;
  std::string detail;
};

struct mail_command {
  std::string reverse_path;  ///< "" for the null path <>
  mail_parameters parameters;
};

/// "FROM:<path> [params]" (RFC 5321 section 4.1.1.2, 4.1.2). SIZE= digits too large
/// for 64 bits saturate, so they are refused as above the maximum, not as syntax.
[[nodiscard]] std::optional<parse_failure> parse_mail(std::string_view argument, mail_command& out);

/// "TO:<path> [NOTIFY= ORCPT=]" (RFC 5321 section 4.1.1.3, RFC 3461 section 4).
[[nodiscard]] std::optional<parse_failure> parse_rcpt(std::string_view argument, recipient& out);

/// "chunk-size [SP LAST]" (RFC 3030 section 2).
struct bdat_command {
  std::uint64_t size = 0;
  bool last = false;
};
[[nodiscard]] std::optional<bdat_command> parse_bdat(std::string_view argument);

/// "mechanism [SP initial-response]" (RFC 4954 section 4).
struct auth_command {
  std::string_view mechanism;
  std::optional<std::string_view> initial_response;
};
[[nodiscard]] std::optional<auth_command> parse_auth(std::string_view argument);

}  // namespace exomock::smtp
