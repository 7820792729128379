// Shared by the store tests: a fresh data directory per test, removed afterwards,
// a fully populated message, and a side connection for inspecting or damaging the file.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "store/message_reader.hpp"
#include "store/message_store.hpp"

namespace exomock::store::testing {

/// Every store test runs once per durability level (see the instantiation in
/// message_store_test.cpp): the two take different paths to the 250.
class store_test : public ::testing::TestWithParam<durability> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("exomock-store-" + std::string(info->name()) + "-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<message_store> open_store() {
    std::string error;
    store_options options;
    options.durability = GetParam();
    auto s = message_store::open(dir_, options, error);
    EXPECT_NE(s, nullptr) << error;
    return s;
  }
  std::unique_ptr<message_reader> open_reader() {
    std::string error;
    auto r = message_reader::open(dir_, error);
    EXPECT_NE(r, nullptr) << error;
    return r;
  }
  /// Runs SQL on a connection of the test's own, outside the store.
  void side_exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "exomock.sqlite3").string().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  /// The first column of the first row of SQL, as text ("<none>" if no row).
  std::string side_text(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ / "exomock.sqlite3").string().c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* s = nullptr;
    std::string v = "<none>";
    const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK
                       ? sqlite3_step(s)
                       : sqlite3_errcode(db);
    if (rc == SQLITE_ROW) {
      v = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    } else if (rc != SQLITE_DONE) {
      v += std::string(": ") + sqlite3_errmsg(db);  // a failure, not an empty result
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
  }
  std::int64_t side_int(const std::string& sql) { return std::stoll(side_text(sql)); }

  std::filesystem::path dir_;
};

/// A small message with every field set; N makes it distinct.
inline captured_message small_message(int n) {
  captured_message m;
  m.session_id = "00000000000000" + std::to_string(10 + n % 90);
  m.listener = "submission";
  m.client_ip = "192.0.2.7";
  m.client_port = 50000;
  m.helo = "printer.example";
  m.login = "scanner@contoso.com";
  m.auth_mechanism = "LOGIN";
  m.mail_from = "scanner@contoso.com";
  m.rcpt_to = {"user" + std::to_string(n) + "@contoso.com"};
  m.mail_parameters = "SIZE=64";
  m.message_id = "<" + std::to_string(n) + "@printer.example>";
  m.tls_version = "TLSv1.2";
  m.tls_cipher = "ECDHE-RSA-AES256-GCM-SHA384";
  m.raw = "Subject: test " + std::to_string(n) + "\r\n\r\nhello\r\n";
  m.session_started = std::chrono::system_clock::now();
  m.received = m.session_started;
  return m;
}

struct outcome {
  bool ok = false;
  std::int64_t id = 0;
};

/// Submits, writes the queue as the event loop would, and waits for the callback.
inline outcome submit_and_wait(message_store& store, captured_message m) {
  std::promise<outcome> p;
  auto f = p.get_future();
  if (store.submit(std::move(m), [&p](bool ok, std::int64_t id) { p.set_value({ok, id}); })) {
    store.write_queued();
  }
  return f.get();
}

/// Waits (bounded) until the store's counters satisfy `done`.
template <typename Predicate>
bool eventually(const message_store& store, Predicate done) {
  for (int i = 0; i < 1000; ++i) {
    if (done(store.stats())) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

/// A session record with only the id and transcript set.
inline session_record session(std::string id, std::string transcript = "") {
  session_record r;
  r.session_id = std::move(id);
  r.transcript = std::move(transcript);
  return r;
}

}  // namespace exomock::store::testing
