// A scenario of the repository's scenarios/ folder, loaded with an empty
// environment, for the targets that need a live scenario. A scenario that does
// not load stops the target: it would fuzz nothing.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::fuzz {

inline std::shared_ptr<const policy::scenario_model> demo_scenario(const char* file) {
  const auto loaded =
      scenario::load_file(std::string(EXOMOCK_SOURCE_DIR) + "/scenarios/" + file,
                          [](std::string_view) { return std::optional<std::string>{}; });
  if (loaded.model == nullptr) {
    std::fprintf(stderr, "scenarios/%s does not load\n", file);
    std::abort();
  }
  return loaded.model;
}

}  // namespace exomock::fuzz
