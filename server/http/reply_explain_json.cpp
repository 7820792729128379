#include "http/reply_explain_json.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include "policy/auth_checks.hpp"
#include "policy/reply_explanations.hpp"
#include "policy/reply_matcher.hpp"

namespace exomock::http {
namespace {

// "a\nb" as ["a", "b"]; "" as [].
boost::json::array lines_of(std::string_view text, char separator = '\n') {
  boost::json::array out;
  while (!text.empty()) {
    const auto end = text.find(separator);
    out.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
  return out;
}

boost::json::object reply_json(policy::reply_id id) {
  const policy::text_entry& row = policy::entry(id);
  const policy::reply_explanation& e = policy::explanation(id);
  boost::json::array checks;
  if (e.auth_steps != 0) {
    const auto steps = policy::auth_check_steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      checks.push_back(boost::json::object{{"step", static_cast<std::int64_t>(i + 1)},
                                           {"name", steps[i]},
                                           {"gives_this_reply", ((e.auth_steps >> i) & 1U) != 0}});
    }
  }
  return {
      {"code", row.code},
      {"text", row.wording},
      {"failure", policy::is_failure(id)},
      {"stage", policy::stage_name(e.stage)},
      {"meaning", e.meaning},
      {"causes", lines_of(e.causes)},
      {"checks", std::move(checks)},
      {"fix", lines_of(e.fix)},
      {"cases", lines_of(e.cases, ' ')},
  };
}

}  // namespace

boost::json::object explain_line_json(std::string_view line) {
  const policy::reply_match m = policy::match_reply_line(line);
  boost::json::array replies;
  for (const policy::reply_id id : m.ids) {
    replies.emplace_back(reply_json(id));
  }
  return {{"line", line},
          {"reply", m.reply},
          {"match", policy::quality_name(m.quality)},
          {"replies", std::move(replies)}};
}

}  // namespace exomock::http
