// The exposition writer; HELP text escapes backslash and newline only, as the
// format says, label values the double quote too.
#include "http/prometheus_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace exomock::http {

namespace {

std::string escaped(std::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string escaped_label_value(std::string_view value) {
  return escaped(value, true);
}

std::string sample_value(double v) {
  if (std::isinf(v)) {
    return v > 0 ? "+Inf" : "-Inf";
  }
  if (std::isnan(v)) {
    return "NaN";
  }
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, v);
  return ec == std::errc{} ? std::string(text, end) : std::string("NaN");
}

std::string exposition_text(std::vector<metric_family> families) {
  std::sort(families.begin(), families.end(),
            [](const metric_family& a, const metric_family& b) { return a.name < b.name; });
  std::string out;
  for (const metric_family& f : families) {
    out += "# HELP " + f.name + " " + escaped(f.help, false) + "\n";
    out += "# TYPE " + f.name + " " + f.type + "\n";
    for (const metric_sample& s : f.samples) {
      out += f.name + s.suffix;
      if (!s.labels.empty()) {
        out += '{';
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
          out += (i == 0 ? "" : ",") + s.labels[i].first + "=\"" +
                 escaped_label_value(s.labels[i].second) + "\"";
        }
        out += '}';
      }
      out += " " + s.value + "\n";
    }
  }
  return out;
}

}  // namespace exomock::http
