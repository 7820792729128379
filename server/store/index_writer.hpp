// The SQLite side of the capture: applies journal entries to the tables that
// `exomock messages`, `exomock signins` and the sqlite3 shell read. Each
// transaction also moves the journal_applied position, so an entry is applied
// exactly once whichever process (the server's indexer or a reader catching up)
// gets there first. Internal to store/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/journal_record.hpp"
#include "store/journal_writer.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

class index_writer {
 public:
  /// Opens FILE, sets WAL and synchronous=FULL, migrates the schema, prepares the inserts.
  static std::unique_ptr<index_writer> open(const std::filesystem::path& file, std::string& error);

  /// BEGIN IMMEDIATE: the write lock first, so the position read next is current.
  bool begin(std::string& error);
  bool read_applied(journal_position& applied, std::string& error);
  bool insert(const journal_entry& entry);
  /// Moves the position and commits; on failure rolls back and sets `error`.
  bool commit(journal_position applied, std::string& error);
  void rollback();
  /// Fills the mailbox view (schema step 6) of at most LIMIT rows written before it,
  /// in its own transaction; `filled` is how many (0: none is left).
  bool fill_mailbox_batch(std::size_t limit, std::size_t& filled, std::string& error);
  /// The highest message id stored (0 when none).
  bool max_message_id(std::int64_t& id, std::string& error);
  [[nodiscard]] std::string error() const { return error_text(db_.get()); }
  /// How long begin() waits for another process's transaction (default 5 s).
  void set_busy_timeout(int milliseconds) { sqlite3_busy_timeout(db_.get(), milliseconds); }

 private:
  index_writer() = default;
  bool insert(const journaled_message& m);
  bool insert(const session_record& s);
  bool insert(const sign_in_record& r);
  bool insert(const void_record& v);
  bool insert(const admin_record& r);
  bool insert(const fault_counts_record& f);
  /// Fills message_bodies.raw of row `id` (a zeroblob of the same size) piece by piece.
  bool write_blob(std::int64_t id, std::string_view bytes);
  static constexpr std::size_t incremental_blob_above = std::size_t{1} << 20;
  /// Nothing to index: the applier decides what becomes of a foreign frame.
  static bool insert(const foreign_frame& /*f*/) { return true; }
  bool link_tags(std::int64_t id, const std::vector<std::string>& tags);
  database db_;
  statement begin_, commit_, rollback_, read_applied_, write_applied_, insert_message_,
      insert_body_, insert_session_, insert_sign_in_, insert_admin_, delete_message_,
      delete_message_tags_, insert_tag_, link_tag_, unfilled_, fill_, fill_body_,
      clear_fault_counts_, put_fault_count_;
};

}  // namespace exomock::store
