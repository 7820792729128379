// A small blocking HTTP/1.1 client for the commands that talk to a running
// `serve` (token, admin): one request per connection, http:// or https:// (the
// certificate checked against --ca-file or the system store, and the host name).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::app {

/// Where a running server's HTTP API is: scheme, host, port and a path prefix.
struct server_url {
  bool tls = false;
  std::string host;         ///< as the URL spells it (an IPv6 address without brackets)
  std::string port;         ///< the URL's, else 80 or 443
  std::string host_header;  ///< host[:port] for the Host header
  std::string prefix;       ///< the URL's path without a trailing '/' ("" for none)

  /// scheme://host:port, for messages (never user information).
  [[nodiscard]] std::string origin() const;
};

/// The URL as a server_url; nullopt and a sentence in `error` for anything but
/// http(s)://HOST[:PORT][/PREFIX] (user information is refused, unechoed).
[[nodiscard]] std::optional<server_url> parse_server_url(std::string_view text, std::string& error);

/// How to reach the API: what `serve --http-token` / `--http-auth` require, and the
/// CA file that signed the https listener's certificate ("" : the system store).
struct client_access {
  std::string bearer_token;  ///< sent as Authorization: Bearer
  std::string basic_auth;    ///< USER:PASSWORD, sent as Authorization: Basic
  std::string ca_file;
};

struct http_call {
  std::string method;  ///< "GET", "PATCH", "POST"
  std::string target;  ///< the path and query, already percent-encoded
  std::string body;    ///< sent as application/json when not empty
};

struct http_answer {
  int status = 0;
  std::string reason;        ///< "Not Found"
  std::string content_type;  ///< "" when the server sent none
  std::string body;
};

/// Sends `call` to `server` (its prefix before the target); nullopt and a sentence
/// in `error` when the server cannot be reached or the exchange breaks off. No
/// secret of `access` is ever put in `error`.
[[nodiscard]] std::optional<http_answer> send_http(const server_url& server,
                                                   const client_access& access,
                                                   const http_call& call, std::string& error);

}  // namespace exomock::app
