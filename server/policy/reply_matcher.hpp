// From a line pasted out of a device's log to the catalogue replies it can be: the
// reading behind `exomock explain`. Tolerates what logs add around a reply (a time
// stamp, "S:", "<-", the DIAG suffix or its absence, an ellipsis where the log cut it).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "policy/reply_catalogue.hpp"

namespace exomock::policy {

enum class match_quality : std::uint8_t {
  none,    ///< no reply exomock gives
  status,  ///< only the code and enhanced code agree (a text exomock does not give)
  prefix,  ///< the line was cut short ("...") and its start agrees
  exact,   ///< the whole text agrees, placeholders aside
};

struct reply_match {
  match_quality quality = match_quality::none;
  std::vector<reply_id> ids;  ///< every candidate, in catalogue order
  std::string_view reply;     ///< the reply within the line ("535 5.7.139 ...")
};

/// Reads one line. A line with several "NNN " runs is read from the one that matches best.
[[nodiscard]] reply_match match_reply_line(std::string_view line);

/// "exact", "prefix", "status", "none".
[[nodiscard]] std::string_view quality_name(match_quality q);

}  // namespace exomock::policy
