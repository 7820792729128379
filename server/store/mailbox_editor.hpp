// What a Mailpit client changes in the capture: read flags, tags and deletions
// (and a removed tenant's sign-ins).
// Its own read-write connection, so the server's indexer and the editor take
// SQLite's write lock in turn (busy timeout); every edit first applies the
// journal's tail, so a message whose 250 was just sent can be edited at once.
// A deleted message's row and tags go; its journal frame stays until the
// segment is recycled, and is never applied again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/journal_end.hpp"

namespace exomock::store {

class mailbox_editor {
 public:
  /// nullptr and `error` when the capture cannot be opened for writing. `end`: a
  /// server's own editor applies the journal up to there first (journal_catch_up).
  static std::unique_ptr<mailbox_editor> open(const std::filesystem::path& dir, std::string& error,
                                              journal_end end = {});
  ~mailbox_editor();
  mailbox_editor(const mailbox_editor&) = delete;
  mailbox_editor& operator=(const mailbox_editor&) = delete;

  /// Sets the read flag of IDS (unknown ids are skipped); returns the ids whose
  /// flag changed, in the order given.
  std::vector<std::int64_t> set_read(const std::vector<std::int64_t>& ids, bool read);
  /// Sets the read flag of every message; returns how many changed.
  std::int64_t set_read_all(bool read);
  /// Replaces the tag set of message ID with TAGS (already cleaned; unique case-insensitively:
  /// a tag that exists under another case keeps its stored spelling). False for an unknown id.
  bool set_tags(std::int64_t id, const std::vector<std::string>& tags);
  /// Renames tag FROM to TO; nullopt on success, otherwise Mailpit's error text
  /// ("tag not found: X", "tag already exists: X").
  std::optional<std::string> rename_tag(const std::string& from, const std::string& to);
  /// Removes the tag from every message; nullopt, or "tag not found: X".
  std::optional<std::string> delete_tag(const std::string& name);
  /// Deletes IDS (unknown ids are skipped); returns the ids deleted.
  std::vector<std::int64_t> delete_messages(const std::vector<std::int64_t>& ids);
  /// Deletes every message; returns how many.
  std::int64_t delete_all();
  /// Deletes the sign-ins of a tenant: those whose user is in one of DOMAINS and
  /// those of its applications (APP_IDS), both without regard to case; how many.
  std::int64_t delete_sign_ins(const std::vector<std::string>& domains,
                               const std::vector<std::string>& app_ids);
  /// How many messages this editor has deleted since it was opened (Mailpit's
  /// MessagesDeleted: this run's deletions).
  [[nodiscard]] std::int64_t deleted() const;

 private:
  struct impl;
  explicit mailbox_editor(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::store
