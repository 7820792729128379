// Log set-up: spdlog to stderr (stdout carries only command output and the
// ready line), as text or as one JSON object per line.
#pragma once

#include <string>

namespace exomock::app {

/// `format` is "text" or "json"; `level` one of trace, debug, info, warn, error.
/// Log messages are free text followed by logfmt fields (key=value, key="quoted value");
/// the JSON format turns those fields into members.
void configure_logging(const std::string& format, const std::string& level);

}  // namespace exomock::app
