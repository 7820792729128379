// spdlog configuration: the default logger writes to stderr with UTC timestamps.
#include "app/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "app/json_log_formatter.hpp"

namespace exomock::app {

void configure_logging(const std::string& format, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  if (format == "json") {
    logger = spdlog::stderr_logger_mt("exomock");
    logger->set_formatter(std::make_unique<json_log_formatter>());
  } else {
    logger = spdlog::stderr_color_mt("exomock");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5!l%$ %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace exomock::app
