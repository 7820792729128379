// The read API of the audit routes: the sign-in log filtered, newest first and
// paged by a cursor (Graph's $filter and $skiptoken), and the finished sessions
// with how each went. Queries are compiled here from conditions, never from
// request text: the SQL is fixed fragments, every value a bound parameter.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/admin_record.hpp"
#include "store/captured_message.hpp"
#include "store/journal_end.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// One clause of a sign-in query; a query holds when all of its clauses do.
struct sign_in_condition {
  /// tenant: a sign-in of a user in `domains` or of an application in `app_ids`.
  enum class field : std::uint8_t { user_principal_name, error_code, created, tenant };
  enum class comparison : std::uint8_t { equals, starts_with, at_or_after, at_or_before };

  field on = field::user_principal_name;
  comparison op = comparison::equals;
  std::string text;         ///< user_principal_name (compared without regard to ASCII case)
  std::int64_t number = 0;  ///< error_code
  std::chrono::system_clock::time_point time;  ///< created
  std::vector<std::string> domains;            ///< tenant: its accepted domains
  std::vector<std::string> app_ids;            ///< tenant: its applications' client ids

  friend bool operator==(const sign_in_condition&, const sign_in_condition&) = default;
};

/// Where the next page of sign-ins starts: just after this row, newest first.
struct sign_in_cursor {
  std::string created;  ///< the row's createdDateTime, as stored
  std::int64_t row = 0;
};

struct sign_in_page {
  std::vector<sign_in_row> rows;  ///< newest first
  bool more = false;              ///< rows beyond these match too
};

/// What the sessions listing matches; an empty field matches anything.
struct session_filter {
  std::string login;  ///< compared without regard to ASCII case
  std::string client_ip;
  std::string outcome;
};

/// A finished session and how many of its messages the capture holds.
struct session_summary {
  session_record record;  ///< the transcript only when asked for one session
  std::int64_t messages = 0;
};

struct session_page {
  std::int64_t total = 0;  ///< sessions matching the filter
  std::vector<session_summary> sessions;
};

class audit_reader {
 public:
  /// Opens its own read connection on DIR; nullptr and `error` on failure.
  /// `end`: a reader inside the server applies the journal up to there (journal_catch_up).
  static std::unique_ptr<audit_reader> open(const std::filesystem::path& dir, std::string& error,
                                            journal_end end = {});
  ~audit_reader();
  audit_reader(const audit_reader&) = delete;
  audit_reader& operator=(const audit_reader&) = delete;
  audit_reader(audit_reader&&) = delete;
  audit_reader& operator=(audit_reader&&) = delete;

  /// At most `top` sign-ins that meet every condition, newest first (by createdDateTime,
  /// then by the order they were recorded), after `after` when given.
  [[nodiscard]] std::optional<sign_in_page> sign_ins(const std::vector<sign_in_condition>& all_of,
                                                     std::size_t top,
                                                     const std::optional<sign_in_cursor>& after,
                                                     std::string& error) const;
  /// How many sign-ins meet every condition.
  [[nodiscard]] std::optional<std::int64_t> count_sign_ins(
      const std::vector<sign_in_condition>& all_of, std::string& error) const;
  /// The newest `limit` admin changes, newest first; nullopt and `error` when SQLite fails.
  [[nodiscard]] std::optional<std::vector<admin_row>> admin_changes(std::size_t limit,
                                                                    std::string& error) const;
  /// A page of finished sessions, newest first, without their transcripts.
  [[nodiscard]] std::optional<session_page> sessions(const session_filter& filter,
                                                     std::size_t start, std::size_t limit,
                                                     std::string& error) const;
  /// One finished session with its transcript; nullopt when there is none by that id
  /// (or the file is too old to say, when `error` is set).
  [[nodiscard]] std::optional<session_summary> session(const std::string& session_id,
                                                       std::string& error) const;

 private:
  struct impl;
  explicit audit_reader(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::store
