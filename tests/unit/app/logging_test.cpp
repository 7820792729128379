// Both log formats name the level whole: "warn", never spdlog's cut "warni".
#include "app/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "app/json_log_formatter.hpp"

namespace exomock::app {
namespace {

std::string logged(std::unique_ptr<spdlog::formatter> formatter, spdlog::level::level_enum level) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  spdlog::logger logger("test", sink);
  logger.set_formatter(std::move(formatter));
  logger.set_level(spdlog::level::trace);
  logger.log(level, "accept failed listener=submission");
  return out.str();
}

TEST(TextLog, LevelNamesAreWholeAndPadded) {
  const std::regex time("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ");
  const std::string warn = logged(make_text_log_formatter(), spdlog::level::warn);
  EXPECT_TRUE(std::regex_search(warn, time)) << warn;
  EXPECT_EQ(warn.substr(25), "warn  accept failed listener=submission\n");
  EXPECT_EQ(logged(make_text_log_formatter(), spdlog::level::info).substr(25),
            "info  accept failed listener=submission\n");
  EXPECT_EQ(logged(make_text_log_formatter(), spdlog::level::err).substr(25),
            "error accept failed listener=submission\n");
  EXPECT_EQ(logged(make_text_log_formatter(), spdlog::level::critical).substr(25),
            "critical accept failed listener=submission\n");
}

TEST(JsonLog, LevelNameIsWarn) {
  const std::string line = logged(std::make_unique<json_log_formatter>(), spdlog::level::warn);
  EXPECT_NE(line.find("\"level\":\"warn\""), std::string::npos) << line;
  EXPECT_EQ(log_level_name(spdlog::level::warn), "warn");
  EXPECT_EQ(log_level_name(spdlog::level::debug), "debug");
}

}  // namespace
}  // namespace exomock::app
