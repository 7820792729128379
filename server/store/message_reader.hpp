// The one read API over a capture, for the `messages` and `signins` commands,
// the tests and the HTTP layer: message summaries (all, a page, a count, a
// search), one message with its raw bytes, a session (or only its transcript) and the
// sign-in log. It opens its own read-only connection, which WAL lets read
// beside a running server. A server-side caller that must wait for a message
// to arrive pairs it with the store's commit_signal (see commit_signal.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/captured_message.hpp"
#include "store/journal_end.hpp"
#include "store/sign_in_record.hpp"

namespace exomock::store {

/// What a search matches; empty fields match anything. Addresses compare
/// without regard to ASCII case, as mailboxes are usually meant.
struct message_filter {
  std::int64_t after_id = 0;  ///< only messages with a larger id
  std::string mail_from;
  std::string rcpt_to;  ///< any one recipient
  std::string message_id;
  std::string session_id;
};

class message_reader {
 public:
  /// `end`: a reader inside the server applies the journal up to there (journal_catch_up).
  static std::unique_ptr<message_reader> open(const std::filesystem::path& dir, std::string& error,
                                              journal_end end = {});
  ~message_reader();
  message_reader(const message_reader&) = delete;
  message_reader& operator=(const message_reader&) = delete;
  message_reader(message_reader&&) = delete;
  message_reader& operator=(message_reader&&) = delete;

  /// Every message, in id order.
  [[nodiscard]] std::vector<message_summary> list() const;
  /// At most LIMIT messages with id > AFTER_ID, in id order: a page for the API.
  [[nodiscard]] std::vector<message_summary> list(std::int64_t after_id, std::size_t limit) const;
  /// At most LIMIT messages that match FILTER, in id order.
  [[nodiscard]] std::vector<message_summary> search(const message_filter& filter,
                                                    std::size_t limit) const;
  /// How many messages are stored.
  [[nodiscard]] std::int64_t count() const;
  /// Every stored field of one message, raw bytes included.
  [[nodiscard]] std::optional<captured_message> message(std::int64_t id) const;
  [[nodiscard]] std::optional<std::string> raw(std::int64_t id) const;
  [[nodiscard]] std::optional<std::string> transcript(const std::string& session_id) const;
  /// A finished session's record, its transcript included.
  [[nodiscard]] std::optional<session_record> session(const std::string& session_id) const;
  /// The sign-in log, oldest first; nullopt with `error` set when the file was
  /// written by an exomock from before the log.
  [[nodiscard]] std::optional<std::vector<sign_in_row>> sign_ins(std::string& error) const;
  /// At most LIMIT sign-in rows after row AFTER_ROW, oldest first (none for a
  /// file from before the log): what the live event stream announces.
  [[nodiscard]] std::vector<sign_in_row> sign_ins_after(std::int64_t after_row,
                                                        std::size_t limit) const;
  /// At most LIMIT finished sessions recorded after row AFTER_ROW, oldest first.
  [[nodiscard]] std::vector<session_row> sessions_after(std::int64_t after_row,
                                                        std::size_t limit) const;
  /// The newest sign-in row and session row (0 when there is none): where a
  /// reader that only wants what comes next starts.
  [[nodiscard]] std::int64_t latest_sign_in_row() const;
  [[nodiscard]] std::int64_t latest_session_row() const;

 private:
  struct impl;
  explicit message_reader(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::store
