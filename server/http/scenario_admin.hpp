// The admin API's port to the live scenario. Routes turn a request into edits
// (policy::scenario_edit) and ask this to apply them; the app implements it
// (app/admin_service.cpp) over the scenario document, whose reader validates
// every edit as it validates a file, and over the store's audit table.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "policy/model.hpp"
#include "policy/scenario_edit.hpp"

namespace exomock::http {

/// One admin action: what the audit and the log call it, whom it concerns, and
/// the edits it makes (none for a lockout reset or a clock move, which change no
/// document; `fields` then says what changed).
struct admin_change {
  std::string operation;  ///< "Set-CASMailbox", "Reset lockout", "Set clock"
  std::string target;     ///< "printer@contoso.com", "Contoso"
  std::vector<policy::scenario_edit> edits;
  std::vector<std::pair<std::string, std::string>> fields;  ///< field, shown value (no edits)
};

enum class admin_status : std::uint8_t { applied, not_found, invalid };

struct admin_outcome {
  admin_status status = admin_status::applied;
  /// not_found and invalid: why (the validator's messages; FILE:LINE:COLUMN for a reload).
  std::vector<std::string> messages;
  /// change() applied: the model the change made live (what the route then shows,
  /// whatever a reload does to the live scenario meanwhile).
  std::shared_ptr<const policy::scenario_model> model{};
};

class scenario_admin {
 public:
  virtual ~scenario_admin() = default;
  /// Applies the change's edits; once applied, new AUTH attempts and new sessions
  /// see the new scenario, and the change is logged and in the audit table.
  virtual admin_outcome change(const admin_change& c) = 0;
  /// Logs and audits a change the caller made itself (lockout reset, clock move).
  virtual void record(const admin_change& c) = 0;
  /// The live document as TOML that `exomock check` accepts.
  [[nodiscard]] virtual std::string document() const = 0;
  /// Reads the scenario file again; on a problem the old scenario stays live.
  virtual admin_outcome reload() = 0;
  /// Moves the scenario clock to `to` (it goes on at its rate from there).
  virtual void set_clock(std::chrono::system_clock::time_point to) = 0;
};

}  // namespace exomock::http
