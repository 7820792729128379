// Prometheus' text exposition format 0.0.4, the form `promtool check metrics`
// reads: one "# HELP" and one "# TYPE" line per family, families sorted by name,
// label values with backslash, double quote and newline escaped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exomock::http {

struct metric_sample {
  std::string suffix;  ///< "" or, in a histogram, "_bucket", "_sum", "_count"
  std::vector<std::pair<std::string, std::string>> labels;  ///< name, value (unescaped)
  std::string value;                                        ///< as sample_value() writes it
};

struct metric_family {
  std::string name;
  std::string help;
  std::string type;  ///< "counter", "gauge", "histogram"
  std::vector<metric_sample> samples;
};

/// The Content-Type of the format.
inline constexpr std::string_view exposition_content_type =
    "text/plain; version=0.0.4; charset=utf-8";

/// The families, sorted by name, as one exposition.
[[nodiscard]] std::string exposition_text(std::vector<metric_family> families);
/// A label value as it stands between the quotes.
[[nodiscard]] std::string escaped_label_value(std::string_view value);
/// A float the way Go's strconv 'g' -1 writes it (shortest exact form), "+Inf" for infinity.
[[nodiscard]] std::string sample_value(double v);

}  // namespace exomock::http
