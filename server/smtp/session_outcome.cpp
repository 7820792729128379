// Walks the transcript once: an AUTH command opens an exchange that its first
// reply other than 334 closes; a QUIT marks its reply as the closing one.
#include "smtp/session_outcome.hpp"

#include "smtp/ascii.hpp"

namespace exomock::smtp {

namespace {

// The reply code a server line starts with; 0 when it has none.
int code_of(std::string_view line) {
  if (line.size() < 3) {
    return 0;
  }
  int code = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (line[i] < '0' || line[i] > '9') {
      return 0;
    }
    code = code * 10 + (line[i] - '0');
  }
  return code;
}

// A reply's last line: "250-..." continues, "250 ..." (or a bare code) ends it.
bool last_line(std::string_view line) {
  return line.size() == 3 || line[3] != '-';
}

bool command_is(std::string_view line, std::string_view verb) {
  return line.size() >= verb.size() && ascii::iequals(line.substr(0, verb.size()), verb) &&
         (line.size() == verb.size() || line[verb.size()] == ' ');
}

struct walk {
  bool in_auth = false;
  bool auth_refused = false;
  bool after_quit = false;
  int last_code = 0;  // of the last reply that was not the answer to QUIT

  void see(const transcript::entry& e) {
    if (e.from == transcript::direction::client) {
      in_auth = command_is(e.text, "AUTH") || (in_auth && !command_is(e.text, "QUIT"));
      after_quit = command_is(e.text, "QUIT");
      return;
    }
    const int code = e.from == transcript::direction::server ? code_of(e.text) : 0;
    if (code == 0 || !last_line(e.text)) {
      return;
    }
    if (in_auth && code != 334) {
      auth_refused = auth_refused || code != 235;
      in_auth = false;
    }
    if (!after_quit) {
      last_code = code;
    }
  }
};

}  // namespace

std::string_view session_outcome(const transcript& log, const session_facts& facts,
                                 bool idle_timeout) {
  if (facts.messages_accepted > 0) {
    return "delivered";
  }
  walk w;
  for (const auto& e : log.entries()) {
    w.see(e);
  }
  for (const auto& e : log.tail()) {
    w.see(e);
  }
  if (!facts.login && w.auth_refused) {
    return "auth-failed";
  }
  if (w.last_code >= 400) {
    return "refused";
  }
  return idle_timeout ? "timed-out" : "closed";
}

}  // namespace exomock::smtp
