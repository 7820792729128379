// Microsoft Graph's $filter for the sign-in log, in the subset exomock serves:
//   userPrincipalName eq 'a@b'          startswith(userPrincipalName,'a')
//   status/errorCode eq 50126           createdDateTime ge|le 2026-12-01T10:00:00Z
// joined by `and`. Keywords (eq, ge, le, and, startswith) match without regard to
// case, property names exactly as Graph spells them; strings are OData literals
// ('' is a quote), dates unquoted ISO 8601 (a quoted date is Graph's 400 too).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/audit_reader.hpp"

namespace exomock::http {

/// The conditions `filter` asks for, all to hold; nullopt when it is outside the
/// subset above (Graph answers 400 "Invalid filter clause").
[[nodiscard]] std::optional<std::vector<store::sign_in_condition>> parse_graph_filter(
    std::string_view filter);

}  // namespace exomock::http
