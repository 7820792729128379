// The golden-transcript text form of a session record: one entry a line,
// "C: " for the client, "S: " for the server, "*  " for notes (message data,
// TLS), joined by '\n' with no trailing newline so files can add their own.
#include "smtp/transcript.hpp"

namespace exomock::smtp {

namespace {

void append(std::string& out, transcript::direction from, const std::string& text) {
  if (!out.empty()) {
    out += '\n';
  }
  switch (from) {
    case transcript::direction::client:
      out += "C: ";
      break;
    case transcript::direction::server:
      out += "S: ";
      break;
    case transcript::direction::note:
      out += "*  ";
      break;
  }
  out += text;
}

}  // namespace

void transcript::add(entry e) {
  if (bytes_ < head_bytes) {
    bytes_ += e.text.size() + 4;
    entries_.push_back(std::move(e));
    return;
  }
  tail_.push_back(std::move(e));
  if (tail_.size() > tail_lines) {
    tail_.pop_front();
    ++omitted_;
  }
}

std::string transcript::text() const {
  std::string out;
  std::size_t total = bytes_ + 64;
  for (const auto& e : tail_) {
    total += e.text.size() + 4;
  }
  out.reserve(total);
  for (const auto& e : entries_) {
    append(out, e.from, e.text);
  }
  if (omitted_ > 0) {
    append(out, direction::note,
           "... " + std::to_string(omitted_) + " lines left out (a transcript keeps its first " +
               std::to_string(head_bytes >> 10) + " KiB and last " + std::to_string(tail_lines) +
               " lines) ...");
  }
  for (const auto& e : tail_) {
    append(out, e.from, e.text);
  }
  return out;
}

std::string transcript::lines_from(std::size_t first) const {
  std::string out;
  for (std::size_t i = first; i < entries_.size(); ++i) {
    std::string line;
    append(line, entries_[i].from, entries_[i].text);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace exomock::smtp
