// The journal: frames round-trip every field, damaged or torn frames end a
// segment instead of being misread, and a store opened after a crash applies
// what the crashed run journaled but never indexed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <future>

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
  const auto de = decode_frame(encode_frame(e));
  ASSERT_TRUE(de);
  EXPECT_EQ(std::get<sign_in_record>(de->entry).error_code, 50126);
  EXPECT_EQ(std::get<sign_in_record>(de->entry).user_principal_name, e.user_principal_name);
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
  EXPECT_FALSE(decode_frame(lying));
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
