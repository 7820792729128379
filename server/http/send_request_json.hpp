// The body of POST /api/v1/send read as Go's encoding/json reads it into
// Mailpit's struct: key names match without regard to case (the last match
// wins), unknown keys are ignored, null and missing keys leave the zero value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mime/send_request.hpp"

namespace exomock::http {

/// The request, or nullopt and `error` in Go's words ("EOF", "json: cannot
/// unmarshal number into Go struct field .Subject of type string", ...).
[[nodiscard]] std::optional<mime::send_request> read_send_request(std::string_view body,
                                                                  std::string& error);

}  // namespace exomock::http
