// Sign-in queries are built per request from fixed fragments (one per kind of
// condition), numbered parameters bound afterwards; session queries are prepared
// once. Times are stored as fixed-width ISO 8601 text, so a bound is compared as
// text after rounding it to the stored millisecond: up for `ge`, down for `le`.
#include "store/audit_reader.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <variant>

#include "store/capture_queries.hpp"
#include "store/record_columns.hpp"
#include "store/sign_in_tenant.hpp"
#include "store/sqlite_handle.hpp"
#include "store/timestamp.hpp"

namespace exomock::store {

namespace {

using condition = sign_in_condition;

// The schema step that added sessions.outcome.
constexpr std::int64_t outcome_schema = 7;

std::string time_bound(const condition& c) {
  using std::chrono::milliseconds;
  auto t = std::chrono::floor<milliseconds>(c.time);
  if (c.op == condition::comparison::at_or_after && t < c.time) {
    t += milliseconds(1);
  }
  return iso8601_utc_ms(t);
}

// The WHERE clause of `all_of` (and the cursor) and its parameters, numbered
// from 1 in order; the texts are kept here so that they outlive the steps.
struct compiled_query {
  std::string where = " WHERE 1";
  std::vector<std::variant<std::string, std::int64_t>> values;

  /// The placeholder of a new parameter.
  std::string add(std::variant<std::string, std::int64_t> value) {
    values.push_back(std::move(value));
    return "?" + std::to_string(values.size());
  }
  void bind(sqlite3_stmt* s) const {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int n = static_cast<int>(i) + 1;
      if (const auto* text = std::get_if<std::string>(&values[i])) {
        bind_text(s, n, *text);
      } else {
        sqlite3_bind_int64(s, n, std::get<std::int64_t>(values[i]));
      }
    }
  }
};

compiled_query compile(const std::vector<condition>& all_of) {
  compiled_query q;
  for (const condition& c : all_of) {
    switch (c.on) {
      case condition::field::user_principal_name: {
        const std::string p = q.add(c.text);
        if (c.op == condition::comparison::starts_with) {
          q.where += " AND substr(user_principal_name, 1, length(" + p + "))";
        } else {
          q.where += " AND user_principal_name";
        }
        q.where += " = " + p + " COLLATE NOCASE";
        break;
      }
      case condition::field::error_code:
        q.where += " AND error_code = " + q.add(c.number);
        break;
      case condition::field::tenant: {
        const std::string domains = q.add(lower_json_list(c.domains));
        q.where += " AND " + tenant_sign_in_sql(domains, q.add(lower_json_list(c.app_ids)));
        break;
      }
      case condition::field::created:
        q.where += std::string(" AND created ") +
                   (c.op == condition::comparison::at_or_after ? ">= " : "<= ") +
                   q.add(time_bound(c));
        break;
    }
  }
  return q;
}

}  // namespace

struct audit_reader::impl {
  std::unique_ptr<capture_queries> queries;
  std::int64_t version = 0;
  statement session_page, session_count, one_session;
  bool prepare_sessions(std::string& error);
  [[nodiscard]] bool too_old(std::string& error) const;
};

bool audit_reader::impl::prepare_sessions(std::string& error) {
  if (version < outcome_schema) {
    return true;  // an old file: too_old() explains
  }
  sqlite3* db = queries->db();
  // An empty filter field matches anything; NOCASE folds ASCII only, as SMTP does.
  constexpr std::string_view where =
      " WHERE (?1 = '' OR login = ?1 COLLATE NOCASE) AND (?2 = '' OR client_ip = ?2) "
      "AND (?3 = '' OR outcome = ?3)";
  constexpr std::string_view messages =
      ", (SELECT count(*) FROM messages WHERE messages.session_id = sessions.session_id)";
  const std::string facts = "SELECT " + std::string(session_fact_columns);
  const std::string tail = ", outcome" + std::string(messages) + " FROM sessions";
  session_page = prepare(db,
                         facts + ", ''" + tail + std::string(where) +
                             " ORDER BY started DESC, rowid DESC LIMIT ?4 OFFSET ?5",
                         error);
  session_count = prepare(db, "SELECT count(*) FROM sessions" + std::string(where), error);
  one_session = prepare(db, facts + ", transcript" + tail + " WHERE session_id = ?1", error);
  return session_page && session_count && one_session;
}

bool audit_reader::impl::too_old(std::string& error) const {
  if (version >= outcome_schema) {
    return false;
  }
  error = (queries->dir() / "exomock.sqlite3").string() +
          ": written by an exomock that kept no session outcomes; run a newer server on it";
  return true;
}

namespace {

session_summary read_summary(sqlite3_stmt* s) {
  session_summary r{read_session(s), sqlite3_column_int64(s, 11)};
  r.record.outcome = column_bytes(s, 10);
  return r;
}

// SQLite's LIMIT and OFFSET are signed; beyond INT64_MAX means "no limit" anyway.
sqlite3_int64 sql_count(std::size_t n) {
  return static_cast<sqlite3_int64>(std::min<std::uint64_t>(n, INT64_MAX));
}

}  // namespace

std::unique_ptr<audit_reader> audit_reader::open(const std::filesystem::path& dir,
                                                 std::string& error, journal_end end) {
  auto p = std::make_unique<impl>();
  p->queries = capture_queries::open(dir, error, std::move(end));
  if (!p->queries || !query_int(p->queries->db(), "PRAGMA user_version", p->version, error) ||
      !p->prepare_sessions(error)) {
    error = (dir / "exomock.sqlite3").string() + ": " + error;
    return nullptr;
  }
  return std::unique_ptr<audit_reader>(new audit_reader(std::move(p)));
}

audit_reader::audit_reader(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
audit_reader::~audit_reader() = default;

std::optional<sign_in_page> audit_reader::sign_ins(const std::vector<sign_in_condition>& all_of,
                                                   std::size_t top,
                                                   const std::optional<sign_in_cursor>& after,
                                                   std::string& error) const {
  compiled_query q = compile(all_of);
  if (after) {
    const std::string c = q.add(after->created);
    const std::string r = q.add(after->row);
    q.where += " AND (created < " + c + " OR (created = " + c + " AND row < " + r + "))";
  }
  // One row more than asked tells whether there is more.
  const std::string limit = q.add(std::int64_t{sql_count(top) + 1});
  const std::string sql = "SELECT " + std::string(sign_in_columns) + " FROM signins" + q.where +
                          " ORDER BY created DESC, row DESC LIMIT " + limit;
  auto rows = impl_->queries->all_rows(
      sql, [&](sqlite3_stmt* s) { q.bind(s); }, read_sign_in, error);
  if (!rows) {
    return std::nullopt;
  }
  sign_in_page page;
  page.more = rows->size() > top;
  rows->resize(std::min(rows->size(), top));
  page.rows = std::move(*rows);
  return page;
}

std::optional<std::int64_t> audit_reader::count_sign_ins(
    const std::vector<sign_in_condition>& all_of, std::string& error) const {
  const compiled_query q = compile(all_of);
  auto counts = impl_->queries->all_rows(
      "SELECT count(*) FROM signins" + q.where, [&](sqlite3_stmt* s) { q.bind(s); },
      [](sqlite3_stmt* s) { return std::int64_t{sqlite3_column_int64(s, 0)}; }, error);
  if (!counts || counts->empty()) {
    return std::nullopt;
  }
  return counts->front();
}

std::optional<std::vector<admin_row>> audit_reader::admin_changes(std::size_t limit,
                                                                  std::string& error) const {
  return impl_->queries->all_rows(
      "SELECT row, recorded, operation, target, fields FROM admin_audit ORDER BY row DESC LIMIT ?1",
      [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(limit)); },
      [](sqlite3_stmt* s) {
        admin_row r;
        r.row = sqlite3_column_int64(s, 0);
        r.recorded = column_bytes(s, 1);
        r.record.operation = column_bytes(s, 2);
        r.record.target = column_bytes(s, 3);
        r.record.fields = column_bytes(s, 4);
        return r;
      },
      error);
}

std::optional<session_page> audit_reader::sessions(const session_filter& filter, std::size_t start,
                                                   std::size_t limit, std::string& error) const {
  if (impl_->too_old(error)) {
    return std::nullopt;
  }
  const auto bind_filter = [&](sqlite3_stmt* s) {
    bind_text(s, 1, filter.login);
    bind_text(s, 2, filter.client_ip);
    bind_text(s, 3, filter.outcome);
  };
  session_page page;
  page.total = impl_->queries
                   ->first_row(impl_->session_count, bind_filter,
                               [](sqlite3_stmt* s) { return sqlite3_column_int64(s, 0); })
                   .value_or(0);
  page.sessions = impl_->queries->all_rows(
      impl_->session_page,
      [&](sqlite3_stmt* s) {
        bind_filter(s);
        sqlite3_bind_int64(s, 4, sql_count(limit));
        sqlite3_bind_int64(s, 5, sql_count(start));
      },
      read_summary);
  return page;
}

std::optional<session_summary> audit_reader::session(const std::string& session_id,
                                                     std::string& error) const {
  if (impl_->too_old(error)) {
    return std::nullopt;
  }
  return impl_->queries->first_row(
      impl_->one_session, [&](sqlite3_stmt* s) { bind_text(s, 1, session_id); }, read_summary);
}

}  // namespace exomock::store
