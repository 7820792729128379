// The process environment a scenario test reads ${NAME} and password_env from: only the
// variables the test names, so no test depends on the machine it runs on.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "scenario/scenario_loader.hpp"

namespace exomock::scenario::testing {

inline environment fake_env(const std::map<std::string, std::string>& vars = {}) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(std::string(name));
    return it != vars.end() ? std::optional<std::string>{it->second} : std::nullopt;
  };
}

}  // namespace exomock::scenario::testing
