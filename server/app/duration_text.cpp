// Parsing of command-line durations, in the spirit of Go's time.ParseDuration
// with a single unit: a unit is required unless the value is zero.
#include "app/duration_text.hpp"

#include <charconv>
#include <cmath>

namespace exomock::app {
namespace {

std::optional<double> milliseconds_per(std::string_view unit) {
  if (unit == "ms") {
    return 1.0;
  }
  if (unit == "s") {
    return 1000.0;
  }
  if (unit == "m") {
    return 60'000.0;
  }
  if (unit == "h") {
    return 3'600'000.0;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text == "0") {
    return std::chrono::milliseconds(0);
  }
  const std::size_t unit_at = text.find_first_not_of("0123456789.");
  if (unit_at == 0 || unit_at == std::string_view::npos) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + unit_at, value);
  if (ec != std::errc{} || end != text.data() + unit_at || value < 0) {
    return std::nullopt;
  }
  const auto scale = milliseconds_per(text.substr(unit_at));
  if (!scale) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(std::llround(value * *scale));
}

}  // namespace exomock::app
