// spdlog formatter for --log-format json: one object per line with time,
// level, msg and the message's logfmt fields as members.
#pragma once

#include <spdlog/formatter.h>

#include <memory>

namespace exomock::app {

class json_log_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace exomock::app
