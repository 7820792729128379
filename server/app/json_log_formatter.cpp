// The JSON line formatter. A message "session end session=AB login=x reason=\"peer closed\""
// becomes {"time":..,"level":"info","msg":"session end","session":"AB","login":"x",...}:
// the text before the first key=value token is msg, each field a member, integers as numbers.
#include "app/json_log_formatter.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

namespace exomock::app {
namespace {

bool is_key_char(char c) {
  return std::islower(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Where a "key=" token starts at `pos` (just after a space), else npos.
std::size_t key_length(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && is_key_char(text[end])) {
    ++end;
  }
  return (end > pos && end < text.size() && text[end] == '=') ? end - pos : std::string_view::npos;
}

// Reads a value at `pos`: either "quoted" with fmt's {:?} escapes, or up to the next space.
std::string read_value(std::string_view text, std::size_t& pos) {
  std::string value;
  if (pos >= text.size() || text[pos] != '"') {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    value = text.substr(pos, end - pos);
    pos = end;
    return value;
  }
  for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
    if (text[pos] != '\\' || pos + 1 >= text.size()) {
      value += text[pos];
      continue;
    }
    const char e = text[++pos];
    value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
  }
  ++pos;  // closing quote
  return value;
}

boost::json::value field_value(const std::string& text) {
  const bool integer = !text.empty() && text.size() < 18 &&
                       text.find_first_not_of("0123456789") == std::string::npos;
  if (integer) {
    return static_cast<std::int64_t>(std::stoll(text));
  }
  return boost::json::string(text);
}

void add_message(boost::json::object& out, std::string_view text) {
  std::size_t fields_at = std::string_view::npos;
  for (std::size_t space = text.find(' '); space != std::string_view::npos;
       space = text.find(' ', space + 1)) {
    if (key_length(text, space + 1) != std::string_view::npos) {
      fields_at = space;
      break;
    }
  }
  out["msg"] = text.substr(0, fields_at);
  std::size_t pos = fields_at;
  while (pos != std::string_view::npos && pos < text.size()) {
    ++pos;  // the space before the field
    const std::size_t length = key_length(text, pos);
    if (length == std::string_view::npos) {
      break;
    }
    const std::string key(text.substr(pos, length));
    pos += length + 1;
    out[key] = field_value(read_value(text, pos));
  }
}

std::string utc_time(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
  return buffer;
}

}  // namespace

std::string_view log_level_name(spdlog::level::level_enum level) {
  if (level == spdlog::level::warn) {
    return "warn";  // spdlog says "warning", as --log-level does not
  }
  const auto name = spdlog::level::to_string_view(level);
  return {name.data(), name.size()};
}

void json_log_formatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  boost::json::object line;
  line["time"] = utc_time(msg.time);
  line["level"] = log_level_name(msg.level);
  add_message(line, std::string_view(msg.payload.data(), msg.payload.size()));
  const std::string text = boost::json::serialize(line);
  dest.append(text.data(), text.data() + text.size());
  dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> json_log_formatter::clone() const {
  return std::make_unique<json_log_formatter>();
}

}  // namespace exomock::app
