#include "scenario/case_library.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "scenario/case_files.hpp"

namespace exomock::scenario {
namespace {

constexpr std::string_view toml_suffix = ".toml";

// The field a "# Key:" names, or nullptr.
std::string* field_for(case_entry& e, std::string_view key) {
  const std::array<std::pair<std::string_view, std::string*>, 6> fields{{
      {"Title", &e.title},
      {"Symptom", &e.symptom},
      {"Shows", &e.shows},
      {"Cause", &e.cause},
      {"Fix", &e.fix},
      {"Live", &e.live},
  }};
  for (const auto& [name, field] : fields) {
    if (name == key) {
      return field;
    }
  }
  return nullptr;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

case_entry read_case_header(std::string_view toml) {
  case_entry e;
  std::string* current = nullptr;
  while (!toml.empty()) {
    const auto end = toml.find('\n');
    const std::string_view line = toml.substr(0, end);
    toml.remove_prefix(end == std::string_view::npos ? toml.size() : end + 1);
    if (!line.starts_with("#")) {
      break;  // the block ends at the first line that is not a comment
    }
    const std::string_view text = line.substr(1);
    const auto colon = text.find(':');
    std::string* named = nullptr;
    if (text.starts_with(" ") && !text.starts_with("  ") && colon != std::string_view::npos) {
      named = field_for(e, trimmed(text.substr(0, colon)));
    }
    if (named != nullptr) {
      current = named;
      *current = trimmed(text.substr(colon + 1));
    } else if (current != nullptr && text.starts_with("   ")) {
      *current += ' ';
      *current += trimmed(text);
    } else {
      current = nullptr;
    }
  }
  return e;
}

std::vector<case_entry> case_library() {
  std::vector<case_entry> cases;
  for (const case_file& f : case_files()) {
    case_entry e = read_case_header(f.body);
    e.name = std::string(f.name.substr(0, f.name.size() - toml_suffix.size()));
    e.toml = f.body;
    cases.push_back(std::move(e));
  }
  return cases;
}

std::optional<case_entry> find_case(std::string_view name) {
  auto cases = case_library();
  const auto it =
      std::find_if(cases.begin(), cases.end(), [&](const case_entry& e) { return e.name == name; });
  if (it == cases.end()) {
    return std::nullopt;
  }
  return std::move(*it);
}

}  // namespace exomock::scenario
