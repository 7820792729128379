// [[tenant.mailbox]], and the lists of addresses that must name mailboxes of the
// scenario (send_as, include_users, full_access...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "policy/model.hpp"
#include "scenario/read_context.hpp"
#include "scenario/table_reader.hpp"

namespace exomock::scenario {

/// The mailbox in `t`, of tenant `owner` (whose domains and policies are already read).
[[nodiscard]] policy::mailbox read_mailbox(table_reader& t, const policy::tenant& owner,
                                           read_context& c);

/// The lower-cased addresses of list `key`; each is recorded in `c` to be checked once every
/// mailbox is read. `owner` names the list's holder in messages; `all_allowed` admits "all".
[[nodiscard]] std::vector<std::string> read_mailbox_list(table_reader& t, read_context& c,
                                                         std::string_view key,
                                                         const std::string& owner,
                                                         bool all_allowed = false);

}  // namespace exomock::scenario
