// Request bodies decoded as Go's encoding/json decodes them for Mailpit: key
// names match without regard to case, unknown keys are ignored, and a missing
// key leaves the zero value. Clients rely on it (cypress-mailpit sends
// "FileName" where Mailpit declares "Filename").
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace exomock::http {

/// The body parsed as JSON; nullopt and Go's wording of the failure ("EOF" for
/// an empty body) in `error`.
[[nodiscard]] std::optional<boost::json::value> parse_body(std::string_view body,
                                                           std::string& error);

/// The member of OBJECT (when it is an object) whose key equals KEY ignoring
/// ASCII case; exact matches win, as in Go. nullptr when absent.
[[nodiscard]] const boost::json::value* member(const boost::json::value& object,
                                               std::string_view key);

/// An integer member, if present and integral; sets `error` (Go's wording) when it
/// is present with another type.
[[nodiscard]] std::optional<std::int64_t> int_member(const boost::json::value& object,
                                                     std::string_view key, std::string& error);

}  // namespace exomock::http
