// Applies journal entries in transactions: BEGIN IMMEDIATE, the prepared
// inserts, the new journal_applied position, COMMIT. Strings and the raw blob
// are bound SQLITE_STATIC: they belong to the entry, which outlives the step.
#include "store/index_writer.hpp"

#include <type_traits>
#include <vector>

#include "store/json_text.hpp"
#include "store/mailbox_columns.hpp"
#include "store/schema.hpp"
#include "store/timestamp.hpp"

namespace exomock::store {

namespace {

// WAL lets readers (the messages command, the web page) read while we write;
// synchronous=FULL fsyncs the WAL at every commit, because the server deletes a
// journal segment once its entries are applied: then SQLite is the only copy.
// journal_size_limit keeps the WAL file from staying huge after a burst.
constexpr const char* connection_pragmas =
    "PRAGMA synchronous=FULL; PRAGMA journal_size_limit=67108864;";

// SQLite quietly keeps the rollback journal where WAL is impossible (some network
// file systems); then readers would block the writer, so say so at start-up.
bool enable_wal(sqlite3* db, std::string& error) {
  std::string ignored;
  const statement s = prepare(db, "PRAGMA journal_mode=WAL", ignored);
  if (!s || sqlite3_step(s.get()) != SQLITE_ROW) {
    error = error_text(db);
    return false;
  }
  const std::string mode = column_bytes(s.get(), 0);
  if (mode != "wal") {
    error = "the file system does not support WAL mode (journal_mode stays '" + mode +
            "'); use a data directory on a local disk";
    return false;
  }
  return true;
}

// ?22 to ?33 are the mailbox view's columns (mailbox_columns.hpp), in its order.
constexpr std::string_view insert_message_sql =
    "INSERT INTO messages (id, received, session_started, session_id, listener, client_ip, "
    "client_port, helo, login, auth_mechanism, mail_from, rcpt_to, mail_parameters, message_id, "
    "tls_version, tls_cipher, bdat, size, path, released, mime_indexed, subject, from_json, "
    "to_json, cc_json, bcc_json, reply_to_json, header_message_id, header_date, "
    "snippet, attachments, inlines) "
    "VALUES (?21, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?19, ?20, 1, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?31, ?32, ?33)";
// The bytes and the searched text go in their own table (schema step 8); ?18 and
// ?30 above are theirs, left unused.
constexpr std::string_view insert_body_sql =
    "INSERT INTO message_bodies (id, raw, search_text) VALUES (?1, ?2, ?3)";
constexpr int first_mailbox_column = 22;

// Rows from before the mailbox view (schema step 6), oldest first.
constexpr std::string_view unfilled_sql =
    "SELECT id, raw, mail_from, rcpt_to, message_id FROM messages JOIN message_bodies USING (id) "
    "WHERE mime_indexed = 0 ORDER BY id LIMIT ?1";
// ?9, the searched text, is set by fill_body_sql.
constexpr std::string_view fill_sql =
    "UPDATE messages SET mime_indexed = 1, subject = ?1, from_json = ?2, to_json = ?3, "
    "cc_json = ?4, bcc_json = ?5, reply_to_json = ?6, header_message_id = ?7, header_date = ?8, "
    "snippet = ?10, attachments = ?11, inlines = ?12 WHERE id = ?13";
constexpr std::string_view fill_body_sql =
    "UPDATE message_bodies SET search_text = ?1 WHERE id = ?2";

// Tag names are unique without regard to case (the column is NOCASE), so the
// link finds a tag however an earlier message spelled it.
constexpr std::string_view insert_tag_sql = "INSERT OR IGNORE INTO tags (name) VALUES (?1)";
constexpr std::string_view link_tag_sql =
    "INSERT OR IGNORE INTO message_tags (message, tag) SELECT ?1, id FROM tags WHERE name = ?2";

// A session id seen twice (a restarted process reusing one) replaces the old
// record rather than failing the whole group on the primary key.
constexpr std::string_view insert_session_sql =
    "INSERT OR REPLACE INTO sessions (session_id, listener, client_ip, client_port, login, "
    "tls_version, tls_cipher, started, ended, transcript, outcome) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

constexpr std::string_view insert_sign_in_sql =
    "INSERT INTO signins (id, created, user_principal_name, ip_address, "
    "conditional_access_status, error_code, failure_reason, session_id, mechanism, app_id, "
    "smtp_reply) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

constexpr std::string_view insert_admin_sql =
    "INSERT INTO admin_audit (recorded, operation, target, fields) VALUES (?1, ?2, ?3, ?4)";

bool step_done(sqlite3_stmt* s) {
  const statement_use use(s);
  return sqlite3_step(s) == SQLITE_DONE;
}

template <typename Bind>
bool step_done(sqlite3_stmt* s, Bind bind) {
  const statement_use use(s);
  bind(s);
  return sqlite3_step(s) == SQLITE_DONE;
}

}  // namespace

std::unique_ptr<index_writer> index_writer::open(const std::filesystem::path& file,
                                                 std::string& error) {
  std::unique_ptr<index_writer> w(new index_writer());
  w->db_ = open_database(file, false, error);
  if (!w->db_) {
    return nullptr;
  }
  sqlite3* db = w->db_.get();
  if (!enable_wal(db, error) || !exec(db, connection_pragmas, error) || !migrate(db, error)) {
    error = "cannot prepare " + file.string() + ": " + error;
    return nullptr;
  }
  w->begin_ = prepare(db, "BEGIN IMMEDIATE", error);
  w->commit_ = prepare(db, "COMMIT", error);
  w->rollback_ = prepare(db, "ROLLBACK", error);
  w->read_applied_ = prepare(db, "SELECT segment, offset FROM journal_applied", error);
  w->write_applied_ = prepare(db, "UPDATE journal_applied SET segment = ?1, offset = ?2", error);
  w->insert_message_ = prepare(db, insert_message_sql, error);
  w->insert_body_ = prepare(db, insert_body_sql, error);
  w->insert_session_ = prepare(db, insert_session_sql, error);
  w->insert_sign_in_ = prepare(db, insert_sign_in_sql, error);
  w->insert_admin_ = prepare(db, insert_admin_sql, error);
  w->delete_message_ = prepare(db, "DELETE FROM messages WHERE id = ?1", error);
  w->delete_message_tags_ = prepare(db, "DELETE FROM message_tags WHERE message = ?1", error);
  w->insert_tag_ = prepare(db, insert_tag_sql, error);
  w->link_tag_ = prepare(db, link_tag_sql, error);
  w->unfilled_ = prepare(db, unfilled_sql, error);
  w->fill_ = prepare(db, fill_sql, error);
  w->fill_body_ = prepare(db, fill_body_sql, error);
  w->clear_fault_counts_ = prepare(db, "DELETE FROM fault_counts", error);
  w->put_fault_count_ = prepare(
      db, "INSERT INTO fault_counts (rule, name, occurrences, firings) VALUES (?1, ?2, ?3, ?4)",
      error);
  if (!w->begin_ || !w->commit_ || !w->rollback_ || !w->read_applied_ || !w->write_applied_ ||
      !w->insert_message_ || !w->insert_session_ || !w->insert_sign_in_ || !w->insert_admin_ ||
      !w->delete_message_ || !w->delete_message_tags_ || !w->insert_tag_ || !w->link_tag_ ||
      !w->unfilled_ || !w->fill_ || !w->insert_body_ || !w->fill_body_ || !w->clear_fault_counts_ ||
      !w->put_fault_count_) {
    error = "cannot prepare statements on " + file.string() + ": " + error;
    return nullptr;
  }
  return w;
}

bool index_writer::begin(std::string& error) {
  if (step_done(begin_.get())) {
    return true;
  }
  error = error_text(db_.get());
  return false;
}

bool index_writer::read_applied(journal_position& applied, std::string& error) {
  sqlite3_stmt* s = read_applied_.get();
  const statement_use use(s);
  if (sqlite3_step(s) != SQLITE_ROW) {
    error = error_text(db_.get());
    return false;
  }
  applied = {sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)};
  return true;
}

bool index_writer::insert(const journal_entry& entry) {
  return std::visit([this](const auto& e) { return insert(e); }, entry);
}

bool index_writer::commit(journal_position applied, std::string& error) {
  sqlite3_stmt* s = write_applied_.get();
  bool ok = false;
  {
    const statement_use use(s);
    sqlite3_bind_int64(s, 1, applied.segment);
    sqlite3_bind_int64(s, 2, applied.offset);
    ok = sqlite3_step(s) == SQLITE_DONE;
  }
  ok = ok && step_done(commit_.get());
  if (ok) {
    return true;
  }
  error = error_text(db_.get());
  rollback();
  return false;
}

// SQLite may already have rolled back (e.g. on SQLITE_FULL); a failed COMMIT
// leaves the transaction open. Either way the connection must end in autocommit.
void index_writer::rollback() {
  if (sqlite3_get_autocommit(db_.get()) == 0) {
    step_done(rollback_.get());
  }
}

bool index_writer::max_message_id(std::int64_t& id, std::string& error) {
  return query_int(db_.get(), "SELECT coalesce(max(id), 0) FROM messages", id, error);
}

bool index_writer::insert(const journaled_message& j) {
  const captured_message& m = j.message;
  sqlite3_stmt* s = insert_message_.get();
  const statement_use use(s);
  // Locals bound SQLITE_STATIC must live until the step below: they do.
  const std::string received = iso8601_utc_ms(m.received);
  const std::string started = iso8601_utc_ms(m.session_started);
  const std::string rcpt_to = json_string_array(m.rcpt_to);
  const std::string released =
      m.released == std::chrono::system_clock::time_point{} ? received : iso8601_utc_ms(m.released);
  bind_text(s, 1, received);
  bind_text(s, 2, started);
  bind_text(s, 3, m.session_id);
  bind_text(s, 4, m.listener);
  bind_text(s, 5, m.client_ip);
  sqlite3_bind_int(s, 6, m.client_port);
  bind_text(s, 7, m.helo);
  bind_text(s, 8, m.login);
  bind_text(s, 9, m.auth_mechanism);
  bind_text(s, 10, m.mail_from);
  bind_text(s, 11, rcpt_to);
  bind_text(s, 12, m.mail_parameters);
  bind_text(s, 13, m.message_id);
  bind_text(s, 14, m.tls_version);
  bind_text(s, 15, m.tls_cipher);
  sqlite3_bind_int(s, 16, m.bdat ? 1 : 0);
  sqlite3_bind_int64(s, 17, static_cast<sqlite3_int64>(m.raw.size()));
  bind_text(s, 19, m.path);
  bind_text(s, 20, released);
  sqlite3_bind_int64(s, 21, j.id);
  const mailbox_columns mailbox = mailbox_columns_of(m.raw, m.mail_from, m.rcpt_to, m.message_id);
  bind_mailbox_columns(s, first_mailbox_column, mailbox);
  if (sqlite3_step(s) != SQLITE_DONE) {
    return false;
  }
  sqlite3_stmt* body = insert_body_.get();
  const statement_use body_use(body);
  sqlite3_bind_int64(body, 1, j.id);
  bind_text(body, 3, mailbox.search_text);
  // A large body goes in as a zeroblob, written into its pages afterwards: bound as
  // itself, SQLite would first copy it whole into the row's record.
  const bool large = m.raw.size() > incremental_blob_above;
  const int bound =
      large ? sqlite3_bind_zeroblob64(body, 2, m.raw.size()) : bind_blob(body, 2, m.raw);
  if (bound != SQLITE_OK) {
    return false;  // SQLITE_TOOBIG
  }
  return sqlite3_step(body) == SQLITE_DONE && (!large || write_blob(j.id, m.raw)) &&
         link_tags(j.id, mailbox.tags);
}

bool index_writer::write_blob(std::int64_t id, std::string_view bytes) {
  sqlite3_blob* blob = nullptr;
  if (sqlite3_blob_open(db_.get(), "main", "message_bodies", "raw", id, 1, &blob) != SQLITE_OK) {
    sqlite3_blob_close(blob);
    return false;
  }
  constexpr std::size_t piece = std::size_t{1} << 20;
  bool ok = true;
  for (std::size_t at = 0; ok && at < bytes.size(); at += piece) {
    const std::string_view part = bytes.substr(at, piece);
    ok = sqlite3_blob_write(blob, part.data(), static_cast<int>(part.size()),
                            static_cast<int>(at)) == SQLITE_OK;
  }
  return sqlite3_blob_close(blob) == SQLITE_OK && ok;
}

bool index_writer::link_tags(std::int64_t id, const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) {
    if (!step_done(insert_tag_.get(), [&](sqlite3_stmt* s) { bind_text(s, 1, tag); }) ||
        !step_done(link_tag_.get(), [&](sqlite3_stmt* s) {
          sqlite3_bind_int64(s, 1, id);
          bind_text(s, 2, tag);
        })) {
      return false;
    }
  }
  return true;
}

namespace {

struct unfilled_row {
  std::int64_t id = 0;
  std::string raw, mail_from, rcpt_to, message_id;
};

}  // namespace

// One transaction of at most LIMIT rows (and about 8 MiB of raw bytes), so the
// write lock is held briefly; the rows are read first and then updated.
bool index_writer::fill_mailbox_batch(std::size_t limit, std::size_t& filled, std::string& error) {
  constexpr std::size_t most_bytes = std::size_t{8} << 20;
  filled = 0;
  if (!begin(error)) {
    return false;
  }
  std::vector<unfilled_row> rows;
  {
    const statement_use use(unfilled_.get());
    sqlite3_bind_int64(use.get(), 1, static_cast<sqlite3_int64>(limit));
    std::size_t bytes = 0;
    while (bytes < most_bytes && sqlite3_step(use.get()) == SQLITE_ROW) {
      rows.push_back({sqlite3_column_int64(use.get(), 0), column_bytes(use.get(), 1),
                      column_bytes(use.get(), 2), column_bytes(use.get(), 3),
                      column_bytes(use.get(), 4)});
      bytes += rows.back().raw.size();
    }
  }
  for (const unfilled_row& r : rows) {
    const auto rcpt_to = parse_json_string_array(r.rcpt_to).value_or(std::vector<std::string>{});
    const mailbox_columns mailbox = mailbox_columns_of(r.raw, r.mail_from, rcpt_to, r.message_id);
    const bool ok = step_done(fill_.get(),
                              [&](sqlite3_stmt* s) {
                                bind_mailbox_columns(s, 1, mailbox);
                                sqlite3_bind_int64(s, 13, r.id);
                              }) &&
                    step_done(fill_body_.get(), [&](sqlite3_stmt* s) {
                      bind_text(s, 1, mailbox.search_text);
                      sqlite3_bind_int64(s, 2, r.id);
                    });
    if (!ok || !link_tags(r.id, mailbox.tags)) {
      error = error_text(db_.get());
      rollback();
      return false;
    }
  }
  if (!step_done(commit_.get())) {
    error = error_text(db_.get());
    rollback();
    return false;
  }
  filled = rows.size();
  return true;
}

bool index_writer::insert(const session_record& r) {
  sqlite3_stmt* s = insert_session_.get();
  const statement_use use(s);
  const std::string started = iso8601_utc_ms(r.started);
  const std::string ended = iso8601_utc_ms(r.ended);
  bind_text(s, 1, r.session_id);
  bind_text(s, 2, r.listener);
  bind_text(s, 3, r.client_ip);
  sqlite3_bind_int(s, 4, r.client_port);
  bind_text(s, 5, r.login);
  bind_text(s, 6, r.tls_version);
  bind_text(s, 7, r.tls_cipher);
  bind_text(s, 8, started);
  bind_text(s, 9, ended);
  bind_text(s, 10, r.transcript);
  bind_text(s, 11, r.outcome);
  return sqlite3_step(s) == SQLITE_DONE;
}

bool index_writer::insert(const sign_in_record& r) {
  sqlite3_stmt* s = insert_sign_in_.get();
  const statement_use use(s);
  const std::string created = iso8601_utc_ms(r.created);
  bind_text(s, 1, r.id);
  bind_text(s, 2, created);
  bind_text(s, 3, r.user_principal_name);
  bind_text(s, 4, r.ip_address);
  bind_text(s, 5, r.conditional_access_status);
  sqlite3_bind_int(s, 6, r.error_code);
  bind_text(s, 7, r.failure_reason);
  bind_text(s, 8, r.session_id);
  bind_text(s, 9, r.mechanism);
  bind_text(s, 10, r.app_id);
  bind_text(s, 11, r.smtp_reply);
  return sqlite3_step(s) == SQLITE_DONE;
}

bool index_writer::insert(const admin_record& r) {
  sqlite3_stmt* s = insert_admin_.get();
  const statement_use use(s);
  const std::string recorded = iso8601_utc_ms(r.recorded);
  bind_text(s, 1, recorded);
  bind_text(s, 2, r.operation);
  bind_text(s, 3, r.target);
  bind_text(s, 4, r.fields);
  return sqlite3_step(s) == SQLITE_DONE;
}

bool index_writer::insert(const void_record& v) {
  for (const std::int64_t id : v.ids) {
    const auto bind_id = [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); };
    if (!step_done(delete_message_.get(), bind_id) ||
        !step_done(delete_message_tags_.get(), bind_id)) {
      return false;
    }
  }
  return true;
}

// Each record holds every rule's counts: the table is replaced, or emptied when
// the run stopped cleanly.
bool index_writer::insert(const fault_counts_record& f) {
  if (!step_done(clear_fault_counts_.get())) {
    return false;
  }
  for (std::size_t i = 0; i < f.rules.size() && !f.ended; ++i) {
    if (!step_done(put_fault_count_.get(), [&](sqlite3_stmt* s) {
          sqlite3_bind_int64(s, 1, f.rules[i]);
          bind_text(s, 2, f.names[i]);
          sqlite3_bind_int64(s, 3, f.occurrences[i]);
          sqlite3_bind_int64(s, 4, f.firings[i]);
        })) {
      return false;
    }
  }
  return true;
}

}  // namespace exomock::store
