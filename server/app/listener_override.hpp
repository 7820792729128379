// `--listen NAME=HOST:PORT`: moves a scenario listener to another address
// before the server binds (port 0 asks the system for a free port).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"

namespace exomock::app {

struct listener_override {
  std::string name;
  std::string host;  ///< without brackets
  std::uint16_t port = 0;
};

/// Parses "NAME=HOST:PORT" ("NAME=[::1]:0" for IPv6); nullopt and `error` when malformed.
[[nodiscard]] std::optional<listener_override> parse_listener_override(std::string_view text,
                                                                       std::string& error);

/// Applies `o` to the listener of that name; false and `error` when there is none.
[[nodiscard]] bool apply_listener_override(policy::scenario_model& model,
                                           const listener_override& o, std::string& error);

}  // namespace exomock::app
