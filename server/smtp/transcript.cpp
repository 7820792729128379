// The golden-transcript text form of a session record: one entry a line,
// "C: " for the client, "S: " for the server, "*  " for notes (message data,
// TLS), joined by '\n' with no trailing newline so files can add their own.
#include "smtp/transcript.hpp"

namespace exomock::smtp {

std::string transcript::text() const {
  std::string out;
  std::size_t total = 0;
  for (const auto& e : entries_) total += e.text.size() + 4;
  out.reserve(total);
  for (const auto& e : entries_) {
    if (!out.empty()) out += '\n';
    switch (e.from) {
      case direction::client:
        out += "C: ";
        break;
      case direction::server:
        out += "S: ";
        break;
      case direction::note:
        out += "*  ";
        break;
    }
    out += e.text;
  }
  return out;
}

}  // namespace exomock::smtp
