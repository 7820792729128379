// A recursive-descent reader over the filter text: a cursor, and one function per
// kind of clause. Whitespace between tokens is one or more spaces, as OData's
// grammar has it (RWS); none is needed around the parentheses and the comma.
#include "http/graph_filter.hpp"

#include <charconv>
#include <string>

#include "policy/time_text.hpp"
#include "smtp/ascii.hpp"

namespace exomock::http {

namespace {

using condition = store::sign_in_condition;

class reader {
 public:
  explicit reader(std::string_view text) : text_(text) {}

  [[nodiscard]] bool at_end() const { return pos_ == text_.size(); }
  void skip_spaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') {
      ++pos_;
    }
  }
  /// At least one space, as between an operand and an operator.
  bool spaces() {
    const std::size_t before = pos_;
    skip_spaces();
    return pos_ > before;
  }
  /// `word` exactly (case_sensitive) or in any ASCII case, not followed by a name character.
  bool word(std::string_view w, bool case_sensitive = false) {
    if (text_.substr(pos_, w.size()).size() != w.size()) {
      return false;
    }
    const std::string_view here = text_.substr(pos_, w.size());
    if (case_sensitive ? here != w : !smtp::ascii::iequals(here, w)) {
      return false;
    }
    const std::size_t end = pos_ + w.size();
    if (end < text_.size() && name_char(text_[end])) {
      return false;
    }
    pos_ = end;
    return true;
  }
  bool symbol(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  /// An OData string literal: 'text', with '' standing for one quote.
  std::optional<std::string> string_literal() {
    if (!symbol('\'')) {
      return std::nullopt;
    }
    std::string out;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != '\'') {
        out += c;
      } else if (symbol('\'')) {
        out += '\'';
      } else {
        return out;
      }
    }
    return std::nullopt;  // unterminated
  }
  /// An Edm.Int32 literal.
  std::optional<std::int64_t> int32_literal() {
    const std::size_t end = token_end();
    int value = 0;
    const char* first = text_.data() + pos_;
    const char* last = text_.data() + end;
    const auto [stop, ec] = std::from_chars(first, last, value);
    if (end == pos_ || ec != std::errc{} || stop != last) {
      return std::nullopt;
    }
    pos_ = end;
    return value;
  }
  /// An unquoted Edm.DateTimeOffset (or a date, meaning its midnight UTC).
  std::optional<std::chrono::system_clock::time_point> date_literal() {
    const std::size_t end = token_end();
    std::string text(text_.substr(pos_, end - pos_));
    if (text.size() == 10) {
      text += "T00:00:00Z";
    }
    const auto t = policy::parse_utc_time(text);
    if (t) {
      pos_ = end;
    }
    return t;
  }

 private:
  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '/';
  }
  // A literal runs to the next space or closing parenthesis.
  [[nodiscard]] std::size_t token_end() const {
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] != ' ' && text_[end] != ')') {
      ++end;
    }
    return end;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

using field = condition::field;
using comparison = condition::comparison;

// startswith(userPrincipalName,'prefix')
std::optional<condition> starts_with(reader& in) {
  in.skip_spaces();
  if (!in.symbol('(')) {
    return std::nullopt;
  }
  in.skip_spaces();
  if (!in.word("userPrincipalName", true)) {
    return std::nullopt;
  }
  in.skip_spaces();
  if (!in.symbol(',')) {
    return std::nullopt;
  }
  in.skip_spaces();
  auto prefix = in.string_literal();
  in.skip_spaces();
  if (!prefix || !in.symbol(')')) {
    return std::nullopt;
  }
  condition c;
  c.on = field::user_principal_name;
  c.op = comparison::starts_with;
  c.text = std::move(*prefix);
  return c;
}

// PROPERTY OP VALUE, the property already read.
std::optional<condition> comparison_clause(reader& in, field on) {
  condition c;
  c.on = on;
  if (!in.spaces()) {
    return std::nullopt;
  }
  if (on == field::created && in.word("ge")) {
    c.op = comparison::at_or_after;
  } else if (on == field::created && in.word("le")) {
    c.op = comparison::at_or_before;
  } else if (on != field::created && in.word("eq")) {
    c.op = comparison::equals;
  } else {
    return std::nullopt;
  }
  if (!in.spaces()) {
    return std::nullopt;
  }
  switch (on) {
    case field::user_principal_name: {
      auto text = in.string_literal();
      if (!text) {
        return std::nullopt;
      }
      c.text = std::move(*text);
      return c;
    }
    case field::error_code: {
      const auto number = in.int32_literal();
      if (!number) {
        return std::nullopt;
      }
      c.number = *number;
      return c;
    }
    case field::created: {
      const auto time = in.date_literal();
      if (!time) {
        return std::nullopt;
      }
      c.time = *time;
      return c;
    }
    case field::tenant:
      break;  // exomock's ?tenant=, never a Graph property
  }
  return std::nullopt;
}

std::optional<condition> clause(reader& in) {
  if (in.word("startswith")) {
    return starts_with(in);
  }
  if (in.word("userPrincipalName", true)) {
    return comparison_clause(in, field::user_principal_name);
  }
  if (in.word("status/errorCode", true)) {
    return comparison_clause(in, field::error_code);
  }
  if (in.word("createdDateTime", true)) {
    return comparison_clause(in, field::created);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<condition>> parse_graph_filter(std::string_view filter) {
  reader in(filter);
  std::vector<condition> out;
  in.skip_spaces();
  for (;;) {
    auto c = clause(in);
    if (!c) {
      return std::nullopt;
    }
    out.push_back(std::move(*c));
    const bool spaced = in.spaces();
    if (in.at_end()) {
      return out;
    }
    if (!spaced || !in.word("and") || !in.spaces()) {
      return std::nullopt;
    }
  }
}

}  // namespace exomock::http
