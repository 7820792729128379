// Reading the sign-in log back, and GUIDs for new records. Same rules as
// message_reader: a read-only connection that WAL lets read beside the server.
#include <iomanip>
#include <random>
#include <sstream>

#include "store/journal_indexer.hpp"
#include "store/schema.hpp"
#include "store/sign_in_record.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

std::string new_guid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::uint64_t hi = rng();
  const std::uint64_t lo = rng();
  // RFC 9562 version 4: version nibble 4, variant bits 10.
  const std::uint64_t a = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  const std::uint64_t b = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  std::ostringstream out;
  out << std::hex << std::setfill('0') << std::setw(8) << (a >> 32) << '-' << std::setw(4)
      << ((a >> 16) & 0xFFFF) << '-' << std::setw(4) << (a & 0xFFFF) << '-' << std::setw(4)
      << (b >> 48) << '-' << std::setw(12) << (b & 0xFFFFFFFFFFFFULL);
  return out.str();
}

struct sign_in_reader::impl {
  explicit impl(const std::filesystem::path& dir) : journal(dir) {}
  journal_catch_up journal;  // runs before every query
  database db;
  statement list;
};

sign_in_reader::sign_in_reader(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
sign_in_reader::~sign_in_reader() = default;

std::unique_ptr<sign_in_reader> sign_in_reader::open(const std::filesystem::path& dir,
                                                     std::string& error) {
  const auto file = dir / "exomock.sqlite3";
  auto p = std::make_unique<impl>(dir);
  std::string ignored;  // a read-only copy of a data directory is still readable
  p->journal.run(ignored);
  p->db = open_capture(dir, error);
  if (!p->db) {
    return nullptr;
  }
  std::int64_t version = 0;
  if (query_int(p->db.get(), "PRAGMA user_version", version, error) && version < 2) {
    error =
        file.string() + ": written by an exomock without a sign-in log; run a newer server on it";
    return nullptr;
  }
  p->list = prepare(p->db.get(),
                    "SELECT row, id, created, user_principal_name, ip_address, "
                    "conditional_access_status, error_code, failure_reason, session_id, mechanism, "
                    "app_id FROM signins ORDER BY row",
                    error);
  if (!p->list) {
    return nullptr;
  }
  return std::unique_ptr<sign_in_reader>(new sign_in_reader(std::move(p)));
}

std::vector<sign_in_row> sign_in_reader::list() const {
  std::vector<sign_in_row> rows;
  std::string ignored;
  impl_->journal.run(ignored);
  sqlite3_stmt* s = impl_->list.get();
  const statement_use use(s);
  while (sqlite3_step(s) == SQLITE_ROW) {
    sign_in_row r;
    r.row = sqlite3_column_int64(s, 0);
    r.record.id = column_bytes(s, 1);
    r.created = column_bytes(s, 2);
    r.record.user_principal_name = column_bytes(s, 3);
    r.record.ip_address = column_bytes(s, 4);
    r.record.conditional_access_status = column_bytes(s, 5);
    r.record.error_code = sqlite3_column_int(s, 6);
    r.record.failure_reason = column_bytes(s, 7);
    r.record.session_id = column_bytes(s, 8);
    r.record.mechanism = column_bytes(s, 9);
    r.record.app_id = column_bytes(s, 10);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace exomock::store
