// The sign-in log table: events queued with record() commit with the next group
// and read back in order; a capture file from before the table is explained.
#include <regex>

#include "store/message_reader.hpp"
#include "store/sign_in_record.hpp"
#include "store_fixture.hpp"

namespace exomock::store {
namespace {

using testing::store_test;

sign_in_record event(std::string upn, int code) {
  sign_in_record r;
  r.id = new_guid();
  r.created = std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{17};
  r.user_principal_name = std::move(upn);
  r.ip_address = "127.0.0.1";
  r.conditional_access_status = "notApplied";
  r.error_code = code;
  r.failure_reason = code == 0 ? "Other." : "Error validating credentials.";
  r.session_id = "08DF4D4F5EE94201";
  r.mechanism = "LOGIN";
  return r;
}

std::vector<sign_in_row> read_all(const std::filesystem::path& dir) {
  std::string error;
  const auto reader = message_reader::open(dir, error);
  EXPECT_NE(reader, nullptr) << error;
  auto rows = reader ? reader->sign_ins(error) : std::nullopt;
  EXPECT_TRUE(rows.has_value()) << error;
  return rows.value_or(std::vector<sign_in_row>{});
}

TEST_P(store_test, sign_ins_commit_and_read_back_in_order) {
  auto store = open_store();
  store->record(event("scanner@contoso.com", 0));
  store->record(event("alice@contoso.com", 50126));
  store->flush();
  const auto rows = read_all(dir_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].record.user_principal_name, "scanner@contoso.com");
  EXPECT_EQ(rows[0].created, "2026-11-28T17:00:00.000Z");
  EXPECT_EQ(rows[1].record.error_code, 50126);
  EXPECT_EQ(rows[1].record.mechanism, "LOGIN");
  EXPECT_NE(rows[0].record.id, rows[1].record.id);
}

TEST_P(store_test, new_guid_is_a_version_4_guid) {
  const std::regex guid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (int i = 0; i < 100; ++i) {
    EXPECT_TRUE(std::regex_match(new_guid(), guid));
  }
}

// A file from before the sign-in log: the read-only reader says so rather than
// failing on a missing table (the writer migrates it when a server opens it).
TEST_P(store_test, a_file_without_the_sign_in_log_is_explained) {
  open_store().reset();
  side_exec("DROP TABLE signins; PRAGMA user_version = 1;");
  std::string error;
  const auto reader = message_reader::open(dir_, error);
  ASSERT_NE(reader, nullptr) << error;
  EXPECT_EQ(reader->sign_ins(error), std::nullopt);
  EXPECT_NE(error.find("sign-in log"), std::string::npos) << error;
}

}  // namespace
}  // namespace exomock::store
