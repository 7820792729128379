// The journal: frames round-trip every field, damaged or torn frames end a
// segment instead of being misread, and a store opened after a crash applies
// what the crashed run journaled but never indexed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <future>

#include "store/index_writer.hpp"
#include "store/journal_applier.hpp"
#include "store/journal_record.hpp"
#include "store/journal_writer.hpp"
#include "store/message_store.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

using namespace std::chrono;

TEST(journal_record, crc32c_matches_the_standard_check_value) {
  // RFC 3720 (iSCSI) B.4 and every CRC catalogue: CRC-32C("123456789") = 0xE3069283.
  EXPECT_EQ(crc32c("123456789"), 0xE3069283U);
  EXPECT_EQ(crc32c_portable("123456789"), 0xE3069283U);
  std::string bytes;
  for (int i = 0; i < 1000; ++i) {
    bytes += static_cast<char>(i * 7);
    ASSERT_EQ(crc32c(bytes), crc32c_portable(bytes)) << "length " << bytes.size();
  }
}

TEST(journal_record, a_message_round_trips_with_its_id) {
  journaled_message j{42, small_message(3)};
  j.message.raw = std::string("\0\r\n.\r\n\xff", 7);
  j.message.rcpt_to = {"a@contoso.com", "", "b@x"};
  j.message.bdat = true;
  j.message.released = j.message.received + 90s;
  const std::string frame = encode_frame(j);
  const auto decoded = decode_frame(frame + std::string(16, '\0'));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->size, frame.size());
  const auto& back = std::get<journaled_message>(decoded->entry);
  EXPECT_EQ(back.id, 42);
  EXPECT_EQ(back.message.raw, j.message.raw);
  EXPECT_EQ(back.message.rcpt_to, j.message.rcpt_to);
  EXPECT_TRUE(back.message.bdat);
  EXPECT_EQ(back.message.received, j.message.received);
  EXPECT_EQ(back.message.released, j.message.released);
  EXPECT_EQ(back.message.tls_cipher, j.message.tls_cipher);
}

TEST(journal_record, sessions_and_sign_ins_round_trip) {
  session_record s = session("00000000000000ab", "S: 220 ready\r\n");
  s.client_port = 65535;
  const auto ds = decode_frame(encode_frame(s));
  ASSERT_TRUE(ds);
  EXPECT_EQ(std::get<session_record>(ds->entry).transcript, s.transcript);
  EXPECT_EQ(std::get<session_record>(ds->entry).client_port, 65535);
  sign_in_record e;
  e.id = "guid";
  e.error_code = 50126;
  e.user_principal_name = "alice@contoso.com";
  e.smtp_reply = "535 5.7.3 Authentication unsuccessful [X.prod.outlook.com]";
  const auto de = decode_frame(encode_frame(e));
  ASSERT_TRUE(de);
  EXPECT_EQ(std::get<sign_in_record>(de->entry).error_code, 50126);
  EXPECT_EQ(std::get<sign_in_record>(de->entry).user_principal_name, e.user_principal_name);
  EXPECT_EQ(std::get<sign_in_record>(de->entry).smtp_reply, e.smtp_reply);
}

TEST(journal_record, damaged_frames_end_the_data) {
  const std::string frame = encode_frame(journaled_message{1, small_message(1)});
  EXPECT_FALSE(decode_frame(std::string(64, '\0')));              // the zero-filled rest
  EXPECT_FALSE(decode_frame(frame.substr(0, frame.size() - 1)));  // torn by a crash
  EXPECT_FALSE(decode_frame(frame.substr(0, 5)));                 // not even a header
  for (const std::size_t at : {std::size_t{4}, std::size_t{9}, frame.size() - 1}) {
    std::string bad = frame;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    EXPECT_FALSE(decode_frame(bad)) << "flipped byte " << at;
  }
  // A frame whose CRC is right but whose fields run past the payload.
  std::string lying = frame;
  lying[journal_frame_header + 1 + 8] = '\x7f';  // session_id length: far too long
  const std::string payload = lying.substr(journal_frame_header);
  const std::uint32_t crc = crc32c(payload);
  for (int i = 0; i < 4; ++i) {
    lying[4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFFU);
  }
  // Written whole (its CRC is right) yet not this build's layout: a newer exomock's.
  const auto foreign = decode_frame(lying);
  ASSERT_TRUE(foreign);
  ASSERT_TRUE(std::holds_alternative<foreign_frame>(foreign->entry));
  EXPECT_TRUE(std::get<foreign_frame>(foreign->entry).known_kind);
  EXPECT_EQ(std::get<foreign_frame>(foreign->entry).bytes, lying);
}

/// A whole frame (right length and CRC) of `kind` with `payload` after the kind byte.
std::string frame_of_kind(std::uint8_t kind, const std::string& payload) {
  const std::string body = std::string(1, static_cast<char>(kind)) + payload;
  std::string frame(journal_frame_header, '\0');
  const std::uint32_t crc = crc32c(body);
  for (int i = 0; i < 4; ++i) {
    frame[i] = static_cast<char>((body.size() >> (8 * i)) & 0xFFU);
    frame[4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFFU);
  }
  return frame + body;
}

TEST(journal_record, a_frame_of_an_unknown_kind_is_foreign_not_damage) {
  const std::string frame = frame_of_kind(9, "fields of a kind from the future");
  const auto decoded = decode_frame(frame + std::string(8, '\0'));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->size, frame.size());
  const auto& f = std::get<foreign_frame>(decoded->entry);
  EXPECT_EQ(f.kind, 9);
  EXPECT_FALSE(f.known_kind);
  EXPECT_EQ(f.bytes, frame);
  EXPECT_EQ(foreign_frame_text(f), "frame kind 9 is newer than this exomock understands");
  std::string torn = frame;
  torn[journal_frame_header + 3] ^= 0x01;  // the same frame damaged: no longer whole
  EXPECT_FALSE(decode_frame(torn));
}

TEST(journal_record, a_large_bodys_frame_pieces_are_its_frame) {
  journaled_message j{5, small_message(5)};
  j.message.raw = std::string(detach_body_above + 3, 'b');
  const std::string whole = encode_frame(j);
  const std::vector<std::string> pieces = encode_frame_pieces(journaled_message(j));
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[1], j.message.raw);  // the body itself, between the fields
  EXPECT_EQ(pieces[0] + pieces[1] + pieces[2], whole);
  // One message for both encodings: small_message stamps the time it is made.
  const journaled_message six{6, small_message(6)};
  const std::vector<std::string> small = encode_frame_pieces(journaled_message(six));
  ASSERT_EQ(small.size(), 1u);
  EXPECT_EQ(small[0], encode_frame(six));
}

/// Writes `frames` as segment N of DIR's journal, as a crashed server would have left it.
void write_segment(const std::filesystem::path& dir, std::int64_t n, const std::string& bytes) {
  std::filesystem::create_directories(journal_directory(dir));
  std::ofstream(segment_path(journal_directory(dir), n), std::ios::binary)
      << bytes << std::string(4096, '\0');
}

TEST_P(store_test, open_applies_what_a_crashed_run_journaled) {
  open_store().reset();  // a capture file, then a "crash" that left two segments behind
  std::string one = encode_frame(journaled_message{1, small_message(1)}) +
                    encode_frame(session("00000000000000c1", "transcript one"));
  const std::string two = encode_frame(journaled_message{2, small_message(2)});
  const std::string torn = encode_frame(journaled_message{3, small_message(3)});
  write_segment(dir_, 1, one);
  write_segment(dir_, 2, two + torn.substr(0, torn.size() / 2));  // torn while writing id 3
  auto store = open_store();
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, 1);
  EXPECT_EQ(list[1].id, 2);
  EXPECT_EQ(open_reader()->transcript("00000000000000c1"), "transcript one");
  // The next message gets the next id, in a new segment; the applied ones are gone.
  std::promise<std::int64_t> id;
  if (store->submit(small_message(4), [&](bool, std::int64_t i) { id.set_value(i); })) {
    store->write_queued();
  }
  EXPECT_EQ(id.get_future().get(), 3);
  EXPECT_FALSE(std::filesystem::exists(segment_path(journal_directory(dir_), 1)));
  EXPECT_FALSE(std::filesystem::exists(segment_path(journal_directory(dir_), 2)));
  EXPECT_TRUE(std::filesystem::exists(segment_path(journal_directory(dir_), 3)));
}

/// Flips one byte of the only journal segment at `offset`.
void flip_byte(const std::filesystem::path& dir, std::int64_t offset) {
  for (const auto& e : std::filesystem::directory_iterator(journal_directory(dir))) {
    if (e.path().extension() == ".jnl") {
      std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(offset);
      char c = 0;
      f.get(c);
      f.seekp(offset);
      f.put(static_cast<char>(c ^ 0x01));
      return;
    }
  }
  FAIL() << "no segment";
}

TEST_P(store_test, damage_in_a_crashed_runs_segment_loses_only_the_damaged_frame) {
  open_store().reset();
  const std::string one = encode_frame(journaled_message{1, small_message(1)});
  std::string two = encode_frame(journaled_message{2, small_message(2)});
  two[two.size() / 2] = static_cast<char>(two[two.size() / 2] ^ 0x40);  // a bad disk block
  const std::string three = encode_frame(journaled_message{3, small_message(3)});
  write_segment(dir_, 1, one + two + three);
  write_segment(dir_, 2, encode_frame(journaled_message{4, small_message(4)}));
  auto store = open_store();
  EXPECT_EQ(store->stats().entries_recovered, 3u);
  EXPECT_EQ(store->stats().journal_bytes_skipped, static_cast<std::int64_t>(two.size()));
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, 1);
  EXPECT_EQ(list[1].id, 3);
  EXPECT_EQ(list[2].id, 4);
}

TEST_P(store_test, damage_in_the_live_segment_fails_indexing_without_hanging) {
  {
    auto store = open_store();
    ASSERT_TRUE(submit_and_wait(*store, small_message(1)).ok);
    store->flush();
    const auto first_frame =
        static_cast<std::int64_t>(encode_frame(journaled_message{1, small_message(1)}).size());
    ASSERT_TRUE(submit_and_wait(*store, small_message(2)).ok);
    flip_byte(dir_, first_frame + 40);  // inside message 2, before anyone indexed it
    ASSERT_TRUE(submit_and_wait(*store, small_message(3)).ok);
    store->flush();  // returns: the stuck indexer counts as a failure
    EXPECT_GE(store->stats().index_failures, 1u);
    EXPECT_NE(store->stats().last_index_error.find("damaged"), std::string::npos)
        << store->stats().last_index_error;
  }  // and the destructor returns too, leaving the journal for the next run
  auto store = open_store();  // whose recovery passes over the damaged frame
  EXPECT_GT(store->stats().journal_bytes_skipped, 0);
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].message_id, "<1@printer.example>");
  EXPECT_EQ(list[1].message_id, "<3@printer.example>");
}

TEST_P(store_test, recovery_keeps_a_newer_kinds_frame_aside_and_indexes_what_follows) {
  open_store().reset();
  const std::string one = encode_frame(journaled_message{1, small_message(1)});
  const std::string future = frame_of_kind(9, "a newer exomock's entry");
  const std::string two = encode_frame(journaled_message{2, small_message(2)});
  write_segment(dir_, 1, one + future + two);
  auto store = open_store();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->stats().entries_recovered, 2u);
  EXPECT_EQ(store->stats().journal_bytes_skipped, 0);  // not damage
  const journal_position at{1, static_cast<std::int64_t>(one.size())};
  ASSERT_EQ(store->stats().foreign_frames.size(), 1u);
  EXPECT_EQ(store->stats().foreign_frames[0],
            "journal segment 000000000001.jnl offset " + std::to_string(one.size()) +
                ": frame kind 9 is newer than this exomock understands; skipped, kept as " +
                foreign_frame_path(dir_, at).string() + " for a newer exomock");
  std::ifstream kept(foreign_frame_path(dir_, at), std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), future);
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, 1);
  EXPECT_EQ(list[1].id, 2);
}

TEST_P(store_test, a_reader_beside_a_newer_server_stops_before_its_frame) {
  open_store().reset();
  const std::string one = encode_frame(journaled_message{1, small_message(1)});
  write_segment(
      dir_, 1, one + frame_of_kind(12, "x") + encode_frame(journaled_message{2, small_message(2)}));
  std::string error;
  auto index = index_writer::open(dir_ / "exomock.sqlite3", error);
  ASSERT_NE(index, nullptr) << error;
  apply_result r;
  ASSERT_TRUE(apply_journal(*index, dir_, journal_scan::live, r, error)) << error;
  EXPECT_EQ(r.entries, 1u);
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.applied, (journal_position{1, static_cast<std::int64_t>(one.size())}));
  ASSERT_EQ(r.foreign.size(), 1u);
  EXPECT_EQ(r.foreign[0], "journal segment 000000000001.jnl offset " + std::to_string(one.size()) +
                              ": frame kind 12 is newer than this exomock understands; left for "
                              "the server that wrote it");
  // Applying again changes nothing: the newer server's frame stays where it is.
  ASSERT_TRUE(apply_journal(*index, dir_, journal_scan::live, r, error)) << error;
  EXPECT_EQ(r.entries, 0u);
  EXPECT_FALSE(std::filesystem::exists(foreign_frame_path(dir_, r.applied)));
}

// A reader inside a busy server stops where the journal ended when its query
// came, instead of chasing frames written while it applies (under a steady load
// that chase lasted as long as the load).
TEST_P(store_test, a_bounded_catch_up_stops_once_sqlite_reaches_the_bound) {
  open_store().reset();
  std::string frames;
  constexpr int total = 5000;  // more than one batch of 4096
  for (int id = 1; id <= total; ++id) {
    frames += encode_frame(journaled_message{id, small_message(id)});
  }
  const std::string first = encode_frame(journaled_message{1, small_message(1)});
  write_segment(dir_, 1, frames);
  std::string error;
  auto index = index_writer::open(dir_ / "exomock.sqlite3", error);
  ASSERT_NE(index, nullptr) << error;
  apply_result r;
  const journal_position bound{1, static_cast<std::int64_t>(first.size())};
  ASSERT_TRUE(apply_journal(*index, dir_, journal_scan::live, r, error, bound)) << error;
  EXPECT_EQ(r.entries, 4096u);  // the one batch that reached the bound, no more
  ASSERT_TRUE(apply_journal(*index, dir_, journal_scan::live, r, error)) << error;
  EXPECT_EQ(r.entries, static_cast<std::size_t>(total - 4096));  // unbounded: the rest
  EXPECT_EQ(r.applied, (journal_position{1, static_cast<std::int64_t>(frames.size())}));
}

TEST(journal_record, a_frame_in_its_own_string_becomes_the_body) {
  journaled_message j{8, small_message(8)};
  j.message.raw = std::string(3 << 20, 'r') + "end";
  std::string frame = encode_frame(j);
  const auto decoded = decode_frame(std::move(frame));
  ASSERT_TRUE(decoded);
  const auto& back = std::get<journaled_message>(decoded->entry);
  EXPECT_EQ(back.message.raw, j.message.raw);
  EXPECT_EQ(back.message.released, j.message.released);
  EXPECT_EQ(back.message.session_id, j.message.session_id);
}

TEST_P(store_test, large_messages_go_through_the_journal_and_sqlite_whole) {
  {
    auto store = open_store();
    captured_message big = small_message(1);
    big.raw = "Subject: big\r\n\r\n" + std::string(5 << 20, 'b') + "\r\n";
    ASSERT_TRUE(submit_and_wait(*store, big).ok);
    ASSERT_TRUE(submit_and_wait(*store, small_message(2)).ok);
  }  // indexed by the server's indexer at close
  open_store().reset();
  write_segment(dir_, 50, encode_frame(journaled_message{3, [] {
                                                           captured_message m = small_message(3);
                                                           m.raw = std::string(3 << 20, 'c');
                                                           return m;
                                                         }()}));  // and by recovery
  auto store = open_store();
  const auto reader = open_reader();
  EXPECT_EQ(reader->raw(1), "Subject: big\r\n\r\n" + std::string(5 << 20, 'b') + "\r\n");
  EXPECT_EQ(reader->raw(2), small_message(2).raw);
  EXPECT_EQ(reader->raw(3), std::string(3 << 20, 'c'));
}

TEST(journal_record, a_void_entry_round_trips) {
  const auto decoded = decode_frame(encode_frame(void_record{{7, 9, 1LL << 40}}));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::get<void_record>(decoded->entry).ids,
            (std::vector<std::int64_t>{7, 9, 1LL << 40}));
}

TEST_P(store_test, a_void_entry_takes_a_refused_message_out_again) {
  open_store().reset();
  write_segment(dir_, 1,
                encode_frame(journaled_message{1, small_message(1)}) +
                    encode_frame(journaled_message{2, small_message(2)}) +
                    encode_frame(void_record{{2}}));  // message 2's sync failed
  const auto list = open_reader()->list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, 1);
}

TEST_P(store_test, a_session_record_alone_is_written_within_the_lazy_window) {
  auto store = open_store();
  store->record(session("00000000000000d1", "alone"));
  // No message comes to carry it: the sync thread writes it after 200 ms, and
  // a reader finds it in the journal without any flush.
  std::optional<std::string> seen;
  for (int i = 0; i < 100 && !seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    seen = open_reader()->transcript("00000000000000d1");
  }
  EXPECT_EQ(seen, "alone");
}

TEST_P(store_test, a_torn_length_claiming_gigabytes_ends_the_segment) {
  open_store().reset();
  const std::string good = encode_frame(journaled_message{1, small_message(1)});
  write_segment(dir_, 1, good + std::string("\xf0\xff\xff\xff\x01\x02\x03\x04garbage", 15));
  write_segment(dir_, 2, encode_frame(journaled_message{2, small_message(2)}));
  const auto list = open_reader()->list();  // segment 2 was listed: segment 1 is complete
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].id, 2);
}

TEST_P(store_test, a_reader_applies_a_crashed_runs_journal_too) {
  open_store().reset();
  write_segment(dir_, 5, encode_frame(journaled_message{9, small_message(9)}));
  const auto list = open_reader()->list();  // no server running: the reader catches up
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, 9);
  // Applied exactly once, whoever comes next.
  EXPECT_EQ(open_reader()->list().size(), 1u);
  auto store = open_store();
  EXPECT_EQ(open_reader()->list().size(), 1u);
}

}  // namespace
}  // namespace exomock::store::testing
