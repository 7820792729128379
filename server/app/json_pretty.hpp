// JSON as people read it: one key or item a line, two spaces an indent level
// (Boost.JSON 1.81 serializes on one line only).
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace exomock::app {

/// `v` indented, without a final newline; empty objects and arrays stay `{}` / `[]`.
[[nodiscard]] std::string pretty_json(const boost::json::value& v);

}  // namespace exomock::app
