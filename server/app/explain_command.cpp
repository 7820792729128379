// The explain command. A line given as arguments is explained whatever it is; a
// transcript on standard input has each failure reply (4xx, 5xx) explained and its
// other lines passed over, client lines included.
#include "app/explain_command.hpp"

#include <boost/json.hpp>
#include <iostream>
#include <string_view>

#include "http/reply_explain_json.hpp"

namespace exomock::app {
namespace {

namespace json = boost::json;

std::string joined(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& w : words) {
    line += (line.empty() ? "" : " ") + w;
  }
  return line;
}

// A client line of exomock's transcripts ("C: ..."), swaks' ("-> ...") or a log's.
bool client_line(std::string_view line) {
  while (!line.empty() && line.front() == ' ') {
    line.remove_prefix(1);
  }
  return line.starts_with("C:") || line.starts_with("->") || line.starts_with("~>");
}

bool any_failure(const json::object& explained) {
  for (const json::value& r : explained.at("replies").as_array()) {
    if (r.as_object().at("failure").as_bool()) {
      return true;
    }
  }
  return false;
}

void print_list(std::ostream& out, std::string_view title, const json::array& items) {
  if (items.empty()) {
    return;
  }
  out << "  " << title << ":\n";
  for (const json::value& item : items) {
    out << "    - " << item.as_string().c_str() << '\n';
  }
}

void print_reply(std::ostream& out, const json::object& r) {
  out << "  " << r.at("code").as_int64() << ' ' << r.at("text").as_string().c_str() << '\n';
  out << "  meaning: " << r.at("meaning").as_string().c_str() << '\n';
  print_list(out, "causes", r.at("causes").as_array());
  const json::array& checks = r.at("checks").as_array();
  if (!checks.empty()) {
    out << "  checks, in the order Exchange applies them (> gives this reply):\n";
    for (const json::value& c : checks) {
      const json::object& step = c.as_object();
      out << (step.at("gives_this_reply").as_bool() ? "  >  " : "     ")
          << step.at("step").as_int64() << ". " << step.at("name").as_string().c_str() << '\n';
    }
  }
  print_list(out, "fix", r.at("fix").as_array());
  for (const json::value& name : r.at("cases").as_array()) {
    out << "  case: exomock serve --case " << name.as_string().c_str() << '\n';
  }
}

void print_text(std::ostream& out, const json::object& explained) {
  const json::array& replies = explained.at("replies").as_array();
  const std::string_view match = explained.at("match").as_string();
  out << explained.at("line").as_string().c_str() << '\n';
  if (replies.empty()) {
    out << "  not a reply exomock knows: Exchange Online gives no reply with this code and "
           "text (check the code and enhanced code, e.g. 535 5.7.139)\n";
    return;
  }
  if (match == "status") {
    const bool code_alone = explained.at("reply").as_string().size() <= 4;
    out << (code_alone ? "  by its code alone" : "  the text is not one exomock gives; by its code")
        << " it is one of " << replies.size() << ":\n";
  } else if (match == "prefix") {
    out << "  the line is cut short; it begins like "
        << (replies.size() == 1 ? "this reply" : "these replies") << ":\n";
  }
  bool first = true;
  for (const json::value& r : replies) {
    out << (first ? "" : "  --\n");
    print_reply(out, r.as_object());
    first = false;
  }
}

void emit(std::ostream& out, bool as_json, const json::object& explained) {
  if (as_json) {
    out << json::serialize(explained) << '\n';
  } else {
    print_text(out, explained);
  }
}

}  // namespace

CLI::App* add_explain_command(CLI::App& app, explain_options& options) {
  CLI::App* explain = app.add_subcommand(
      "explain",
      "Explain an SMTP reply pasted from a device's log (or each failure in a transcript on "
      "standard input): causes, Exchange's checks, the admin's fix, the matching case");
  explain->add_option("line", options.words,
                      "The reply line, e.g. \"535 5.7.139 Authentication unsuccessful, ...\" "
                      "(none: read a transcript from standard input)");
  explain->add_flag("--json", options.json, "One JSON object per explained line");
  return explain;
}

int run_explain(const explain_options& options, std::istream& in, std::ostream& out) {
  if (!options.words.empty()) {
    const json::object explained = http::explain_line_json(joined(options.words));
    emit(out, options.json, explained);
    return explained.at("replies").as_array().empty() ? 1 : 0;
  }
  std::size_t read = 0;
  std::size_t failures = 0;
  for (std::string line; std::getline(in, line); ++read) {
    if (client_line(line)) {
      continue;
    }
    const json::object explained = http::explain_line_json(line);
    if (!any_failure(explained)) {
      continue;
    }
    out << (failures++ == 0 || options.json ? "" : "\n");
    emit(out, options.json, explained);
  }
  if (failures == 0 && !options.json) {
    out << "no failure reply among " << read << " lines read\n";
  }
  return 0;
}

}  // namespace exomock::app
