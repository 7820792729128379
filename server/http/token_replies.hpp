// The token endpoint's JSON replies as Entra ID v2.0 writes them
// (graph-entra-exo.md sections 2.3 and 2.4): the success body, the AADSTS error
// body with its Trace ID / Correlation ID / Timestamp lines, and the headers
// every token reply carries (no caching, x-ms-request-id).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "http/http_message.hpp"
#include "policy/entra_catalogue.hpp"

namespace exomock::http {

/// The ids and the time of one token request.
struct token_trace {
  std::string trace_id;
  std::string correlation_id;
  std::chrono::system_clock::time_point now;
};

/// Entra's "yyyy-MM-dd HH:mm:ssZ" (a space, not a T).
[[nodiscard]] std::string entra_timestamp(std::chrono::system_clock::time_point t);

/// The error reply for `error`.
[[nodiscard]] response entra_error_response(const policy::entra_error& error,
                                            const token_trace& trace);

/// The fields of a successful reply; empty strings are left out.
struct token_success {
  std::string scope;
  std::int64_t expires_in = 3599;
  std::string access_token;
  std::string refresh_token;
  std::string id_token;
};

[[nodiscard]] response token_response(const token_success& s, const token_trace& trace);

}  // namespace exomock::http
