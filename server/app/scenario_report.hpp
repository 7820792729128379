// Loading a scenario for a command: every problem is printed on stderr as
// FILE:LINE:COLUMN: message, the way compilers report, for serve and check alike.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "policy/model.hpp"
#include "scenario/scenario_document.hpp"

namespace exomock::app {

/// The validated model, or nullptr after printing each problem.
[[nodiscard]] std::shared_ptr<const policy::scenario_model> load_scenario_or_report(
    const std::filesystem::path& file);

/// The scenario as a document the admin API can edit, or nullopt after printing each problem.
[[nodiscard]] std::optional<scenario::scenario_document> open_scenario_or_report(
    const std::filesystem::path& file);

}  // namespace exomock::app
