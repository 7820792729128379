// Mailpit's view of the capture: summaries, counts and tags, over a locked read
// connection (capture_queries). The search engine adds its queries here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/journal_end.hpp"
#include "store/mailbox_query.hpp"
#include "store/mailbox_summary.hpp"

namespace exomock::store {

class capture_queries;

/// The mailbox's size as seen from a known id, all from one snapshot.
struct mailbox_growth {
  std::int64_t rows_through_seen = 0;  ///< messages with an id up to the one asked about
  std::int64_t rows = 0;               ///< every message
  std::int64_t latest_id = 0;          ///< the newest message's id, 0 when there is none
};

class mailbox_reader {
 public:
  /// `end`: a reader inside the server applies the journal up to there (journal_catch_up).
  static std::unique_ptr<mailbox_reader> open(const std::filesystem::path& dir, std::string& error,
                                              journal_end end = {});
  ~mailbox_reader();
  mailbox_reader(const mailbox_reader&) = delete;
  mailbox_reader& operator=(const mailbox_reader&) = delete;

  [[nodiscard]] std::optional<mailbox_summary> summary(std::int64_t id) const;
  /// The newest message's id (Mailpit's `latest`), or nullopt when there is none.
  [[nodiscard]] std::optional<std::int64_t> latest_id() const;
  [[nodiscard]] mailbox_counts counts() const;
  /// How the mailbox stands relative to SEEN_ID: what match_counter reads to
  /// tell new messages (ids above it) from deletions among the old.
  [[nodiscard]] mailbox_growth growth_since(std::int64_t seen_id) const;
  /// Every tag, sorted by name (ASCII case ignored), with how many messages carry it.
  [[nodiscard]] std::vector<std::pair<std::string, std::int64_t>> tags() const;
  /// The messages matching QUERY, newest first: counted, then START..START+LIMIT
  /// of them (LIMIT nullopt: all from START; 0: none, only the counts).
  [[nodiscard]] mailbox_page search(const mailbox_query& query, std::int64_t start,
                                    std::optional<std::int64_t> limit) const;
  /// The ids of every match, newest first: what a delete or mark by search acts on.
  [[nodiscard]] std::vector<std::int64_t> matching_ids(const mailbox_query& query) const;
  /// The newest match (Mailpit's `latest` with ?query=), or nullopt.
  [[nodiscard]] std::optional<std::int64_t> latest_matching(const mailbox_query& query) const;
  /// At most LIMIT messages with an id above AFTER_ID, oldest first: what the
  /// live event stream announces after a commit.
  [[nodiscard]] std::vector<mailbox_summary> summaries_after(std::int64_t after_id,
                                                             std::size_t limit) const;
  /// Whether a query can run: what /readyz asks.
  [[nodiscard]] bool answers() const;

 private:
  struct impl;
  explicit mailbox_reader(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace exomock::store
