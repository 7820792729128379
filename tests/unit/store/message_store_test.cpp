// message_store: every field survives byte for byte, flush waits for the commit,
// a reopened file keeps data and schema, and a broken or locked SQLite file never
// refuses or delays mail: it only holds up the indexer, which catches up later.
#include "store/message_store.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <future>
#include <thread>

#include "store/schema.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

using namespace std::chrono;

std::string all_bytes() {
  std::string s;
  for (int i = 0; i < 256; ++i) {
    s += static_cast<char>(i);
  }
  return s;
}

TEST_P(store_test, every_field_round_trips_byte_for_byte) {
  captured_message m;
  m.session_id = "0123456789abcdef";
  m.listener = "legacy\xc3\xa9";
  m.client_ip = "2001:db8::1";
  m.client_port = 65535;
  m.helo = std::string("[192.0.2.1]\0odd", 15);
  m.login = "\"o'brien\"@contoso.com";
  m.auth_mechanism = "XOAUTH2";
  m.mail_from = "sender\\x@contoso.com";
  m.rcpt_to = {"a@contoso.com", "\"q\\\"uote\"@x", std::string("ctl\x01\0\n", 6), "\xff\xfe"};
  m.mail_parameters = "SIZE=123 BODY=8BITMIME SMTPUTF8";
  m.message_id = "<id@host>";
  m.tls_version = "TLSv1.3";
  m.tls_cipher = "TLS_AES_256_GCM_SHA384";
  m.bdat = true;
  m.raw = all_bytes() + std::string("\0\0\r\n.\r\n", 7) + all_bytes();
  m.session_started = sys_days{2024y / May / 1} + 9h + 30min + 1s + 5ms;
  m.received = m.session_started + 2500ms;

  auto store = open_store();
  const auto result = submit_and_wait(*store, m);
  ASSERT_TRUE(result.ok);
  EXPECT_GT(result.id, 0);

  auto reader = open_reader();
  const auto back = reader->message(result.id);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->session_id, m.session_id);
  EXPECT_EQ(back->listener, m.listener);
  EXPECT_EQ(back->client_ip, m.client_ip);
  EXPECT_EQ(back->client_port, m.client_port);
  EXPECT_EQ(back->helo, m.helo);
  EXPECT_EQ(back->login, m.login);
  EXPECT_EQ(back->auth_mechanism, m.auth_mechanism);
  EXPECT_EQ(back->mail_from, m.mail_from);
  EXPECT_EQ(back->rcpt_to, m.rcpt_to);
  EXPECT_EQ(back->mail_parameters, m.mail_parameters);
  EXPECT_EQ(back->message_id, m.message_id);
  EXPECT_EQ(back->tls_version, m.tls_version);
  EXPECT_EQ(back->tls_cipher, m.tls_cipher);
  EXPECT_EQ(back->bdat, m.bdat);
  EXPECT_EQ(back->raw, m.raw);
  EXPECT_EQ(back->session_started, m.session_started);
  EXPECT_EQ(back->received, m.received);
  EXPECT_EQ(reader->raw(result.id), m.raw);
  EXPECT_EQ(reader->raw(result.id + 1), std::nullopt);

  const auto list = reader->list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, result.id);
  EXPECT_EQ(list[0].received, "2024-05-01T09:30:03.505Z");
  EXPECT_EQ(list[0].session_id, m.session_id);
  EXPECT_EQ(list[0].listener, m.listener);
  EXPECT_EQ(list[0].client_ip, m.client_ip);
  EXPECT_EQ(list[0].login, m.login);
  EXPECT_EQ(list[0].mail_from, m.mail_from);
  EXPECT_EQ(list[0].rcpt_to, m.rcpt_to);
  EXPECT_EQ(list[0].size, m.raw.size());
  EXPECT_EQ(list[0].tls_version, m.tls_version);
  EXPECT_EQ(list[0].message_id, m.message_id);

  // The column holds the JSON text itself, as the sqlite3 shell shows it.
  EXPECT_EQ(
      side_int("SELECT rcpt_to = '[\"a@contoso.com\",\"\\\"q\\\\\\\"uote\\\"@x\","
               "\"ctl\\u0001\\u0000\\n\",\"' || CAST(X'fffe' AS TEXT) || '\"]' FROM messages"),
      1);
  EXPECT_EQ(side_int("SELECT typeof(raw) = 'blob' AND length(raw) = 519 FROM message_bodies"), 1);
}

TEST_P(store_test, empty_fields_stay_empty_not_null) {
  captured_message m;
  auto store = open_store();
  const auto result = submit_and_wait(*store, m);
  ASSERT_TRUE(result.ok);
  const auto back = open_reader()->message(result.id);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->raw, "");
  EXPECT_TRUE(back->rcpt_to.empty());
  EXPECT_EQ(side_int("SELECT typeof(raw) = 'blob' AND typeof(login) = 'text' FROM messages "
                     "JOIN message_bodies USING (id)"),
            1);
}

TEST_P(store_test, flush_waits_for_every_queued_message) {
  auto store = open_store();
  std::atomic<int> done{0};
  for (int i = 0; i < 200; ++i) {
    store->submit(small_message(i), [&](bool ok, std::int64_t) { done += ok ? 1 : 1000; });
  }
  store->flush();
  EXPECT_EQ(done.load(), 200);
  EXPECT_EQ(open_reader()->list().size(), 200u);
  store->flush();  // nothing queued: returns at once
  const auto stats = store->stats();
  EXPECT_EQ(stats.messages_committed, 200u);
  EXPECT_EQ(stats.groups_failed, 0u);
}

TEST_P(store_test, destructor_drains_the_queue) {
  std::atomic<int> done{0};
  {
    auto store = open_store();
    for (int i = 0; i < 50; ++i) {
      store->submit(small_message(i), [&](bool ok, std::int64_t) { done += ok ? 1 : 1000; });
    }
    store->record(session("last"));
  }
  EXPECT_EQ(done.load(), 50);
  auto reader = open_reader();
  EXPECT_EQ(reader->list().size(), 50u);
  EXPECT_EQ(reader->transcript("last"), "");
}

TEST_P(store_test, session_record_keeps_its_transcript) {
  const std::string transcript =
      "S: 220 smtp.office365.com Microsoft ESMTP MAIL Service ready\r\n"
      "C: EHLO printer\r\nC: AUTH LOGIN ********\r\nS: 235 2.7.0 Authentication successful\r\n";
  auto store = open_store();
  session_record r = session("00000000000000aa", transcript);
  r.listener = "submission";
  r.client_ip = "192.0.2.9";
  r.client_port = 1234;
  r.login = "u@contoso.com";
  r.tls_version = "TLSv1.2";
  r.tls_cipher = "AES";
  r.started = system_clock::now();
  r.ended = r.started + 1s;
  store->record(r);
  store->flush();
  auto reader = open_reader();
  EXPECT_EQ(reader->transcript("00000000000000aa"), transcript);
  EXPECT_EQ(reader->transcript("nope"), std::nullopt);
  const auto read = reader->session("00000000000000aa");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->listener, "submission");
  EXPECT_EQ(read->client_ip, "192.0.2.9");
  EXPECT_EQ(read->client_port, 1234);
  EXPECT_EQ(read->login, "u@contoso.com");
  EXPECT_EQ(read->tls_cipher, "AES");
  EXPECT_EQ(read->transcript, transcript);
  EXPECT_EQ(std::chrono::floor<std::chrono::milliseconds>(read->ended),
            std::chrono::floor<std::chrono::milliseconds>(r.ended));
  EXPECT_EQ(reader->session("nope"), std::nullopt);
  EXPECT_EQ(side_int("SELECT client_port FROM sessions"), 1234);
  EXPECT_EQ(store->stats().sessions_committed, 1u);

  // The same id again replaces the record instead of failing a whole group.
  store->record(session("00000000000000aa", "again"));
  const auto second = submit_and_wait(*store, small_message(1));
  EXPECT_TRUE(second.ok);
  EXPECT_EQ(reader->transcript("00000000000000aa"), "again");
}

TEST_P(store_test, reopen_keeps_data_and_schema) {
  std::int64_t first_id = 0;
  {
    auto store = open_store();
    first_id = submit_and_wait(*store, small_message(1)).id;
  }
  // Every migration step ran: the file is at the newest schema.
  EXPECT_EQ(side_int("PRAGMA user_version"), store::schema_version());
  EXPECT_GE(side_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 2);
  auto store = open_store();
  const auto second = submit_and_wait(*store, small_message(2));
  ASSERT_TRUE(second.ok);
  EXPECT_GT(second.id, first_id);
  EXPECT_EQ(side_int("PRAGMA user_version"), store::schema_version());
  EXPECT_EQ(side_text("PRAGMA journal_mode"), "wal");
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, first_id);
  EXPECT_EQ(list[1].id, second.id);
  EXPECT_EQ(list[0].message_id, "<1@printer.example>");
}

// A file from before step 8 held each message's bytes in the messages row; the
// upgrade moves them to message_bodies and a delete still removes both.
TEST_P(store_test, step_8_moves_message_bytes_out_of_the_messages_row) {
  std::int64_t id = 0;
  {
    auto store = open_store();
    id = submit_and_wait(*store, small_message(1)).id;
  }
  side_exec(
      "ALTER TABLE messages ADD COLUMN raw BLOB NOT NULL DEFAULT x''; "
      "ALTER TABLE messages ADD COLUMN search_text TEXT NOT NULL DEFAULT ''; "
      "UPDATE messages SET (raw, search_text) = (SELECT raw, search_text FROM message_bodies "
      "WHERE id = messages.id); "
      "DROP TRIGGER message_bodies_follow; DROP TABLE message_bodies; DROP INDEX messages_unread; "
      "DROP TABLE admin_audit; DROP TABLE fault_counts; ALTER TABLE signins DROP COLUMN "
      "smtp_reply; "
      "PRAGMA user_version = 7;");
  auto store = open_store();
  EXPECT_EQ(side_int("PRAGMA user_version"), store::schema_version());
  EXPECT_EQ(side_int("SELECT count(*) FROM pragma_table_info('messages') "
                     "WHERE name IN ('raw', 'search_text')"),
            0);
  const auto reader = open_reader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->raw(id), small_message(1).raw);
  side_exec("DELETE FROM messages");
  EXPECT_EQ(side_int("SELECT count(*) FROM message_bodies"), 0);
}

TEST_P(store_test, a_dropped_table_fails_indexing_but_never_the_mail) {
  auto store = open_store();
  ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
  store->flush();
  side_exec("DROP TABLE messages");
  const auto accepted = submit_and_wait(*store, small_message(2));
  EXPECT_TRUE(accepted.ok);
  EXPECT_GT(accepted.id, 0);
  store->flush();  // returns after the failed indexing pass instead of hanging
  const auto stats = store->stats();
  EXPECT_EQ(stats.groups_failed, 0u);
  EXPECT_GE(stats.index_failures, 1u);
  EXPECT_NE(stats.last_index_error.find("messages"), std::string::npos) << stats.last_index_error;
}

TEST_P(store_test, a_locked_database_does_not_delay_the_250) {
  auto store = open_store();
  store->flush();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "exomock.sqlite3").string().c_str(), &other), SQLITE_OK);
  // The indexer may be in a transaction of its own (filling the mailbox view): wait it out.
  sqlite3_busy_timeout(other, 10000);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto accepted = submit_and_wait(*store, small_message(1));  // SQLite is not asked
  EXPECT_TRUE(accepted.ok);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  store->flush();
  EXPECT_EQ(open_reader()->list().size(), 1u);
}

TEST_P(store_test, the_indexer_recovers_after_a_long_lock) {
  auto store = open_store();
  ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
  store->flush();
  // Hold the write lock from outside, longer than the indexer's busy timeout.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "exomock.sqlite3").string().c_str(), &other), SQLITE_OK);
  // The indexer may be in a transaction of its own (filling the mailbox view): wait it out.
  sqlite3_busy_timeout(other, 10000);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_TRUE(submit_and_wait(*store, small_message(2)).ok);
  EXPECT_TRUE(eventually(*store, [](const store_stats& s) { return s.index_failures > 0; }));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // The indexer retries on its own: the message reaches SQLite without a new write.
  EXPECT_TRUE(eventually(*store, [](const store_stats& s) { return s.entries_indexed >= 2; }));
  EXPECT_EQ(side_int("SELECT count(*) FROM messages"), 2);
}

TEST_P(store_test, a_reader_sees_a_message_the_indexer_has_not_reached) {
  auto store = open_store();
  const auto accepted = submit_and_wait(*store, small_message(7));
  ASSERT_TRUE(accepted.ok);
  // The indexer waits for a pause in the writes; the reader does not wait for it.
  auto reader = open_reader();
  const auto list = reader->list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, accepted.id);
  const auto later = submit_and_wait(*store, small_message(8));
  EXPECT_EQ(reader->raw(later.id), small_message(8).raw);  // a long-lived reader too
  store->flush();  // the indexer finds both applied: nothing twice
  EXPECT_EQ(side_int("SELECT count(*) FROM messages"), 2);
}

// RLIMIT_FSIZE makes the kernel refuse writes past an offset (EFBIG): a disk
// that fills up in the middle of a journal write, reproducibly.
TEST_P(store_test, a_failed_journal_write_answers_ok_false_and_the_next_succeeds) {
  std::string error;
  store_options options;
  options.durability = GetParam();
  options.segment_bytes = 1 << 16;
  auto store = message_store::open(dir_, options, error);
  ASSERT_NE(store, nullptr) << error;
  ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);

  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = saved;
  tight.rlim_cur = 1024;  // inside the first frame's segment, before the next frame ends
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tight), 0);
  captured_message big = small_message(2);
  big.raw = std::string(4000, 'x');
  const auto failed = submit_and_wait(*store, std::move(big));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(failed.id, 0);
  EXPECT_EQ(store->stats().messages_failed, 1u);  // (the void entry's write may fail too)
  EXPECT_NE(store->stats().last_error.find("journal"), std::string::npos)
      << store->stats().last_error;
  const auto retried = submit_and_wait(*store, small_message(3));  // in a new segment
  EXPECT_TRUE(retried.ok);
  store->flush();
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 2u);  // the refused message is not in the capture
  EXPECT_EQ(list[0].message_id, "<1@printer.example>");
  EXPECT_EQ(list[1].message_id, "<3@printer.example>");
}

TEST_P(store_test, segments_start_small_and_a_clean_stop_removes_them) {
  const auto journal_files = [&] {
    std::vector<std::uintmax_t> sizes;
    for (const auto& e : std::filesystem::directory_iterator(dir_ / "journal")) {
      if (e.path().filename() != "lock") {
        sizes.push_back(e.file_size());
      }
    }
    return sizes;
  };
  {
    auto store = open_store();
    ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
    for (const auto size : journal_files()) {  // the segment, maybe its standby
      EXPECT_LE(size, std::uintmax_t{2} << 20);
    }
  }
  EXPECT_TRUE(journal_files().empty());  // everything is in SQLite now
  EXPECT_EQ(side_int("SELECT count(*) FROM messages"), 1);
  auto store = open_store();  // and the next run numbers on
  EXPECT_EQ(submit_and_wait(*store, small_message(2)).id, 2);
}

TEST_P(store_test, a_second_server_on_the_same_directory_is_refused) {
  auto store = open_store();
  std::string error;
  EXPECT_EQ(message_store::open(dir_, error), nullptr);
  EXPECT_NE(error.find("another exomock server"), std::string::npos) << error;
}

TEST_P(store_test, write_durability_answers_when_the_write_returns) {
  if (GetParam() != durability::write) {
    GTEST_SKIP() << "about durability::write only";
  }
  std::string error;
  store_options options;
  options.durability = durability::write;
  auto store = message_store::open(dir_, options, error);
  ASSERT_NE(store, nullptr) << error;
  bool answered = false;
  ASSERT_TRUE(store->submit(small_message(1), [&](bool ok, std::int64_t) { answered = ok; }));
  EXPECT_FALSE(answered);  // queued: nothing written yet
  store->write_queued();
  EXPECT_TRUE(answered);  // on this thread, inside write_queued()
  store->flush();
  EXPECT_EQ(open_reader()->list().size(), 1u);
}

TEST_P(store_test, small_segments_roll_and_indexed_ones_are_deleted) {
  std::string error;
  store_options options;
  options.durability = GetParam();
  options.segment_bytes = 4096;  // smaller than one message below: every group rolls
  auto store = message_store::open(dir_, options, error);
  ASSERT_NE(store, nullptr) << error;
  for (int i = 0; i < 20; ++i) {
    captured_message m = small_message(i);
    m.raw = std::string(3000 + static_cast<std::size_t>(i), static_cast<char>('a' + i));
    ASSERT_TRUE(submit_and_wait(*store, std::move(m)).ok);
  }
  store->flush();
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 20u);
  EXPECT_EQ(list[19].size, 3019u);
  // Only the segment being written is left; the indexed ones are gone.
  std::size_t segments = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "journal")) {
    segments += e.path().extension() == ".jnl" ? 1 : 0;
  }
  EXPECT_EQ(segments, 1u);
}

TEST_P(store_test, open_fails_cleanly_on_a_file_where_the_directory_should_be) {
  std::filesystem::create_directories(dir_.parent_path());
  std::ofstream(dir_) << "not a directory";
  std::string error;
  EXPECT_EQ(message_store::open(dir_, error), nullptr);
  EXPECT_NE(error.find(dir_.string()), std::string::npos) << error;
  std::filesystem::remove(dir_);
}

TEST_P(store_test, open_refuses_a_newer_schema) {
  open_store().reset();
  side_exec("PRAGMA user_version = 99");
  std::string error;
  EXPECT_EQ(message_store::open(dir_, error), nullptr);
  EXPECT_NE(error.find("newer"), std::string::npos) << error;
  EXPECT_EQ(message_reader::open(dir_, error), nullptr);
}

INSTANTIATE_TEST_SUITE_P(durability, store_test,
                         ::testing::Values(durability::fsync, durability::write),
                         [](const ::testing::TestParamInfo<durability>& info) {
                           return info.param == durability::fsync ? "fsync" : "write";
                         });

}  // namespace
}  // namespace exomock::store::testing
