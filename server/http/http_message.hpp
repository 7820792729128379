// A parsed HTTP request and the response a route gives, as plain values: the
// routes never see a socket, so each is tested by building a request by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exomock::http {

struct header_field {
  std::string name;
  std::string value;
};

struct request {
  std::string method;                                      ///< "GET", "PUT", ...
  std::string path;                                        ///< percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in request order
  std::vector<header_field> headers;
  std::string body;
  std::vector<std::string> captures;  ///< the router's {name} segments, in pattern order
  std::string route;      ///< the pattern the path matched, "" when none (metrics label it so)
  std::string client_ip;  ///< the peer's address, textual
  bool secure = false;    ///< came over TLS (an https listener)

  /// The first query parameter of that name, if any.
  [[nodiscard]] std::optional<std::string_view> parameter(std::string_view name) const;
  /// The first header of that name (compared without regard to ASCII case).
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

/// Builds a request from a target such as "/api/v1/search?query=a%20b"; false
/// when the target is not an origin-form URL.
[[nodiscard]] bool parse_target(std::string_view target, request& into);

struct response {
  int status = 200;
  std::string content_type;  ///< "" sends none
  std::vector<header_field> headers;
  std::string body;
};

/// Mailpit's plain-text replies: "ok", "404 page not found" and the like.
[[nodiscard]] response text(int status, std::string body, std::string content_type = "text/plain");
/// A JSON body as Go's encoder writes it (one line, ending in a newline).
[[nodiscard]] response json(int status, const std::string& serialized);

}  // namespace exomock::http
