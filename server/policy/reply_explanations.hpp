// What each reply of the catalogue means to the admin who reads it in a device's log:
// the causes in the order Exchange checks them, the admin's fix and the case that
// reproduces it. One row per reply_id, in the catalogue's order (a static_assert in the
// .cpp), so a new reply cannot ship without its explanation.
#pragma once

#include <cstdint>
#include <string_view>

#include "policy/reply_catalogue.hpp"

namespace exomock::policy {

/// Where in a session Exchange gives the reply.
enum class reply_stage : std::uint8_t {
  connection,  ///< connect, EHLO, STARTTLS, the TLS version
  auth,        ///< the AUTH pipeline (auth_check_steps)
  envelope,    ///< MAIL and RCPT
  message,     ///< DATA or BDAT and the end of the message
  mx,          ///< the tenant's MX endpoint (Direct Send, connectors)
  command,     ///< grammar, sequence and session commands
};

struct reply_explanation {
  /// One sentence: what the reply says happened.
  std::string_view meaning;
  /// Possible causes, one per line ('\n'), the likeliest first.
  std::string_view causes;
  /// The admin's fix, one step per line: admin-center path and label, or the cmdlet.
  std::string_view fix;
  /// Bits of auth_check_steps() (auth_checks.hpp) that can give this reply (auth stage only).
  std::uint16_t auth_steps;
  /// The scenarios/cases names that reproduce it, space separated ("" for none).
  std::string_view cases;
  reply_stage stage;
};

/// The explanation of `id`.
[[nodiscard]] const reply_explanation& explanation(reply_id id);

/// "connection", "auth", ...
[[nodiscard]] std::string_view stage_name(reply_stage stage);

/// Whether the reply is a refusal or a failure (4xx or 5xx).
[[nodiscard]] bool is_failure(reply_id id);

}  // namespace exomock::policy
