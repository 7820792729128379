// Each term becomes one parenthesised condition, ANDed in query order. The
// comparisons copy Mailpit's searchQueryBuilder (internal/storage/search.go):
// LIKE '%term%' on the stored columns, a tag by name, and for after/before and
// larger/smaller a negation that flips the operator (so `-after:D` is
// `received <= D`, not NOT(>=)), exactly as Mailpit writes them.
#include "store/search_sql.hpp"

#include <chrono>
#include <iterator>
#include <string_view>

#include "store/sqlite_handle.hpp"
#include "store/timestamp.hpp"

namespace exomock::store {
namespace {

using namespace std::chrono;

// The domain part of an address column or json_each value, lower-cased.
constexpr std::string_view login_domain = "lower(substr(login, instr(login, '@') + 1))";
constexpr std::string_view recipient_domain = "lower(substr(value, instr(value, '@') + 1))";

// The received column holds fixed-width ISO 8601 text, so times compare as text.
std::string bound_time(system_clock::time_point t) {
  return iso8601_utc_ms(t);
}

class builder {
 public:
  explicit builder(search_sql& out) : out_(out) {}

  void add(const search_term& t) {
    switch (t.field) {
      case search_field::text:
        // The searched text lives beside the bytes (schema step 8), out of the listed rows.
        return like("(SELECT b.search_text FROM message_bodies b WHERE b.id = messages.id)", t);
      case search_field::to:
        return like("to_json", t);
      case search_field::from:
        return like("from_json", t);
      case search_field::cc:
        return like("cc_json", t);
      case search_field::bcc:
        return like("bcc_json", t);
      case search_field::reply_to:
        return like("reply_to_json", t);
      case search_field::addressed:
        return addressed(t);
      case search_field::subject:
        return like("subject", t);
      case search_field::message_id:
        return like("header_message_id", t);
      case search_field::login:
        return like("login", t);
      case search_field::tag:
        return condition(
            "id IN (SELECT mt.message FROM message_tags mt JOIN tags t ON t.id = mt.tag "
            "WHERE t.name = ?)",
            t.negated, {t.text});
      case search_field::tagged:
        return condition("id IN (SELECT message FROM message_tags)", t.negated);
      case search_field::read:
        return clause(t.negated ? "read = 0" : "read = 1");
      case search_field::attachment:
        return clause(t.negated ? "attachments = 0" : "attachments > 0");
      case search_field::inline_part:
        return clause(t.negated ? "inlines = 0" : "inlines > 0");
      case search_field::after:
        return clause(t.negated ? "received <= ?" : "received >= ?", {bound_time(t.time)});
      case search_field::before:
        return clause(t.negated ? "received >= ?" : "received <= ?", {bound_time(t.time)});
      case search_field::larger:
        return clause(t.negated ? "size < ?" : "size > ?", {t.number});
      case search_field::smaller:
        return clause(t.negated ? "size > ?" : "size < ?", {t.number});
      case search_field::listener:
        return condition("listener = ? COLLATE NOCASE", t.negated, {t.text});
      case search_field::path:
        return t.text == "connector" ? condition("path LIKE 'connector:%'", t.negated)
                                     : condition("path = ? COLLATE NOCASE", t.negated, {t.text});
      case search_field::tenant:
        return tenant(t);
      case search_field::tls:
        return condition("tls_version = ? COLLATE NOCASE", t.negated, {t.text});
      case search_field::client_ip:
        return condition("client_ip = ? COLLATE NOCASE", t.negated, {t.text});
    }
  }

  void received_before(system_clock::time_point t) { clause("received < ?", {bound_time(t)}); }
  void id_above(std::int64_t id) { clause("id > ?", {id}); }
  void id_at_most(std::int64_t id) { clause("id <= ?", {id}); }

 private:
  using value = std::variant<std::int64_t, std::string>;

  void clause(std::string_view sql, std::vector<value> values = {}) {
    out_.where += out_.where.empty() ? "(" : " AND (";
    out_.where += sql;
    out_.where += ")";
    std::move(values.begin(), values.end(), std::back_inserter(out_.values));
  }
  void condition(std::string_view sql, bool negated, std::vector<value> values = {}) {
    clause(negated ? "NOT (" + std::string(sql) + ")" : std::string(sql), std::move(values));
  }
  void like(std::string_view column, const search_term& t) {
    condition(std::string(column) + " LIKE ?", t.negated, {"%" + t.text + "%"});
  }
  void addressed(const search_term& t) {
    const std::string pattern = "%" + t.text + "%";
    condition(
        "to_json LIKE ? OR from_json LIKE ? OR cc_json LIKE ? OR bcc_json LIKE ? OR "
        "reply_to_json LIKE ?",
        t.negated, {pattern, pattern, pattern, pattern, pattern});
  }
  // A tenant no scenario knows has no domains, so no message belongs to it.
  void tenant(const search_term& t) {
    if (t.domains.empty()) {
      return clause(t.negated ? "1" : "0");
    }
    std::string list = "?";
    for (std::size_t i = 1; i < t.domains.size(); ++i) {
      list += ", ?";
    }
    std::vector<value> values(t.domains.begin(), t.domains.end());
    values.insert(values.end(), t.domains.begin(), t.domains.end());
    condition(std::string(login_domain) + " IN (" + list +
                  ") OR EXISTS (SELECT 1 FROM json_each(messages.rcpt_to) WHERE " +
                  std::string(recipient_domain) + " IN (" + list + "))",
              t.negated, std::move(values));
  }

  search_sql& out_;
};

}  // namespace

void search_sql::bind(sqlite3_stmt* st) const {
  int index = 1;
  for (const auto& v : values) {
    if (const auto* number = std::get_if<std::int64_t>(&v)) {
      sqlite3_bind_int64(st, index++, *number);
    } else {
      bind_text(st, index++, std::get<std::string>(v));
    }
  }
}

search_sql compile_search(const mailbox_query& query) {
  search_sql out;
  builder b(out);
  for (const search_term& t : query.terms) {
    b.add(t);
  }
  if (query.received_before) {
    b.received_before(*query.received_before);
  }
  if (query.id_above) {
    b.id_above(*query.id_above);
  }
  if (query.id_at_most) {
    b.id_at_most(*query.id_at_most);
  }
  if (out.where.empty()) {
    out.where = "1";
  }
  return out;
}

}  // namespace exomock::store
