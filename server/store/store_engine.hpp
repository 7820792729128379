// What message_store forwards to: one implementation per store::engine. Each
// owns its threads and drains its queue when destroyed. Internal to store/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "store/captured_message.hpp"
#include "store/commit_signal.hpp"
#include "store/message_store.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

using done_callback = std::function<void(bool ok, std::int64_t id)>;

class store_engine {
 public:
  store_engine() = default;
  virtual ~store_engine() = default;
  store_engine(const store_engine&) = delete;
  store_engine& operator=(const store_engine&) = delete;
  store_engine(store_engine&&) = delete;
  store_engine& operator=(store_engine&&) = delete;

  virtual bool submit(captured_message message, done_callback done) = 0;
  virtual void record(const session_record& session) = 0;
  virtual void record(const sign_in_record& sign_in) = 0;
  virtual void write_queued() = 0;
  virtual void flush() = 0;
  [[nodiscard]] virtual store_stats stats() const = 0;
};

/// The journal engine (journal_store.cpp) and the SQLite group-commit engine
/// (sqlite_store.cpp); both take the data directory's lock first, and notify
/// `commits` whenever what they wrote has become visible to readers.
std::unique_ptr<store_engine> open_journal_store(const std::filesystem::path& dir,
                                                 const store_options& options,
                                                 commit_signal& commits, std::string& error);
std::unique_ptr<store_engine> open_sqlite_store(const std::filesystem::path& dir,
                                                const store_options& options,
                                                commit_signal& commits, std::string& error);

}  // namespace exomock::store
