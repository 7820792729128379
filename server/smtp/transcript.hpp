// The record of a session as the core saw it: every command line and every
// reply line, with AUTH secrets replaced by "********" at the one exit that
// writes it (OpenSMTPD's rule), and message content summarised, not copied.
#pragma once

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

  void client(std::string text) { entries_.push_back({direction::client, std::move(text)}); }
  void server(std::string text) { entries_.push_back({direction::server, std::move(text)}); }
  void note(std::string text) { entries_.push_back({direction::note, std::move(text)}); }

  [[nodiscard]] const std::vector<entry>& entries() const { return entries_; }
  /// "C: ...", "S: ...", "*  ..." lines joined with '\n' (the golden-transcript format).
  [[nodiscard]] std::string text() const;

 private:
  std::vector<entry> entries_;
};

}  // namespace exomock::smtp
