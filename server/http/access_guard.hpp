// Who may use the API: when a bearer token or a Basic-auth login is set, every
// request must carry one of them (Mailpit's --ui-auth form, or
// `Authorization: Bearer TOKEN`). Neither is ever written to a response or a log.
#pragma once

#include <optional>
#include <string>

#include "http/http_message.hpp"

namespace exomock::http {

struct access_settings {
  std::string bearer_token;  ///< "" when none
  std::string basic_user;    ///< "" when no Basic login
  std::string basic_password;

  [[nodiscard]] bool required() const { return !bearer_token.empty() || !basic_user.empty(); }
};

/// nullopt when `r` may pass; otherwise the 401 to send, with the challenges.
[[nodiscard]] std::optional<response> refuse_unauthorized(const request& r,
                                                          const access_settings& settings);

/// The decoded "USER:PASSWORD" of an `Authorization: Basic` header, if any.
[[nodiscard]] std::optional<std::string> basic_pair(const request& r);

/// The login a request authenticated with Basic auth as ("" when none): the
/// Username Mailpit records for messages sent through its API.
[[nodiscard]] std::string basic_login(const request& r);

}  // namespace exomock::http
