// A log line's explanation as JSON: what `exomock explain --json` prints and
// GET /api/v1/explain answers, so the page and the command line say the same.
#pragma once

#include <boost/json.hpp>
#include <string_view>

namespace exomock::http {

/// {"line", "reply", "match", "replies": [{"code", "text", "stage", "meaning", "causes": [],
/// "checks": [{"step", "name", "gives_this_reply"}], "fix": [], "cases": []}]}; "replies"
/// is empty (and "match" is "none") for a line exomock does not know.
[[nodiscard]] boost::json::object explain_line_json(std::string_view line);

}  // namespace exomock::http
