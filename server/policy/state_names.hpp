// The spellings of the tenant states a scenario file and the admin API share: a
// Conditional Access policy's `state` (Graph's names) and the Basic-auth
// retirement state (the scenario's own; Microsoft has published none). One
// table each: the scenario reader reads with it, the admin routes write with it.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

#include "policy/model.hpp"

namespace exomock::policy {

template <class E, std::size_t N>
using name_table = std::array<std::pair<std::string_view, E>, N>;

inline constexpr name_table<policy_state, 3> policy_state_names{{
    {"enabled", policy_state::enabled},
    {"disabled", policy_state::disabled},
    {"enabledForReportingButNotEnforced", policy_state::report_only},
}};

inline constexpr name_table<basic_auth_state, 3> basic_auth_names{{
    {"available", basic_auth_state::available},
    {"disabled", basic_auth_state::disabled},
    {"retired", basic_auth_state::retired},
}};

/// The name `value` has in `names` ("" when none).
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view name_of(const name_table<E, N>& names, E value) {
  for (const auto& [name, v] : names) {
    if (v == value) {
      return name;
    }
  }
  return {};
}

}  // namespace exomock::policy
