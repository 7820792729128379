// Typed, validating access to one TOML table: each read records the key as
// allowed, reports a wrong type at the value's file:line:column, and finish()
// reports every key that nothing read. The schema is the reading code itself.
#pragma once

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::scenario {

/// The problems of one file, in the order found.
class problem_list {
 public:
  explicit problem_list(std::string file) : file_(std::move(file)) {}
  void add(const toml::source_region& where, std::string message);
  void add(policy::source_position where, std::string message);
  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] std::vector<problem> take() { return std::move(items_); }
  [[nodiscard]] bool empty() const { return items_.empty(); }

 private:
  std::string file_;
  std::vector<problem> items_;
};

[[nodiscard]] policy::source_position position_of(const toml::node& node);

class table_reader {
 public:
  /// `context` names the table in messages: "[server]", "[[tenant.mailbox]]".
  table_reader(const toml::table& table, std::string context, problem_list& problems);

  [[nodiscard]] std::optional<std::string> string(std::string_view key);
  [[nodiscard]] std::string string_or(std::string_view key, std::string fallback);
  /// As string(), and a problem at the table when the key is absent.
  [[nodiscard]] std::optional<std::string> required_string(std::string_view key);
  [[nodiscard]] std::optional<bool> boolean(std::string_view key);
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                                    std::int64_t max);
  [[nodiscard]] std::optional<double> number(std::string_view key, double min);
  /// An array of strings (a problem at each element of another type).
  [[nodiscard]] std::vector<std::string> strings(std::string_view key);
  /// As strings(), with each element's position for later cross-checks.
  [[nodiscard]] std::vector<std::pair<std::string, policy::source_position>> positioned_strings(
      std::string_view key);
  /// "250ms", "5s", "1m", "2h" or "0".
  [[nodiscard]] std::optional<std::chrono::milliseconds> duration(std::string_view key);
  /// An integer number of bytes, or a string such as "35MB", "512KB" (1024-based).
  [[nodiscard]] std::optional<std::uint64_t> byte_size(std::string_view key, std::uint64_t min,
                                                       std::uint64_t max);
  template <typename E>
  [[nodiscard]] std::optional<E> choice(
      std::string_view key, std::initializer_list<std::pair<std::string_view, E>> names) {
    return choice<E>(key,
                     std::span<const std::pair<std::string_view, E>>(names.begin(), names.size()));
  }
  /// One of `names` (a table shared with another layer, such as policy/state_names.hpp).
  template <typename E>
  [[nodiscard]] std::optional<E> choice(std::string_view key,
                                        std::span<const std::pair<std::string_view, E>> names);
  [[nodiscard]] const toml::table* table(std::string_view key);
  /// The tables of an array of tables ([[key]]); a problem when the key holds anything else.
  [[nodiscard]] std::vector<const toml::table*> tables(std::string_view key);

  /// Reports a problem at the value of `key` (or at the table when it is absent).
  void report(std::string_view key, std::string message);
  [[nodiscard]] policy::source_position where() const { return position_of(table_); }
  [[nodiscard]] policy::source_position where(std::string_view key) const;
  [[nodiscard]] const std::string& context() const { return context_; }
  [[nodiscard]] problem_list& problems() { return problems_; }

  /// Reports the keys nobody read, with the list of allowed keys.
  void finish();

 private:
  const toml::node* node(std::string_view key);
  void wrong_type(std::string_view key, const toml::node& n, std::string_view expected);
  std::string choice_error(std::string_view key, const std::vector<std::string_view>& names);

  const toml::table& table_;
  std::string context_;
  problem_list& problems_;
  std::vector<std::string> allowed_;
};

template <typename E>
std::optional<E> table_reader::choice(std::string_view key,
                                      std::span<const std::pair<std::string_view, E>> names) {
  const auto text = string(key);
  if (!text) {
    return std::nullopt;
  }
  std::vector<std::string_view> accepted;
  for (const auto& [name, value] : names) {
    if (*text == name) {
      return value;
    }
    accepted.push_back(name);
  }
  report(key, choice_error(key, accepted));
  return std::nullopt;
}

}  // namespace exomock::scenario
