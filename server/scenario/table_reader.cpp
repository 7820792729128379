// Validating reads of TOML values. Messages name the key, the table and what
// was expected; positions come from toml++'s source regions (1-based).
#include "scenario/table_reader.hpp"

#include <algorithm>
#include <charconv>

#include "policy/join.hpp"

namespace exomock::scenario {

namespace {

std::string_view type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// "<digits><unit>" with the unit's factor, or nullopt.
std::optional<std::uint64_t> scaled(
    std::string_view text,
    std::initializer_list<std::pair<std::string_view, std::uint64_t>> units) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data()) {
    return std::nullopt;
  }
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') {
    unit.remove_prefix(1);
  }
  for (const auto& [name, factor] : units) {
    if (unit == name) {
      return value * factor;
    }
  }
  return std::nullopt;
}

}  // namespace

void problem_list::add(const toml::source_region& where, std::string message) {
  items_.push_back(problem{file_, static_cast<std::uint32_t>(where.begin.line),
                           static_cast<std::uint32_t>(where.begin.column), std::move(message)});
}

void problem_list::add(policy::source_position where, std::string message) {
  items_.push_back(problem{file_, where.line, where.column, std::move(message)});
}

policy::source_position position_of(const toml::node& node) {
  return {static_cast<std::uint32_t>(node.source().begin.line),
          static_cast<std::uint32_t>(node.source().begin.column)};
}

table_reader::table_reader(const toml::table& table, std::string context, problem_list& problems)
    : table_(table), context_(std::move(context)), problems_(problems) {}

const toml::node* table_reader::node(std::string_view key) {
  if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end()) {
    allowed_.emplace_back(key);
  }
  return table_.get(key);
}

policy::source_position table_reader::where(std::string_view key) const {
  const toml::node* n = table_.get(key);
  return n != nullptr ? position_of(*n) : where();
}

void table_reader::report(std::string_view key, std::string message) {
  problems_.add(where(key), std::move(message));
}

void table_reader::wrong_type(std::string_view key, const toml::node& n,
                              std::string_view expected) {
  report(key, "'" + std::string(key) + "' in " + context_ + " must be " + std::string(expected) +
                  ", not " + std::string(type_name(n.type())));
}

std::string table_reader::choice_error(std::string_view key,
                                       const std::vector<std::string_view>& names) {
  std::string list;
  for (const auto name : names) {
    list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  return "'" + std::string(key) + "' in " + context_ + " must be one of " + list;
}

std::optional<std::string> table_reader::string(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (const auto* s = n->as_string()) {
    return s->get();
  }
  wrong_type(key, *n, "a string");
  return std::nullopt;
}

std::string table_reader::string_or(std::string_view key, std::string fallback) {
  auto s = string(key);
  return s ? std::move(*s) : std::move(fallback);
}

std::optional<std::string> table_reader::required_string(std::string_view key) {
  if (node(key) == nullptr) {
    problems_.add(where(), context_ + " needs '" + std::string(key) + "'");
    return std::nullopt;
  }
  return string(key);
}

std::optional<bool> table_reader::boolean(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (const auto* b = n->as_boolean()) {
    return b->get();
  }
  wrong_type(key, *n, "true or false");
  return std::nullopt;
}

std::optional<std::int64_t> table_reader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  const auto* i = n->as_integer();
  if (i == nullptr) {
    wrong_type(key, *n, "an integer");
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    report(key, "'" + std::string(key) + "' in " + context_ + " must be between " +
                    std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return i->get();
}

std::optional<double> table_reader::number(std::string_view key, double min) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  std::optional<double> value;
  if (const auto* f = n->as_floating_point()) {
    value = f->get();
  } else if (const auto* i = n->as_integer()) {
    value = static_cast<double>(i->get());
  } else {
    wrong_type(key, *n, "a number");
    return std::nullopt;
  }
  if (*value < min) {
    report(key, "'" + std::string(key) + "' in " + context_ + " must be at least " +
                    std::to_string(min));
    return std::nullopt;
  }
  return value;
}

std::vector<std::pair<std::string, policy::source_position>> table_reader::positioned_strings(
    std::string_view key) {
  std::vector<std::pair<std::string, policy::source_position>> out;
  const toml::node* n = node(key);
  if (n == nullptr) {
    return out;
  }
  const auto* array = n->as_array();
  if (array == nullptr) {
    wrong_type(key, *n, "an array of strings");
    return out;
  }
  for (const toml::node& element : *array) {
    if (const auto* s = element.as_string()) {
      out.emplace_back(s->get(), position_of(element));
    } else {
      problems_.add(element.source(), "'" + std::string(key) + "' in " + context_ +
                                          " must hold strings, not " +
                                          std::string(type_name(element.type())));
    }
  }
  return out;
}

std::vector<std::string> table_reader::strings(std::string_view key) {
  std::vector<std::string> out;
  for (auto& [value, where] : positioned_strings(key)) {
    out.push_back(std::move(value));
  }
  return out;
}

std::optional<std::chrono::milliseconds> table_reader::duration(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  if (const auto* i = n->as_integer(); i != nullptr && i->get() == 0) {
    return std::chrono::milliseconds{0};
  }
  if (const auto* s = n->as_string()) {
    if (s->get() == "0") {
      return std::chrono::milliseconds{0};
    }
    if (auto ms = scaled(s->get(), {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}})) {
      return std::chrono::milliseconds{static_cast<std::int64_t>(*ms)};
    }
  }
  report(key, "'" + std::string(key) + "' in " + context_ +
                  " must be a duration such as \"250ms\", \"5s\", \"1m\", \"2h\" or \"0\"");
  return std::nullopt;
}

std::optional<std::uint64_t> table_reader::byte_size(std::string_view key, std::uint64_t min,
                                                     std::uint64_t max) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return std::nullopt;
  }
  std::optional<std::uint64_t> bytes;
  if (const auto* i = n->as_integer(); i != nullptr && i->get() >= 0) {
    bytes = static_cast<std::uint64_t>(i->get());
  } else if (const auto* s = n->as_string()) {
    bytes = scaled(s->get(), {{"B", 1}, {"KB", 1024}, {"MB", 1024 * 1024}, {"GB", 1024ULL << 20}});
  }
  if (!bytes || *bytes < min || *bytes > max) {
    report(key, "'" + std::string(key) + "' in " + context_ + " must be a size between " +
                    std::to_string(min) + " and " + std::to_string(max) +
                    " bytes, as an integer or a string such as \"35MB\"");
    return std::nullopt;
  }
  return bytes;
}

const toml::table* table_reader::table(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) {
    return nullptr;
  }
  if (const auto* t = n->as_table()) {
    return t;
  }
  wrong_type(key, *n, "a table");
  return nullptr;
}

std::vector<const toml::table*> table_reader::tables(std::string_view key) {
  std::vector<const toml::table*> out;
  const toml::node* n = node(key);
  if (n == nullptr) {
    return out;
  }
  const auto* array = n->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    wrong_type(key, *n, "an array of tables ([[" + std::string(key) + "]])");
    return out;
  }
  for (const toml::node& element : *array) {
    out.push_back(element.as_table());
  }
  return out;
}

void table_reader::finish() {
  std::set<std::string> known(allowed_.begin(), allowed_.end());
  for (const auto& [key, value] : table_) {
    if (known.count(std::string(key.str())) != 0) {
      continue;
    }
    problems_.add(key.source(), "unknown key '" + std::string(key.str()) + "' in " + context_ +
                                    "; allowed keys: " + policy::join(allowed_, ", "));
  }
}

}  // namespace exomock::scenario
