// spdlog formatter for --log-format json: one object per line with time,
// level, msg and the message's logfmt fields as members.
#pragma once

#include <spdlog/formatter.h>

#include <memory>
#include <string_view>

namespace exomock::app {

/// The level as both log formats print it: trace, debug, info, warn, error, critical.
[[nodiscard]] std::string_view log_level_name(spdlog::level::level_enum level);

class json_log_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace exomock::app
