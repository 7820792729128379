// Read-only queries over the capture file. WAL mode lets this connection read
// a consistent snapshot while a running server keeps writing; each query is
// one statement, reset when done so it never pins an old snapshot.
#include "store/message_reader.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/capture_queries.hpp"
#include "store/json_text.hpp"
#include "store/record_columns.hpp"
#include "store/schema.hpp"
#include "store/sqlite_handle.hpp"
#include "store/timestamp.hpp"

namespace exomock::store {

namespace {

constexpr std::string_view summary_columns =
    "SELECT id, received, session_id, listener, client_ip, login, mail_from, rcpt_to, size, "
    "tls_version, message_id, path, released FROM messages ";

message_summary read_summary(sqlite3_stmt* s) {
  message_summary m;
  m.id = sqlite3_column_int64(s, 0);
  m.received = column_bytes(s, 1);
  m.session_id = column_bytes(s, 2);
  m.listener = column_bytes(s, 3);
  m.client_ip = column_bytes(s, 4);
  m.login = column_bytes(s, 5);
  m.mail_from = column_bytes(s, 6);
  m.rcpt_to = parse_json_string_array(column_bytes(s, 7)).value_or(std::vector<std::string>{});
  m.size = static_cast<std::uint64_t>(sqlite3_column_int64(s, 8));
  m.tls_version = column_bytes(s, 9);
  m.message_id = column_bytes(s, 10);
  m.path = column_bytes(s, 11);
  m.released = column_bytes(s, 12);
  return m;
}

captured_message read_message(sqlite3_stmt* s) {
  captured_message m;
  m.received = read_time(s, 0);
  m.session_started = read_time(s, 1);
  m.session_id = column_bytes(s, 2);
  m.listener = column_bytes(s, 3);
  m.client_ip = column_bytes(s, 4);
  m.client_port = static_cast<std::uint16_t>(sqlite3_column_int(s, 5));
  m.helo = column_bytes(s, 6);
  m.login = column_bytes(s, 7);
  m.auth_mechanism = column_bytes(s, 8);
  m.mail_from = column_bytes(s, 9);
  m.rcpt_to = parse_json_string_array(column_bytes(s, 10)).value_or(std::vector<std::string>{});
  m.mail_parameters = column_bytes(s, 11);
  m.message_id = column_bytes(s, 12);
  m.tls_version = column_bytes(s, 13);
  m.tls_cipher = column_bytes(s, 14);
  m.bdat = sqlite3_column_int(s, 15) != 0;
  m.raw = column_bytes(s, 16);
  m.path = column_bytes(s, 17);
  m.released = read_time(s, 18);
  return m;
}

std::int64_t read_count(sqlite3_stmt* s) {
  return sqlite3_column_int64(s, 0);
}

std::string read_text(sqlite3_stmt* s) {
  return column_bytes(s, 0);
}

// SQLite's LIMIT is signed; anything beyond INT64_MAX means "no limit" anyway.
void bind_limit(sqlite3_stmt* s, int index, std::size_t limit) {
  sqlite3_bind_int64(s, index,
                     static_cast<sqlite3_int64>(std::min<std::uint64_t>(limit, INT64_MAX)));
}

void bind_nothing(sqlite3_stmt* /*unused*/) {}

}  // namespace

struct message_reader::impl {
  std::unique_ptr<capture_queries> queries;
  statement list_all, list_page, search, count, message, raw, transcript, session;
  statement sessions_after, latest_session;
  statement sign_ins, sign_ins_after, latest_sign_in;  // null in a file from before the sign-in log
  std::string no_sign_in_log;                          // what sign_ins() says then
  bool prepare_sign_ins(const std::filesystem::path& dir, std::string& error);
  template <typename Bind, typename Read>
  auto first_row(const statement& st, Bind bind, Read read) {
    return queries->first_row(st, bind, read);
  }
  template <typename Bind, typename Read>
  auto all_rows(const statement& st, Bind bind, Read read) {
    return queries->all_rows(st, bind, read);
  }
};

// The sign-in log came with schema version 2; an older file (which the
// read-only reader does not migrate) is explained rather than failed on.
bool message_reader::impl::prepare_sign_ins(const std::filesystem::path& dir, std::string& error) {
  std::int64_t version = 0;
  if (!query_int(queries->db(), "PRAGMA user_version", version, error)) {
    return false;
  }
  if (version < 2) {
    no_sign_in_log = (dir / "exomock.sqlite3").string() +
                     ": written by an exomock without a sign-in log; run a newer server on it";
    return true;
  }
  const std::string columns = "SELECT " + std::string(sign_in_columns) + " FROM signins ";
  sign_ins = prepare(queries->db(), columns + "ORDER BY row", error);
  sign_ins_after = prepare(queries->db(), columns + "WHERE row > ?1 ORDER BY row LIMIT ?2", error);
  latest_sign_in = prepare(queries->db(), "SELECT coalesce(max(row), 0) FROM signins", error);
  return sign_ins && sign_ins_after && latest_sign_in;
}

std::unique_ptr<message_reader> message_reader::open(const std::filesystem::path& dir,
                                                     std::string& error, journal_end end) {
  auto p = std::make_unique<impl>();
  p->queries = capture_queries::open(dir, error, std::move(end));
  if (!p->queries) {
    return nullptr;
  }
  sqlite3* db = p->queries->db();
  p->list_all = prepare(db, std::string(summary_columns) + "ORDER BY id", error);
  p->list_page =
      prepare(db, std::string(summary_columns) + "WHERE id > ?1 ORDER BY id LIMIT ?2", error);
  // An empty filter field matches anything; NOCASE folds ASCII only, as SMTP does.
  p->search = prepare(db,
                      std::string(summary_columns) +
                          "WHERE id > ?1 AND (?2 = '' OR mail_from = ?2 COLLATE NOCASE) "
                          "AND (?3 = '' OR EXISTS (SELECT 1 FROM json_each(messages.rcpt_to) "
                          "WHERE value = ?3 COLLATE NOCASE)) AND (?4 = '' OR message_id = ?4) "
                          "AND (?5 = '' OR session_id = ?5) ORDER BY id LIMIT ?6",
                      error);
  p->count = prepare(db, "SELECT count(*) FROM messages", error);
  p->message =
      prepare(db,
              "SELECT received, session_started, session_id, listener, client_ip, "
              "client_port, helo, login, auth_mechanism, mail_from, rcpt_to, "
              "mail_parameters, message_id, tls_version, tls_cipher, bdat, raw, path, released "
              "FROM messages JOIN message_bodies USING (id) WHERE id = ?1",
              error);
  p->raw = prepare(db, "SELECT raw FROM message_bodies WHERE id = ?1", error);
  p->transcript = prepare(db, "SELECT transcript FROM sessions WHERE session_id = ?1", error);
  p->session = prepare(db,
                       "SELECT " + std::string(session_fact_columns) +
                           ", transcript FROM sessions WHERE session_id = ?1",
                       error);
  // The rowid comes after the columns read_session() reads: the table's rows only grow.
  p->sessions_after = prepare(db,
                              "SELECT " + std::string(session_fact_columns) +
                                  ", transcript, rowid FROM sessions WHERE rowid > ?1 "
                                  "ORDER BY rowid LIMIT ?2",
                              error);
  p->latest_session = prepare(db, "SELECT coalesce(max(rowid), 0) FROM sessions", error);
  if (!p->prepare_sign_ins(dir, error) || !p->list_all || !p->list_page || !p->search ||
      !p->count || !p->message || !p->raw || !p->transcript || !p->session || !p->sessions_after ||
      !p->latest_session) {
    error = (dir / "exomock.sqlite3").string() + ": " + error;
    return nullptr;
  }
  return std::unique_ptr<message_reader>(new message_reader(std::move(p)));
}

message_reader::message_reader(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
message_reader::~message_reader() = default;

std::vector<message_summary> message_reader::list() const {
  return impl_->all_rows(impl_->list_all, bind_nothing, read_summary);
}

std::vector<message_summary> message_reader::list(std::int64_t after_id, std::size_t limit) const {
  return impl_->all_rows(
      impl_->list_page,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, after_id);
        bind_limit(s, 2, limit);
      },
      read_summary);
}

std::vector<message_summary> message_reader::search(const message_filter& filter,
                                                    std::size_t limit) const {
  return impl_->all_rows(
      impl_->search,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, filter.after_id);
        bind_text(s, 2, filter.mail_from);
        bind_text(s, 3, filter.rcpt_to);
        bind_text(s, 4, filter.message_id);
        bind_text(s, 5, filter.session_id);
        bind_limit(s, 6, limit);
      },
      read_summary);
}

std::int64_t message_reader::count() const {
  return impl_->first_row(impl_->count, bind_nothing, read_count).value_or(0);
}

std::optional<captured_message> message_reader::message(std::int64_t id) const {
  return impl_->first_row(
      impl_->message, [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); }, read_message);
}

std::optional<std::string> message_reader::raw(std::int64_t id) const {
  return impl_->first_row(
      impl_->raw, [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); }, read_text);
}

std::optional<std::string> message_reader::transcript(const std::string& session_id) const {
  return impl_->first_row(
      impl_->transcript, [&](sqlite3_stmt* s) { bind_text(s, 1, session_id); }, read_text);
}

std::optional<session_record> message_reader::session(const std::string& session_id) const {
  return impl_->first_row(
      impl_->session, [&](sqlite3_stmt* s) { bind_text(s, 1, session_id); }, read_session);
}

std::optional<std::vector<sign_in_row>> message_reader::sign_ins(std::string& error) const {
  if (!impl_->sign_ins) {
    error = impl_->no_sign_in_log;
    return std::nullopt;
  }
  return impl_->all_rows(impl_->sign_ins, bind_nothing, read_sign_in);
}

std::vector<sign_in_row> message_reader::sign_ins_after(std::int64_t after_row,
                                                        std::size_t limit) const {
  if (!impl_->sign_ins_after) {
    return {};
  }
  return impl_->all_rows(
      impl_->sign_ins_after,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, after_row);
        bind_limit(s, 2, limit);
      },
      read_sign_in);
}

std::vector<session_row> message_reader::sessions_after(std::int64_t after_row,
                                                        std::size_t limit) const {
  return impl_->all_rows(
      impl_->sessions_after,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, after_row);
        bind_limit(s, 2, limit);
      },
      [](sqlite3_stmt* s) {
        return session_row{sqlite3_column_int64(s, 10), read_session(s)};
      });
}

std::int64_t message_reader::latest_sign_in_row() const {
  if (!impl_->latest_sign_in) {
    return 0;
  }
  return impl_->first_row(impl_->latest_sign_in, bind_nothing, read_count).value_or(0);
}

std::int64_t message_reader::latest_session_row() const {
  return impl_->first_row(impl_->latest_session, bind_nothing, read_count).value_or(0);
}

}  // namespace exomock::store
