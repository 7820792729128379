// A route_context over a real store in a fresh temporary directory, with a
// hand-built scenario and a manual clock: what every route test calls routes on.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "http/api_routes.hpp"
#include "http/mailbox_events.hpp"
#include "http/message_submission.hpp"
#include "http/route_context.hpp"
#include "store/audit_reader.hpp"
#include "store/message_store.hpp"
#include "store_fixture.hpp"

namespace exomock::http::testing {

/// Remembers what the routes told live clients.
class recording_events final : public mailbox_events {
 public:
  void publish(mailbox_event event) override { published.push_back(std::move(event)); }
  void changed() override { ++changes; }

  /// "type data" per event, data serialized: easy to compare.
  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& e : published) {
      out.push_back(e.type + " " + boost::json::serialize(e.data));
    }
    return out;
  }
  void clear() {
    published.clear();
    changes = 0;
  }

  std::vector<mailbox_event> published;
  int changes = 0;
};

class route_test : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};

    dir_ = std::filesystem::temp_directory_path() /
           ("exomock-http-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::string error;
    store_ = store::message_store::open(dir_, error);
    ASSERT_NE(store_, nullptr) << error;
    reader_ = store::message_reader::open(dir_, error);
    mailbox_ = store::mailbox_reader::open(dir_, error);
    editor_ = store::mailbox_editor::open(dir_, error);
    ASSERT_NE(editor_, nullptr) << error;
    audit_ = store::audit_reader::open(dir_, error);
    ASSERT_NE(audit_, nullptr) << error;
    live_.replace(std::make_shared<policy::scenario_model>(model_));
    context_ = std::make_unique<route_context>(route_context{
        *reader_, *mailbox_, *editor_, live_, clock_,
        server_facts{"v0.1.0", dir_ / "exomock.sqlite3", std::chrono::steady_clock::now(), {}},
        *audit_, store_->commit_latency(), requests_, *store_, events_});
  }
  void TearDown() override {
    context_.reset();
    audit_.reset();
    editor_.reset();
    mailbox_.reset();
    reader_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  /// Stores a message as SMTP would and waits until it is durable and indexed; its id.
  std::int64_t capture(store::captured_message m) {
    const auto id = submit_and_wait(*store_, std::move(m));
    EXPECT_TRUE(id.has_value());
    store_->flush();
    EXPECT_EQ(store_->stats().index_failures, 0u) << store_->stats().last_index_error;
    return id.value_or(0);
  }

  /// A request through the access check and the whole route table; a deferred
  /// response is polled once.
  response call(const std::string& method, const std::string& target, std::string body = {},
                const access_settings& access = {}) {
    request r;
    r.method = method;
    EXPECT_TRUE(parse_target(target, r)) << target;
    r.body = std::move(body);
    r.headers = headers_;
    return settle(answer(routes_, access, r, *context_));
  }

  /// A route's result as a response: a deferred one is polled once, then expired.
  static response settle(route_result result) {
    if (auto* ready = std::get_if<response>(&result)) {
      return *ready;
    }
    auto& deferred = std::get<deferred_response>(result);
    if (auto polled = deferred.poll()) {
      return *polled;
    }
    return deferred.expired();
  }

  std::filesystem::path dir_;
  policy::scenario_model model_;  ///< the scenario SetUp makes live; a subclass may set it first
  policy::live_scenario live_;
  policy::manual_clock clock_{std::chrono::system_clock::time_point{}};
  std::unique_ptr<store::message_store> store_;
  std::unique_ptr<store::message_reader> reader_;
  std::unique_ptr<store::mailbox_reader> mailbox_;
  std::unique_ptr<store::mailbox_editor> editor_;
  std::unique_ptr<store::audit_reader> audit_;
  policy::labelled_counter<2> requests_;
  recording_events events_;  ///< what the routes published
  std::unique_ptr<route_context> context_;
  router routes_ = api_router();
  std::vector<header_field> headers_;  ///< sent with every call()
};

}  // namespace exomock::http::testing
