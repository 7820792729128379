// The record of a session as the core saw it: every command line and every
// reply line, with AUTH secrets replaced by "********" at the one exit that
// writes it (OpenSMTPD's rule), and message content summarised, not copied.
// A long connection (a device that sends thousands of messages on one) keeps
// its first 64 KiB and its last 64 lines, with a note of what was left out
// between them, so a session's memory stays bounded however long it runs.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace exomock::smtp {

class transcript {
 public:
  enum class direction { client, server, note };
  struct entry {
    direction from;
    std::string text;  ///< one line, without CRLF
  };

  static constexpr std::size_t head_bytes = std::size_t{64} << 10;
  static constexpr std::size_t tail_lines = 64;

  void client(std::string text) { add({direction::client, std::move(text)}); }
  void server(std::string text) { add({direction::server, std::move(text)}); }
  void note(std::string text) { add({direction::note, std::move(text)}); }

  /// The lines kept from the start (all of them for any but a very long session).
  [[nodiscard]] const std::vector<entry>& entries() const { return entries_; }
  /// The latest lines once the start is full (empty for any but a very long session).
  [[nodiscard]] const std::deque<entry>& tail() const { return tail_; }
  /// How many lines were left out between the start and the tail.
  [[nodiscard]] std::size_t omitted() const { return omitted_; }
  /// "C: ...", "S: ...", "*  ..." lines joined with '\n' (the golden-transcript format).
  [[nodiscard]] std::string text() const;
  /// The lines of entries() from `first` on in text()'s form, each ended by '\n': what was
  /// added since a reader last took `first` lines (a live view of the session).
  [[nodiscard]] std::string lines_from(std::size_t first) const;

 private:
  void add(entry e);
  std::vector<entry> entries_;
  std::size_t bytes_ = 0;
  std::deque<entry> tail_;  // the latest lines once the head is full
  std::size_t omitted_ = 0;
};

}  // namespace exomock::smtp
