// Shared by the mailbox route tests: route_test's store, readers, route table
// and recording event sink, with a scenario of two tenants. Messages are stored
// through the store as SMTP would store them; the MIME columns that the indexer
// fills (schema step 6) are set here through a side connection, so these tests
// do not depend on the MIME layer.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "route_fixture.hpp"

namespace exomock::http::testing {

/// The MIME view of a message, as the indexer would store it.
struct mime_view {
  std::string subject;
  std::string from_json = R"({"Name":"","Address":""})";
  std::string to_json = "[]";
  std::string cc_json = "[]";
  std::string bcc_json = "[]";
  std::string reply_to_json = "[]";
  std::string message_id;
  std::string search_text;
  std::string snippet;
  int attachments = 0;
  int inlines = 0;
};

class mailbox_test : public route_test {
 protected:
  void SetUp() override {
    policy::tenant contoso;
    contoso.name = "Contoso";
    contoso.domains = {"contoso.com", "contoso.net"};
    policy::tenant fabrikam;
    fabrikam.name = "Fabrikam";
    fabrikam.domains = {"fabrikam.com"};
    model_.tenants = {contoso, fabrikam};
    route_test::SetUp();
  }

  /// A message from scanner@contoso.com over submission, received at RECEIVED.
  static store::captured_message message(
      const std::string& rcpt,
      std::chrono::system_clock::time_point received = std::chrono::system_clock::time_point{} +
                                                       std::chrono::hours(24 * 365 * 56)) {
    store::captured_message m = store::testing::small_message(1);
    m.session_id = "00000000000000AA";
    m.rcpt_to = {rcpt};
    m.mail_parameters.clear();
    m.path = "submission";
    m.raw = "Subject: test\r\n\r\nhello\r\n";
    m.session_started = received;
    m.received = received;
    return m;
  }

  /// Stores M as SMTP would, with VIEW as its MIME columns; its id.
  std::int64_t add(store::captured_message m, const mime_view& view = {}) {
    const std::int64_t n = capture(std::move(m));  // indexed: the side connection finds the row
    set_view(n, view);
    return n;
  }

  void set_view(std::int64_t id, const mime_view& v) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "exomock.sqlite3").string().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "UPDATE messages SET mime_indexed = 1, subject = ?1, "
                                 "from_json = ?2, to_json = ?3, cc_json = ?4, bcc_json = ?5, "
                                 "reply_to_json = ?6, header_message_id = ?7, "
                                 "snippet = ?9, attachments = ?10, inlines = ?11 WHERE id = ?12; ",
                                 -1, &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    const std::string* texts[] = {&v.subject,    &v.from_json,   &v.to_json,
                                  &v.cc_json,    &v.bcc_json,    &v.reply_to_json,
                                  &v.message_id, &v.search_text, &v.snippet};
    for (int i = 0; i < 9; ++i) {
      sqlite3_bind_text(st, i + 1, texts[i]->c_str(), -1, SQLITE_TRANSIENT);
    }
    sqlite3_bind_int(st, 10, v.attachments);
    sqlite3_bind_int(st, 11, v.inlines);
    sqlite3_bind_int64(st, 12, id);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
    // ?8, the searched text, lives beside the bytes (schema step 8).
    ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE message_bodies SET search_text = ?1 WHERE id = ?2", -1,
                                 &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_bind_text(st, 1, v.search_text.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  /// Runs one request through the route table (no access check), deferred or not.
  route_result run(const std::string& method, const std::string& target) {
    request r;
    r.method = method;
    EXPECT_TRUE(parse_target(target, r)) << target;
    return routes_.dispatch(r, *context_);
  }
  /// The body of a 200 JSON response, parsed.
  boost::json::value get_json(const std::string& target) {
    const response r = call("GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    return boost::json::parse(r.body);
  }
};

/// MessagesSummary's keys, in Mailpit's order.
inline const std::vector<std::string> envelope_keys = {
    "total", "unread", "count", "messages_count", "messages_unread", "start", "tags", "messages"};

/// The keys of a JSON object, in order.
inline std::vector<std::string> keys(const boost::json::value& v) {
  std::vector<std::string> out;
  for (const auto& [key, value] : v.as_object()) {
    (void)value;
    out.emplace_back(key);
  }
  return out;
}

/// The IDs of an envelope's messages, in order.
inline std::vector<std::string> ids(const boost::json::value& envelope) {
  std::vector<std::string> out;
  for (const auto& m : envelope.at("messages").as_array()) {
    out.emplace_back(m.at("ID").as_string());
  }
  return out;
}

}  // namespace exomock::http::testing
