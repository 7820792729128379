// The admin audit table (schema step 9): a change journaled with write_queued()
// is read back at once by a reader that catches up with the journal, newest
// first; the journal frame round-trips.
#include "store/audit_reader.hpp"
#include "store/journal_record.hpp"
#include "store_fixture.hpp"

namespace exomock::store {
namespace {

using testing::store_test;

admin_record change(std::string operation, std::string target, std::string fields) {
  return {std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{9},
          std::move(operation), std::move(target), std::move(fields)};
}

TEST_P(store_test, admin_changes_read_back_newest_first_once_written) {
  auto store = open_store();
  std::string error;
  const auto reader = audit_reader::open(dir_, error);
  ASSERT_NE(reader, nullptr) << error;
  store->record(change("Set-CASMailbox", "printer@contoso.com",
                       R"({"smtp_client_authentication_disabled":false})"));
  store->record(change("Update user", "branch@contoso.com", R"({"password":"********"})"));
  store->write_queued();  // no flush: the reader applies the journal itself
  const auto rows = reader->admin_changes(10, error);
  ASSERT_TRUE(rows) << error;
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].record.operation, "Update user");
  EXPECT_EQ((*rows)[0].record.fields, R"({"password":"********"})");
  EXPECT_EQ((*rows)[1].record.target, "printer@contoso.com");
  EXPECT_EQ((*rows)[1].recorded, "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(reader->admin_changes(1, error)->size(), 1U);
}

TEST(admin_record_frame, round_trips) {
  const admin_record r = change("Set clock", "scenario clock", R"({"advance":"25h"})");
  const std::string frame = encode_frame(r);
  const auto decoded = decode_frame(frame);
  ASSERT_TRUE(decoded);
  const auto* back = std::get_if<admin_record>(&decoded->entry);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->recorded, r.recorded);
  EXPECT_EQ(back->operation, r.operation);
  EXPECT_EQ(back->fields, r.fields);
  EXPECT_EQ(decoded->size, frame.size());
}

}  // namespace
}  // namespace exomock::store
