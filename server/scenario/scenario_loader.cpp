// Entry points of the TOML adapter: load_file, load_string, summary. The
// document itself is read by read_scenario (scenario_reader.cpp).
#include "scenario/scenario_loader.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "scenario/scenario_reader.hpp"

namespace exomock::scenario {

std::string problem::str() const {
  if (line == 0) {
    return file + ": " + message;
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    return value != nullptr ? std::optional<std::string>{value} : std::nullopt;
  };
}

namespace {

std::optional<toml::table> parse_document(std::string_view text, problem_list& problems) {
#if TOML_EXCEPTIONS
  try {
    return toml::parse(text, problems.file());
  } catch (const toml::parse_error& e) {
    problems.add(e.source(), std::string(e.description()));
    return std::nullopt;
  }
#else
  toml::parse_result parsed = toml::parse(text, problems.file());
  if (!parsed) {
    problems.add(parsed.error().source(), std::string(parsed.error().description()));
    return std::nullopt;
  }
  return std::move(parsed).table();
#endif
}

}  // namespace

load_result read_document(const toml::table& root, const std::string& file_name,
                          const environment& env) {
  problem_list problems(file_name);
  auto model = std::make_shared<policy::scenario_model>(read_scenario(root, problems, env));
  model->source_file = file_name;
  if (!problems.empty()) {
    return {nullptr, problems.take()};
  }
  return {std::move(model), {}};
}

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

load_result read_text_document(std::string_view text, const std::string& file_name,
                               const environment& env, std::optional<toml::table>* root) {
  problem_list problems(file_name);
  auto parsed = parse_document(text, problems);
  if (!parsed) {
    return {nullptr, problems.take()};
  }
  load_result read = read_document(*parsed, file_name, env);
  if (root != nullptr) {
    *root = std::move(parsed);
  }
  return read;
}

problem cannot_open(const std::filesystem::path& file) {
  return problem{file.string(), 0, 0, "cannot open the scenario file"};
}

load_result load_string(std::string_view toml_text, const std::string& file_name,
                        const environment& env) {
  return read_text_document(toml_text, file_name, env);
}

load_result load_file(const std::filesystem::path& file, const environment& env) {
  const auto text = read_text(file);
  if (!text) {
    return {nullptr, {cannot_open(file)}};
  }
  return read_text_document(*text, file.string(), env);
}

std::string summary(const policy::scenario_model& model) {
  std::size_t mailboxes = 0;
  for (const auto& t : model.tenants) {
    mailboxes += t.mailboxes.size();
  }
  const auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
  };
  return count(model.tenants.size(), "tenant", "tenants") + ", " +
         count(mailboxes, "mailbox", "mailboxes") + ", " +
         count(model.listeners.size(), "listener", "listeners");
}

}  // namespace exomock::scenario
