// message_reader: reads alongside a live writer (WAL), pages in id order, and
// explains a missing capture file instead of creating one.
#include <gtest/gtest.h>

#include "store/message_store.hpp"
#include "store_fixture.hpp"

namespace exomock::store::testing {
namespace {

TEST_P(store_test, reader_sees_new_data_while_the_writer_is_open) {
  auto store = open_store();
  store->submit(small_message(1), nullptr);
  store->flush();
  auto reader = open_reader();
  ASSERT_EQ(reader->list().size(), 1u);
  for (int i = 2; i <= 5; ++i) {
    store->submit(small_message(i), nullptr);
  }
  store->flush();
  EXPECT_EQ(reader->list().size(), 5u);  // the same connection, a newer snapshot
  EXPECT_EQ(reader->list().back().message_id, "<5@printer.example>");
}

TEST_P(store_test, reader_works_after_the_writer_closed) {
  open_store()->submit(small_message(1), nullptr);  // the destructor drains
  auto reader = open_reader();
  EXPECT_EQ(reader->list().size(), 1u);
  // A reader open while the server starts again still sees the new rows.
  auto store = open_store();
  store->submit(small_message(2), nullptr);
  store->flush();
  EXPECT_EQ(reader->list().size(), 2u);
}

TEST_P(store_test, list_pages_in_id_order) {
  auto store = open_store();
  for (int i = 0; i < 10; ++i) {
    store->submit(small_message(i), nullptr);
  }
  store->flush();
  auto reader = open_reader();
  const auto all = reader->list();
  ASSERT_EQ(all.size(), 10u);
  const auto page = reader->list(all[2].id, 3);
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page[0].id, all[3].id);
  EXPECT_EQ(page[2].id, all[5].id);
  EXPECT_EQ(reader->list(all[9].id, 3).size(), 0u);
  EXPECT_EQ(reader->list(0, std::numeric_limits<std::size_t>::max()).size(), 10u);
}

TEST_P(store_test, reader_reports_a_missing_capture_file) {
  std::string error;
  EXPECT_EQ(message_reader::open(dir_, error), nullptr);
  EXPECT_NE(error.find("no capture file"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "exomock.sqlite3"));
}

TEST_P(store_test, reader_rejects_a_file_that_is_not_a_capture) {
  std::filesystem::create_directories(dir_);
  side_exec("CREATE TABLE other (x)");
  std::string error;
  EXPECT_EQ(message_reader::open(dir_, error), nullptr);
  EXPECT_NE(error.find("no exomock capture"), std::string::npos) << error;
}

}  // namespace
}  // namespace exomock::store::testing
