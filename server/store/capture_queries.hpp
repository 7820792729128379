// One read connection's queries over a capture, run one at a time (statements
// are reused, and the HTTP layer may call from several threads), each after the
// journal's tail has been applied: a query right after a 250 sees that message.
// The base of every reader in store/ (message_reader, mailbox_reader, ...).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "store/journal_applier.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

class capture_queries {
 public:
  /// Applies the journal's tail and opens DIR/exomock.sqlite3; nullptr and `error` on failure.
  /// `end`: see journal_catch_up.
  static std::unique_ptr<capture_queries> open(const std::filesystem::path& dir, std::string& error,
                                               journal_end end = {});
  capture_queries(const capture_queries&) = delete;
  capture_queries& operator=(const capture_queries&) = delete;

  [[nodiscard]] sqlite3* db() const { return db_.get(); }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

  /// `bind` sets the parameters, `read` makes a value of a row.
  template <typename Bind, typename Read>
  auto first_row(const statement& st, Bind bind, Read read)
      -> std::optional<std::invoke_result_t<Read, sqlite3_stmt*>> {
    const std::lock_guard lock(mutex_);
    catch_up();
    const statement_use use(st.get());
    bind(use.get());
    if (sqlite3_step(use.get()) != SQLITE_ROW) {
      return std::nullopt;
    }
    return read(use.get());
  }
  template <typename Bind, typename Read>
  auto all_rows(const statement& st, Bind bind, Read read)
      -> std::vector<std::invoke_result_t<Read, sqlite3_stmt*>> {
    const std::lock_guard lock(mutex_);
    catch_up();
    return collect(st.get(), bind, read);
  }
  /// For SQL built per request (a search): prepared, run and finalized here;
  /// nullopt with `error` set when SQLite refuses the statement.
  template <typename Bind, typename Read>
  auto all_rows(std::string_view sql, Bind bind, Read read, std::string& error)
      -> std::optional<std::vector<std::invoke_result_t<Read, sqlite3_stmt*>>> {
    const std::lock_guard lock(mutex_);
    catch_up();
    const statement st = prepare(db_.get(), sql, error);
    if (!st) {
      return std::nullopt;
    }
    return collect(st.get(), bind, read);
  }

 private:
  capture_queries(std::filesystem::path dir, journal_end end);
  void catch_up() {
    std::string ignored;  // a read-only copy answers from what SQLite holds
    journal_.run(ignored);
  }
  template <typename Bind, typename Read>
  static auto collect(sqlite3_stmt* st, Bind& bind, Read& read)
      -> std::vector<std::invoke_result_t<Read, sqlite3_stmt*>> {
    const statement_use use(st);
    bind(use.get());
    std::vector<std::invoke_result_t<Read, sqlite3_stmt*>> out;
    while (sqlite3_step(use.get()) == SQLITE_ROW) {
      out.push_back(read(use.get()));
    }
    return out;
  }

  std::filesystem::path dir_;
  journal_catch_up journal_;
  database db_;
  std::mutex mutex_;
};

}  // namespace exomock::store
