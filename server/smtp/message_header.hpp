// Minimal RFC 5322 header access on raw message bytes: enough for the policy
// to read Message-ID, From and Sender without re-parsing the SMTP stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::smtp {

/// The unfolded value of the first header field called `name` (case-insensitive)
/// in the header section of `message` (up to the first empty line), with
/// leading and trailing white space removed; nullopt when absent.
[[nodiscard]] std::optional<std::string> find_header(std::string_view message,
                                                     std::string_view name);

/// The unfolded, trimmed values of every header field called `name`, in order:
/// more than one is how a message repeats a field RFC 5322 section 3.6 allows once.
[[nodiscard]] std::vector<std::string> find_headers(std::string_view message,
                                                    std::string_view name);

/// The addr-spec inside a mailbox or mailbox-list value: `"A" <a@b>` gives
/// "a@b" as written; a bare address is returned trimmed; "" when none is found.
[[nodiscard]] std::string first_address(std::string_view header_value);

/// Every addr-spec of a mailbox-list or address-list value (RFC 5322 section 3.4),
/// the members of groups included, in order; entries without an address are left out.
[[nodiscard]] std::vector<std::string> all_addresses(std::string_view header_value);

}  // namespace exomock::smtp
