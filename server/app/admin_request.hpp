// What `exomock admin` sends for each admin API operation (docs/admin-api.md):
// the table of subcommands, their arguments and options (the JSON field names
// in kebab case), and the request built from what was given. Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/http_client.hpp"

namespace exomock::app {

/// How an option's text becomes JSON. The server validates every value (one rule
/// set): a text that is not the JSON the field wants goes as a string, and the
/// server's 400 says what it takes.
enum class value_kind : std::uint8_t {
  literal,  ///< true, false, null as JSON literals; any other text as a string
  text,     ///< always a JSON string
  list,     ///< comma-separated strings as a JSON array ("" is [])
  query,    ///< a query parameter, not a body field
  object,   ///< a JSON object whose keys join the body (create-tenant --json); other text
            ///< is sent as the body, for the server to refuse with its own words
};

struct admin_option {
  std::string_view flag;   ///< "--smtp-client-authentication-disabled"
  std::string_view field;  ///< "SmtpClientAuthenticationDisabled"; "a.b" nests b in a
  value_kind kind = value_kind::literal;
  std::string_view help;
};

struct admin_operation {
  std::string_view name;  ///< the subcommand: "set-cas-mailbox"
  std::string_view help;
  std::string_view method;  ///< with no body field given, "POST" becomes "GET" when get_when_empty
  /// "/api/v1/admin/cas-mailbox/{}": each {} takes the next argument, percent-encoded;
  /// a trailing "/{}" whose optional argument is missing is left out.
  std::string_view path;
  std::vector<std::string_view> arguments;  ///< "ADDRESS"; "[NAME]" is optional
  std::vector<admin_option> options;
  bool get_when_empty = false;  ///< clock: GET shows it, POST moves it
};

/// Every operation of the admin API, in the order of docs/admin-api.md.
[[nodiscard]] const std::vector<admin_operation>& admin_operations();

/// An option given on the command line and its text.
using given_option = std::pair<const admin_option*, std::string>;

/// The request for `op` with its positional arguments and the options given
/// (only those fields are in the body).
[[nodiscard]] http_call admin_call(const admin_operation& op,
                                   const std::vector<std::string>& arguments,
                                   const std::vector<given_option>& options);

/// `text` percent-encoded as one path segment or query value (all but
/// ALPHA DIGIT - . _ ~ @).
[[nodiscard]] std::string encode_component(std::string_view text);

/// The message of an error answer: the `Error` or `message` of a JSON object,
/// else the body, without trailing white space.
[[nodiscard]] std::string answer_message(const http_answer& answer);

}  // namespace exomock::app
