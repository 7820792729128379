// Migration steps, oldest first. Step N takes a file from user_version N-1 to N.
// A shipped step is never edited: a new table (the sign-in log, say) or column
// is a new step appended to `steps`, so every old capture file upgrades in place.
#include "store/schema.hpp"

#include <array>
#include <string_view>

#include "store/sqlite_handle.hpp"

namespace exomock::store {

namespace {

// Times are ISO 8601 UTC with milliseconds ("2024-05-01T09:30:00.123Z"), so they
// sort as text and read well in the sqlite3 shell. rcpt_to is a JSON array.
constexpr std::string_view step_1 = R"sql(
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  received TEXT NOT NULL,
  session_started TEXT NOT NULL,
  session_id TEXT NOT NULL,
  listener TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  client_port INTEGER NOT NULL,
  helo TEXT NOT NULL,
  login TEXT NOT NULL,
  auth_mechanism TEXT NOT NULL,
  mail_from TEXT NOT NULL,
  rcpt_to TEXT NOT NULL,
  mail_parameters TEXT NOT NULL,
  message_id TEXT NOT NULL,
  tls_version TEXT NOT NULL,
  tls_cipher TEXT NOT NULL,
  bdat INTEGER NOT NULL,
  size INTEGER NOT NULL,
  raw BLOB NOT NULL
);
CREATE INDEX messages_by_session ON messages(session_id);
CREATE INDEX messages_by_message_id ON messages(message_id);
CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY,
  listener TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  client_port INTEGER NOT NULL,
  login TEXT NOT NULL,
  tls_version TEXT NOT NULL,
  tls_cipher TEXT NOT NULL,
  started TEXT NOT NULL,
  ended TEXT NOT NULL,
  transcript TEXT NOT NULL
);
CREATE INDEX sessions_by_started ON sessions(started);
)sql";

// The Entra sign-in log: one row per AUTH attempt that reached the identity
// checks, in Graph signIn terms (reference section 6). No secret is ever stored.
constexpr std::string_view step_2 = R"sql(
CREATE TABLE signins (
  row INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  created TEXT NOT NULL,
  user_principal_name TEXT NOT NULL,
  ip_address TEXT NOT NULL,
  conditional_access_status TEXT NOT NULL,
  error_code INTEGER NOT NULL,
  failure_reason TEXT NOT NULL,
  session_id TEXT NOT NULL,
  mechanism TEXT NOT NULL,
  app_id TEXT NOT NULL
);
CREATE INDEX signins_by_user ON signins(user_principal_name);
)sql";

// The path a message came by: "submission", "direct-send" or "connector:NAME"
// (the MX endpoint's Direct Send and connector relay); "" for rows from before.
constexpr std::string_view step_3 = R"sql(
ALTER TABLE messages ADD COLUMN path TEXT NOT NULL DEFAULT '';
)sql";

// When each message is released for delivery: its receipt time, or a later minute
// when the 30-messages-per-minute limit delayed it ("" for rows from before). And the
// [[fault]] rules' counts, one row per rule per server run, written at exit.
constexpr std::string_view step_4 = R"sql(
ALTER TABLE messages ADD COLUMN released TEXT NOT NULL DEFAULT '';
CREATE TABLE fault_firings (
  row INTEGER PRIMARY KEY,
  recorded TEXT NOT NULL,
  rule INTEGER NOT NULL,
  name TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  firings INTEGER NOT NULL
);
)sql";

// Where the SQLite tables have caught up with the journal (DATA/journal): every
// frame before (segment, offset) is in the tables. One row, moved by each
// indexing transaction.
constexpr std::string_view step_5 = R"sql(
CREATE TABLE journal_applied (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  segment INTEGER NOT NULL,
  offset INTEGER NOT NULL
);
INSERT INTO journal_applied VALUES (1, 0, 0);
)sql";

// The mailbox view the HTTP API (Mailpit's) reads, filled from the MIME message
// when an entry is indexed: decoded header fields (addresses as Mailpit's JSON
// {"Name","Address"} objects), the text searched by plain words, the snippet, part
// counts, and the read flag and tags an API client changes. mime_indexed = 0 marks
// a row whose MIME view is still to be filled (rows from before this step).
constexpr std::string_view step_6 = R"sql(
ALTER TABLE messages ADD COLUMN mime_indexed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN from_json TEXT NOT NULL DEFAULT '{"Name":"","Address":""}';
ALTER TABLE messages ADD COLUMN to_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN cc_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN bcc_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN reply_to_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN header_message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN header_date TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN snippet TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN attachments INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN inlines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN read INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_by_mime_indexed ON messages(mime_indexed) WHERE mime_indexed = 0;
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE message_tags (
  message INTEGER NOT NULL,
  tag INTEGER NOT NULL,
  PRIMARY KEY (message, tag)
) WITHOUT ROWID;
CREATE INDEX message_tags_by_tag ON message_tags(tag);
)sql";

// The audit API: how each session went (smtp/session_outcome.hpp; "" for rows from
// before), sessions listed by login and client IP, and the sign-in log newest first.
constexpr std::string_view step_7 = R"sql(
ALTER TABLE sessions ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_login ON sessions(login COLLATE NOCASE);
CREATE INDEX signins_by_created ON signins(created);
)sql";

// A message's bytes and its searched text in a table of their own: in the
// messages row they came before the columns read to list and count (read, tags,
// snippet), so listing or searching 100,000 rows read every row's overflow pages,
// the whole capture, for each request (issue 9's bench: seconds per request). The
// trigger keeps every delete, by the API or by the indexer, deleting both. The
// unread count every list, /info and live stats frame reports comes from a
// partial index instead of a scan of every row.
constexpr std::string_view step_8 = R"sql(
CREATE TABLE message_bodies (
  id INTEGER PRIMARY KEY,
  raw BLOB NOT NULL,
  search_text TEXT NOT NULL DEFAULT ''
);
INSERT INTO message_bodies (id, raw, search_text) SELECT id, raw, search_text FROM messages;
ALTER TABLE messages DROP COLUMN raw;
ALTER TABLE messages DROP COLUMN search_text;
CREATE INDEX messages_unread ON messages(id) WHERE read = 0;
CREATE TRIGGER message_bodies_follow AFTER DELETE ON messages BEGIN
  DELETE FROM message_bodies WHERE id = old.id;
END;
)sql";

// Step 9: the admin API's audit (admin_record.hpp), newest first by row.
constexpr std::string_view step_9 = R"sql(
CREATE TABLE admin_audit (
  row INTEGER PRIMARY KEY,
  recorded TEXT NOT NULL,
  operation TEXT NOT NULL,
  target TEXT NOT NULL,
  fields TEXT NOT NULL
);
)sql";

// The [[fault]] rules' counts of the run in progress, one row per rule, replaced
// from the journal each time they change and emptied when the run stops cleanly:
// rows left here mean a run was killed, and the next one goes on from them.
constexpr std::string_view step_10 = R"sql(
CREATE TABLE fault_counts (
  rule INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  firings INTEGER NOT NULL
);
)sql";

// The SMTP reply each sign-in got, so the web page shows it beside the row ('' for rows
// from before, and for token requests, which no SMTP client made).
constexpr std::string_view step_11 = R"sql(
ALTER TABLE signins ADD COLUMN smtp_reply TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<std::string_view, 11> steps = {step_1, step_2, step_3, step_4,  step_5, step_6,
                                                    step_7, step_8, step_9, step_10, step_11};

bool read_version(sqlite3* db, std::int64_t& version, std::string& error) {
  if (!query_int(db, "PRAGMA user_version", version, error)) {
    return false;
  }
  if (version > schema_version()) {
    error = "the capture file has schema version " + std::to_string(version) +
            ", newer than this exomock understands (" + std::to_string(schema_version()) + ")";
    return false;
  }
  return true;
}

}  // namespace

std::int64_t schema_version() {
  return static_cast<std::int64_t>(steps.size());
}

bool migrate(sqlite3* db, std::string& error) {
  // IMMEDIATE takes the write lock before reading user_version, so two
  // processes opening the same new file cannot both run step 1.
  if (!exec(db, "BEGIN IMMEDIATE", error)) {
    return false;
  }
  std::int64_t version = 0;
  bool ok = read_version(db, version, error);
  for (auto v = version; ok && v < schema_version(); ++v) {
    ok = exec(db, std::string(steps[static_cast<std::size_t>(v)]).c_str(), error);
  }
  if (ok && version < schema_version()) {
    ok = exec(db, ("PRAGMA user_version = " + std::to_string(schema_version())).c_str(), error);
  }
  if (ok) {
    return exec(db, "COMMIT", error);
  }
  std::string ignored;
  exec(db, "ROLLBACK", ignored);
  return false;
}

database open_capture(const std::filesystem::path& dir, std::string& error) {
  const auto file = dir / "exomock.sqlite3";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    error =
        "no capture file at " + file.string() + " (has the server run with this data directory?)";
    return {};
  }

  database db = open_database(file, true, error);
  if (!db || !check_readable(db.get(), error)) {
    error = file.string() + ": " + error;
    return {};
  }
  return db;
}

bool check_readable(sqlite3* db, std::string& error) {
  std::int64_t version = 0;
  if (!read_version(db, version, error)) {
    return false;
  }
  if (version == 0) {
    error = "the file holds no exomock capture (schema version 0)";
    return false;
  }
  return true;
}

}  // namespace exomock::store
