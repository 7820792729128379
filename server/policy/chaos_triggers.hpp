// Mailpit's chaos triggers (PUT /api/v1/chaos): a probability that MAIL FROM,
// RCPT TO or AUTH is answered with an error code instead. exomock carries them
// out as three fault rules appended after the scenario's own (so the scenario's
// rules keep their positions and tallies), drawn from the scenario's seed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"

namespace exomock::policy {

struct chaos_trigger {
  int error_code = 0;
  int probability = 0;  ///< percent, 0 to 100
};

struct chaos_triggers {
  chaos_trigger sender{451, 0};
  chaos_trigger recipient{451, 0};
  chaos_trigger authentication{535, 0};
};

/// Mailpit's validation of one trigger: its error text, or nullopt. A code of 0
/// means the default and is valid.
[[nodiscard]] std::optional<std::string> chaos_problem(const chaos_trigger& t);

/// Mailpit's --chaos-triggers syntax, "Sender:451:50,Recipient:452:10" (keys
/// without regard to case; recipients, auth and authentication as aliases);
/// nullopt and `error` when malformed or out of range.
[[nodiscard]] std::optional<chaos_triggers> parse_chaos_triggers(std::string_view text,
                                                                 std::string& error);

/// `base` with `triggers` as its chaos rules, replacing any it had.
[[nodiscard]] std::shared_ptr<const scenario_model> with_chaos(const scenario_model& base,
                                                               const chaos_triggers& triggers);

}  // namespace exomock::policy
