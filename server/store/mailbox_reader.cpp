#include "store/mailbox_reader.hpp"

#include <limits>
#include <utility>

#include "store/capture_queries.hpp"
#include "store/search_sql.hpp"

namespace exomock::store {
namespace {

// The tag list rides in one column, joined by the unit separator, which
// clean_tag never lets into a name.
constexpr std::string_view summary_columns =
    "SELECT id, header_message_id, read, from_json, to_json, cc_json, bcc_json, reply_to_json, "
    "subject, received, login, size, attachments, inlines, snippet, "
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM message_tags mt JOIN tags t "
    "ON t.id = mt.tag WHERE mt.message = messages.id ORDER BY t.name COLLATE NOCASE)) "
    "FROM messages ";

std::vector<std::string> split_tags(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!joined.empty() && start <= joined.size()) {
    const std::size_t end = joined.find('\x1f', start);
    out.push_back(joined.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

mailbox_summary read_summary(sqlite3_stmt* s) {
  mailbox_summary m;
  m.id = sqlite3_column_int64(s, 0);
  m.message_id = column_bytes(s, 1);
  m.read = sqlite3_column_int(s, 2) != 0;
  m.from_json = column_bytes(s, 3);
  m.to_json = column_bytes(s, 4);
  m.cc_json = column_bytes(s, 5);
  m.bcc_json = column_bytes(s, 6);
  m.reply_to_json = column_bytes(s, 7);
  m.subject = column_bytes(s, 8);
  m.received = column_bytes(s, 9);
  m.login = column_bytes(s, 10);
  m.size = static_cast<std::uint64_t>(sqlite3_column_int64(s, 11));
  m.attachments = sqlite3_column_int64(s, 12);
  m.inlines = sqlite3_column_int64(s, 13);
  m.snippet = column_bytes(s, 14);
  m.tags = split_tags(column_bytes(s, 15));
  return m;
}

void bind_nothing(sqlite3_stmt* /*unused*/) {}

std::int64_t first_integer(sqlite3_stmt* s) {
  return sqlite3_column_int64(s, 0);
}

// Ids are handed out in the order messages are accepted, so id order is
// arrival order: "newest first" is the rowid index read backwards.
constexpr std::string_view newest_first = " ORDER BY id DESC";

}  // namespace

struct mailbox_reader::impl {
  std::unique_ptr<capture_queries> queries;
  statement summary, latest, count_all, count_unread, tags, after, growth;

  // A query built for SEARCH: the clause, then `tail`, whose own parameters
  // `bind_tail` sets from index `first` on.
  template <typename Read, typename BindTail>
  auto run(const search_sql& search, std::string_view head, std::string_view tail,
           BindTail bind_tail, Read read) const {
    std::string error;
    const std::string sql = std::string(head) + "WHERE " + search.where + std::string(tail);
    const int first = static_cast<int>(search.values.size()) + 1;
    return queries
        ->all_rows(
            sql,
            [&](sqlite3_stmt* s) {
              search.bind(s);
              bind_tail(s, first);
            },
            read, error)
        .value_or(std::vector<std::invoke_result_t<Read, sqlite3_stmt*>>{});
  }
};

std::unique_ptr<mailbox_reader> mailbox_reader::open(const std::filesystem::path& dir,
                                                     std::string& error, journal_end end) {
  auto p = std::make_unique<impl>();
  p->queries = capture_queries::open(dir, error, std::move(end));
  if (!p->queries) {
    return nullptr;
  }
  sqlite3* db = p->queries->db();
  p->summary = prepare(db, std::string(summary_columns) + "WHERE id = ?1", error);
  p->latest = prepare(db, "SELECT max(id) FROM messages", error);
  // Two counts, each read from an index (unread: schema step 8's partial one),
  // not one pass over every row.
  p->count_all = prepare(db, "SELECT count(*) FROM messages", error);
  p->count_unread = prepare(db, "SELECT count(*) FROM messages WHERE read = 0", error);
  p->tags = prepare(db,
                    "SELECT t.name, count(mt.message) FROM tags t LEFT JOIN message_tags mt ON "
                    "mt.tag = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
                    error);
  p->after =
      prepare(db, std::string(summary_columns) + "WHERE id > ?1 ORDER BY id LIMIT ?2", error);
  // One statement, so the three figures come from one snapshot of the table; each
  // count is read from an index or a rowid range, never a pass over old rows.
  p->growth = prepare(db,
                      "SELECT (SELECT count(*) FROM messages) - (SELECT count(*) FROM messages "
                      "WHERE id > ?1), (SELECT count(*) FROM messages), "
                      "(SELECT coalesce(max(id), 0) FROM messages)",
                      error);
  if (!p->summary || !p->latest || !p->count_all || !p->count_unread || !p->tags || !p->after ||
      !p->growth) {
    error = (dir / "exomock.sqlite3").string() + ": " + error;
    return nullptr;
  }
  return std::unique_ptr<mailbox_reader>(new mailbox_reader(std::move(p)));
}

mailbox_reader::mailbox_reader(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
mailbox_reader::~mailbox_reader() = default;

std::optional<mailbox_summary> mailbox_reader::summary(std::int64_t id) const {
  return impl_->queries->first_row(
      impl_->summary, [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); }, read_summary);
}

std::optional<std::int64_t> mailbox_reader::latest_id() const {
  const auto id = impl_->queries->first_row(impl_->latest, bind_nothing,
                                            [](sqlite3_stmt* s) -> std::optional<std::int64_t> {
                                              if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
                                                return std::nullopt;
                                              }
                                              return sqlite3_column_int64(s, 0);
                                            });
  return id.value_or(std::nullopt);
}

mailbox_counts mailbox_reader::counts() const {
  const auto count = [&](const statement& st) {
    return impl_->queries->first_row(st, bind_nothing, first_integer).value_or(0);
  };
  return mailbox_counts{count(impl_->count_all), count(impl_->count_unread)};
}

mailbox_growth mailbox_reader::growth_since(std::int64_t seen_id) const {
  return impl_->queries
      ->first_row(
          impl_->growth, [seen_id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, seen_id); },
          [](sqlite3_stmt* s) {
            return mailbox_growth{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                                  sqlite3_column_int64(s, 2)};
          })
      .value_or(mailbox_growth{});
}

std::vector<std::pair<std::string, std::int64_t>> mailbox_reader::tags() const {
  return impl_->queries->all_rows(impl_->tags, bind_nothing, [](sqlite3_stmt* s) {
    return std::pair<std::string, std::int64_t>{column_bytes(s, 0), sqlite3_column_int64(s, 1)};
  });
}

mailbox_page mailbox_reader::search(const mailbox_query& query, std::int64_t start,
                                    std::optional<std::int64_t> limit) const {
  const search_sql sql = compile_search(query);
  const auto none = [](sqlite3_stmt*, int) {};
  mailbox_page page;
  if (query.terms.empty() && !query.received_before && !query.id_above &&
      !query.id_at_most) {  // the whole mailbox: its indexed counts
    page.matched = counts();
  } else if (const auto found = impl_->run(
                 sql, "SELECT count(*), count(*) FILTER (WHERE read = 0) FROM messages ", "", none,
                 [](sqlite3_stmt* s) {
                   return mailbox_counts{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)};
                 });
             !found.empty()) {
    page.matched = found.front();
  }
  page.messages = impl_->run(
      sql, summary_columns, std::string(newest_first) + " LIMIT ? OFFSET ?",
      [&](sqlite3_stmt* s, int first) {
        // SQLite reads a negative LIMIT as "no limit".
        sqlite3_bind_int64(s, first, limit.value_or(-1));
        sqlite3_bind_int64(s, first + 1, std::max<std::int64_t>(start, 0));
      },
      read_summary);
  return page;
}

std::vector<std::int64_t> mailbox_reader::matching_ids(const mailbox_query& query) const {
  return impl_->run(
      compile_search(query), "SELECT id FROM messages ", newest_first, [](sqlite3_stmt*, int) {},
      first_integer);
}

std::optional<std::int64_t> mailbox_reader::latest_matching(const mailbox_query& query) const {
  const auto ids = impl_->run(
      compile_search(query), "SELECT id FROM messages ", std::string(newest_first) + " LIMIT 1",
      [](sqlite3_stmt*, int) {}, first_integer);
  if (ids.empty()) {
    return std::nullopt;
  }
  return ids.front();
}

std::vector<mailbox_summary> mailbox_reader::summaries_after(std::int64_t after_id,
                                                             std::size_t limit) const {
  return impl_->queries->all_rows(
      impl_->after,
      [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, after_id);
        sqlite3_bind_int64(s, 2,
                           static_cast<sqlite3_int64>(std::min<std::uint64_t>(
                               limit, std::numeric_limits<sqlite3_int64>::max())));
      },
      read_summary);
}

bool mailbox_reader::answers() const {
  std::string error;
  const auto rows = impl_->queries->all_rows(
      "SELECT count(*) FROM messages", bind_nothing, [](sqlite3_stmt*) { return 1; }, error);
  return rows.has_value();
}

}  // namespace exomock::store
