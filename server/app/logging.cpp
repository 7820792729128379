// spdlog configuration: the default logger writes to stderr with UTC timestamps.
#include "app/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstddef>
#include <ctime>
#include <memory>
#include <string_view>

#include "app/json_log_formatter.hpp"

namespace exomock::app {

namespace {

// "%-5!l" would cut spdlog's "warning" to "warni": the level is written whole instead,
// padded to five characters so that messages line up.
class level_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
              spdlog::memory_buf_t& dest) override {
    const std::string_view name = log_level_name(msg.level);
    dest.append(name.data(), name.data() + name.size());
    for (std::size_t n = name.size(); n < 5; ++n) {
      dest.push_back(' ');
    }
  }
  [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<level_flag>();
  }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_text_log_formatter() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<level_flag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%*%$ %v");
  return formatter;
}

void configure_logging(const std::string& format, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  if (format == "json") {
    logger = spdlog::stderr_logger_mt("exomock");
    logger->set_formatter(std::make_unique<json_log_formatter>());
  } else {
    logger = spdlog::stderr_color_mt("exomock");
    logger->set_formatter(make_text_log_formatter());
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace exomock::app
