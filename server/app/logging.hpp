// Log set-up: spdlog to stderr (stdout carries only command output and the
// ready line), as text or as one JSON object per line.
#pragma once

#include <spdlog/formatter.h>

#include <memory>
#include <string>

namespace exomock::app {

/// `format` is "text" or "json"; `level` one of trace, debug, info, warn, error.
/// Log messages are free text followed by logfmt fields (key=value, key="quoted value");
/// the JSON format turns those fields into members.
void configure_logging(const std::string& format, const std::string& level);

/// The text format: "2026-11-28T17:44:36.123Z warn  message", the level name whole
/// (log_level_name) and padded to five characters, in colour on a terminal.
[[nodiscard]] std::unique_ptr<spdlog::formatter> make_text_log_formatter();

}  // namespace exomock::app
