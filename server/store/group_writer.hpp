// The writer thread's connection: writes one group of messages and session
// records in one transaction, so the whole group costs one fsync. Internal to
// store/; used only by message_store's writer thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "store/captured_message.hpp"
#include "store/sign_in_record.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {

class group_writer {
 public:
  /// Opens FILE, sets WAL and synchronous=FULL, migrates the schema, prepares the inserts.
  static std::unique_ptr<group_writer> open(const std::filesystem::path& file, std::string& error);

  /// All rows commit or none do. On success ids[i] is the rowid of messages[i].
  bool write(std::span<const captured_message> messages, std::span<const session_record> sessions,
             std::span<const sign_in_record> sign_ins, std::vector<std::int64_t>& ids,
             std::string& error);

 private:
  group_writer() = default;
  bool insert(const captured_message& m, std::int64_t& id);
  bool insert(const session_record& s);
  bool insert(const sign_in_record& r);

  database db_;
  statement begin_, commit_, rollback_, insert_message_, insert_session_, insert_sign_in_;
};

}  // namespace exomock::store
