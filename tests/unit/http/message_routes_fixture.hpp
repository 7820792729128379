// Shared by the message route tests: a store in a fresh data directory, a
// reader on it, a scenario with one tenant, a fixed clock, and the route table.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "http/api_routes.hpp"
#include "http/message_submission.hpp"
#include "store/message_reader.hpp"
#include "store/message_store.hpp"

namespace exomock::http::testing {

class message_routes : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("mime-http-" + std::string(info->name()) + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::string error;
    store_ = store::message_store::open(dir_, error);
    ASSERT_NE(store_, nullptr) << error;
    reader_ = store::message_reader::open(dir_, error);
    ASSERT_NE(reader_, nullptr) << error;
    auto model = std::make_shared<policy::scenario_model>();
    policy::tenant contoso;
    contoso.name = "contoso";
    contoso.domains = {"contoso.com"};
    model->tenants.push_back(contoso);
    live_.replace(model);
    context_ = std::make_unique<route_context>(
        route_context{*reader_, live_, clock_, server_facts{}, store_.get()});
  }
  void TearDown() override {
    context_.reset();
    reader_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  /// Stores RAW as a message that came by SMTP submission; its id.
  std::int64_t capture(std::string raw, std::vector<std::string> rcpt_to = {"alice@contoso.com"},
                       std::string session_id = "00000000000000a1") {
    store::captured_message m;
    m.session_id = std::move(session_id);
    m.listener = "submission";
    m.client_ip = "192.0.2.7";
    m.client_port = 50123;
    m.helo = "printer.example";
    m.login = "scanner@contoso.com";
    m.auth_mechanism = "LOGIN";
    m.mail_from = "scanner@contoso.com";
    m.rcpt_to = std::move(rcpt_to);
    m.message_id = "<fallback@contoso.com>";
    m.tls_version = "TLSv1.3";
    m.tls_cipher = "TLS_AES_256_GCM_SHA384";
    m.path = "submission";
    m.raw = std::move(raw);
    m.session_started = clock_.now();
    m.received = clock_.now();
    const auto id = submit_and_wait(*store_, std::move(m));
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  }

  /// A GET of TARGET ("/api/v1/message/1?dl=1") through the whole route table.
  response get(const std::string& target) { return call("GET", target, ""); }
  response call(const std::string& method, const std::string& target, std::string body,
                std::vector<header_field> headers = {}) {
    request r;
    r.method = method;
    EXPECT_TRUE(parse_target(target, r)) << target;
    r.body = std::move(body);
    r.headers = std::move(headers);
    auto result = answer(routes_, access_settings{}, r, *context_);
    EXPECT_TRUE(std::holds_alternative<response>(result));
    return std::get<response>(std::move(result));
  }
  static boost::json::value parsed(const response& r) { return boost::json::parse(r.body); }
  /// A JSON string's text, any other value serialized: what a test compares.
  static std::string str(const boost::json::value& v) {
    return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
  }
  static std::string header(const response& r, std::string_view name) {
    for (const header_field& h : r.headers) {
      if (h.name == name) {
        return h.value;
      }
    }
    return "<none>";
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::message_store> store_;
  std::unique_ptr<store::message_reader> reader_;
  policy::live_scenario live_;
  policy::manual_clock clock_{std::chrono::system_clock::time_point(
      std::chrono::milliseconds(1784523086120))};  // 2026-07-20T04:51:26.12Z
  std::unique_ptr<route_context> context_;
  router routes_ = api_router();
};

}  // namespace exomock::http::testing
