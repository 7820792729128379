// Golden transcripts: each tests/transcripts/*.txt is replayed in memory through
// the protocol core (smtp::session) and the Exchange policy (exchange_session),
// and what happened is rendered back as C:/S:/== lines and compared with the
// file, line for line. One GoogleTest per file, listed when the binary starts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "identity/jwt_verifier.hpp"
#include "identity/signing_key.hpp"
#include "policy/clock.hpp"
#include "policy/exchange_connection.hpp"
#include "policy/model.hpp"
#include "scenario/scenario_loader.hpp"
#include "transcript_script.hpp"

#ifndef EXOMOCK_SOURCE_DIR
#error "EXOMOCK_SOURCE_DIR must name the repository root"
#endif
#ifndef EXOMOCK_TRANSCRIPT_DIR
#error "EXOMOCK_TRANSCRIPT_DIR must name the directory of the .txt transcripts"
#endif

namespace exomock::transcripts {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// Exchange answers every 4xx/5xx after about 5 s and successes at once (reference section 1).
constexpr std::chrono::milliseconds reference_error_delay = 5000ms;

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Splits "250-a\r\n250 b\r\n" into its lines.
std::vector<std::string> wire_lines(const std::string& wire) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = wire.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(wire.substr(start, end - start));
  }
  if (start < wire.size()) lines.push_back(wire.substr(start) + "<missing CRLF>");
  return lines;
}

/// A step the runner saw happen (not read from the file).
step seen(step_kind kind, std::string bytes = {}) {
  step s;
  s.kind = kind;
  s.bytes = std::move(bytes);
  return s;
}

/// A transport step the runner saw.
step seen_transport(std::string event) {
  step s = seen(step_kind::transport);
  s.event = std::move(event);
  return s;
}

std::string ms(std::chrono::milliseconds d) {
  return std::to_string(d.count()) + "ms";
}

/// Drives one connection and records what it does as steps.
class replay {
 public:
  /// `split`: each client packet arrives one byte per receive() (Beast's parsegrind idea).
  replay(policy::exchange_connection& session, policy::manual_clock& clock, const script& expected,
         std::chrono::milliseconds error_delay, bool split)
      : session_(session), clock_(clock), error_delay_(error_delay), split_(split) {
    // The handshake parameters and store outcomes the file asks for, in order.
    for (const auto& s : expected.steps) {
      if (s.kind == step_kind::tls) handshakes_.push_back(s);
      if (s.kind == step_kind::stored || s.kind == step_kind::store_failed)
        stores_.push_back(s.kind);
    }
  }

  void run(const script& expected, bool tls_from_start) {
    if (tls_from_start) {
      if (!handshake_allowed()) return;
      perform(session_.tls_established({"TLSv1.3", "TLS_AES_256_GCM_SHA384"}));
    }
    perform(session_.start());
    const auto& steps = expected.steps;
    for (std::size_t i = 0; i < steps.size();) {
      if (steps[i].kind == step_kind::advance) {
        clock_.advance(steps[i].by);
        observed_.push_back(steps[i]);
        ++i;
      } else if (steps[i].kind == step_kind::client) {
        if (gone_) break;  // the transport has stopped reading
        // Consecutive client lines go in one receive(): pipelining (RFC 2920) as a client writes
        // it.
        std::string packet;
        for (; i < steps.size() && steps[i].kind == step_kind::client; ++i) {
          observed_.push_back(steps[i]);
          packet += steps[i].bytes;
          if (steps[i].crlf) packet += "\r\n";
        }
        if (split_) {
          unread_ = packet;
          drain();
        } else {
          perform(session_.receive(packet));
        }
      } else {
        ++i;  // expected output: compared afterwards
      }
    }
  }

  [[nodiscard]] const std::vector<step>& observed() const { return observed_; }
  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

 private:
  /// Feeds the rest of the current packet byte by byte. Also called before a
  /// handshake or a store completes: those bytes reached the transport first, and
  /// the core must buffer them (store) or discard them (STARTTLS) on its own.
  void drain() {
    while (!unread_.empty() && !gone_) {
      const std::string byte = unread_.substr(0, 1);
      unread_.erase(0, 1);
      perform(session_.receive(byte));
    }
  }

  void perform(std::vector<policy::connection_action> actions) {
    for (auto& a : actions) {
      if (gone_) return;
      std::visit([this](auto& x) { on(x); }, a);
    }
  }

  void on(const smtp::send_reply& r) {
    const smtp::reply& answer = r.answer;
    const auto lines = wire_lines(answer.wire());
    // The 5 s error cadence is part of the emulation, so every reply is checked for it;
    // a fault rule's delay on top of it is shown as a step of its own.
    const auto want = answer.code >= 400 ? error_delay_ : 0ms;
    if (answer.delay > want) {
      observed_.push_back(seen_transport("DELAYED " + ms(answer.delay - want)));
    } else if (answer.delay < want) {
      problems_.push_back("reply '" + (lines.empty() ? std::string("?") : lines.front()) +
                          "' has delay " + ms(answer.delay) + ", expected " + ms(want));
    }
    if (answer.how == smtp::delivery::silent_close) {
      observed_.push_back(seen_transport("WITHHELD"));
      observed_.push_back(seen(step_kind::closed));
      gone_ = true;
      return;
    }
    if (answer.how == smtp::delivery::stall) {
      observed_.push_back(seen_transport("STALLED"));
      gone_ = true;
      return;
    }
    if (answer.trickle_bytes > 0) {
      observed_.push_back(seen_transport("TRICKLED " + std::to_string(answer.trickle_bytes) +
                                         " BYTES EVERY " + ms(answer.trickle_interval)));
    }
    for (const auto& line : lines) observed_.push_back(seen(step_kind::server, line));
    if (answer.close_after) observed_.push_back(seen(step_kind::closed));
  }

  /// A [[fault]] rule on the handshake: what the transport does instead, shown as steps.
  bool handshake_allowed() {
    const policy::handshake_fault fault = session_.before_tls_handshake();
    if (fault.delay.count() > 0)
      observed_.push_back(seen_transport("HANDSHAKE DELAYED " + ms(fault.delay)));
    const char* refusal = fault.fail    ? "HANDSHAKE FAILED"
                          : fault.close ? "HANDSHAKE CLOSED"
                          : fault.stall ? "HANDSHAKE STALLED"
                                        : nullptr;
    if (refusal == nullptr) return true;
    observed_.push_back(seen_transport(refusal));
    session_.peer_closed();
    gone_ = true;
    return false;
  }

  void on(const smtp::start_tls&) {
    if (!handshake_allowed()) return;
    step handshake = seen(step_kind::tls);
    handshake.tls_version = "TLSv1.3";
    handshake.tls_cipher = "TLS_AES_256_GCM_SHA384";
    if (!handshakes_.empty()) {
      handshake = handshakes_.front();
      handshakes_.pop_front();
    }
    handshake.line_number = 0;
    observed_.push_back(handshake);
    drain();
    perform(session_.tls_established({handshake.tls_version, handshake.tls_cipher}));
  }

  void on(const smtp::close_connection&) {
    // A reply with close_after and a close_connection action mean the same thing to the peer.
    if (observed_.empty() || observed_.back().kind != step_kind::closed) {
      observed_.push_back(seen(step_kind::closed));
    }
  }

  void on(const policy::record_sign_in&) {}

  void on(const policy::capture_message&) {
    step_kind outcome = step_kind::stored;
    if (!stores_.empty()) {
      outcome = stores_.front();
      stores_.pop_front();
    }
    observed_.push_back(seen(outcome));
    drain();
    perform(session_.message_stored(outcome == step_kind::stored));
  }

  policy::exchange_connection& session_;
  policy::manual_clock& clock_;
  bool gone_ = false;  ///< the connection ended without the peer's close (withheld, stalled)
  std::chrono::milliseconds error_delay_;
  bool split_;
  std::string unread_;
  std::deque<step> handshakes_;
  std::deque<step_kind> stores_;
  std::vector<step> observed_;
  std::vector<std::string> problems_;
};

/// The secrets a client sent during AUTH: the password line, the XOAUTH2 token
/// and any initial response. None may appear in the core's own transcript.
std::vector<std::string> auth_secrets(const script& s) {
  std::vector<std::string> secrets;
  std::string last_reply;
  for (const auto& st : s.steps) {
    if (st.kind == step_kind::server) last_reply = st.bytes;
    if (st.kind != step_kind::client) continue;
    if ((last_reply == "334 UGFzc3dvcmQ6" || last_reply == "334 ") && st.bytes != "*" &&
        !st.bytes.empty()) {
      secrets.push_back(st.bytes);
    }
    std::istringstream words(st.bytes);
    std::string verb, mechanism, initial;
    words >> verb >> mechanism >> initial;
    std::transform(verb.begin(), verb.end(), verb.begin(), ::toupper);
    if (verb == "AUTH" && initial.size() > 1) secrets.push_back(initial);
  }
  return secrets;
}

// A client line the core records must be a command (AUTH with its secret masked), the
// AUTH cancel "*", or masked: a line that is not a command may be a secret sent after
// the AUTH dialogue was refused or cancelled.
bool recorded_safely(const std::string& line) {
  static const std::vector<std::string> verbs = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL",
                                                 "RCPT", "DATA", "BDAT",     "RSET", "NOOP",
                                                 "QUIT", "VRFY", "EXPN",     "HELP"};
  if (line == "*" || line.starts_with("********")) return true;
  std::string word = line.substr(0, line.find_first_of(" \\"));
  std::transform(word.begin(), word.end(), word.begin(), ::toupper);
  return std::find(verbs.begin(), verbs.end(), word) != verbs.end();
}

std::string listing(const std::vector<step>& steps) {
  std::string out;
  for (const auto& s : steps) out += "  " + s.render() + "\n";
  return out;
}

std::vector<fs::path> transcript_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(EXOMOCK_TRANSCRIPT_DIR, ec)) {
    // CMakeLists.txt shares the extension but is not a transcript.
    if (entry.is_regular_file() && entry.path().extension() == ".txt" &&
        entry.path().filename() != "CMakeLists.txt") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class transcript : public ::testing::TestWithParam<fs::path> {};

/// Replays `file` and checks the outcome; `split` feeds the client bytes one at a time.
void check(const fs::path& file, bool split) {
  const parse_result parsed = parse_script(read_all(file), file);
  ASSERT_TRUE(parsed.problems.empty()) << ::testing::PrintToString(parsed.problems);
  const script& expected = parsed.parsed;

  // An empty environment: transcripts must not depend on the caller's variables.
  const auto loaded =
      scenario::load_file(fs::path(EXOMOCK_SOURCE_DIR) / expected.scenario,
                          [](std::string_view) { return std::optional<std::string>{}; });
  ASSERT_TRUE(loaded.problems.empty()) << [&] {
    std::string all;
    for (const auto& p : loaded.problems) all += p.str() + "\n";
    return all;
  }();
  ASSERT_NE(loaded.model, nullptr);

  auto model = std::make_shared<policy::scenario_model>(*loaded.model);
  if (expected.seed) model->server.seed = *expected.seed;
  if (expected.error_delay) model->server.error_delay = *expected.error_delay;
  const auto listener = std::find_if(model->listeners.begin(), model->listeners.end(),
                                     [&](const auto& l) { return l.name == expected.listener; });
  ASSERT_NE(listener, model->listeners.end())
      << "no listener '" << expected.listener << "' in " << expected.scenario;

  policy::manual_clock clock(expected.clock);
  const std::shared_ptr<const policy::scenario_model> snapshot = model;
  // @token-key: JWTs signed with a test key verify as `serve` would verify them.
  policy::live_scenario live(snapshot);
  std::unique_ptr<identity::jwt_verifier> verifier;
  if (!expected.token_key.empty()) {
    std::string error;
    auto key =
        identity::signing_key::load(fs::path(EXOMOCK_SOURCE_DIR) / expected.token_key, error);
    ASSERT_NE(key, nullptr) << error;
    verifier = std::make_unique<identity::jwt_verifier>(std::move(key));
  }
  const policy::connection_services services{&live, &clock, verifier.get()};
  const smtp::connection_info connection{listener->name, expected.client_ip, 50000, listener->host,
                                         listener->port};
  const auto config = policy::session_config_for(*listener);
  policy::exchange_connection session(services, listener->name, 1, connection);

  replay r(session, clock, expected, expected.error_delay.value_or(reference_error_delay), split);
  r.run(expected, config.tls_from_start);

  std::vector<std::string> failures;
  const auto& actual = r.observed();
  std::size_t first_difference = 0;
  while (first_difference < actual.size() && first_difference < expected.steps.size() &&
         actual[first_difference].render() == expected.steps[first_difference].render()) {
    ++first_difference;
  }
  if (first_difference != actual.size() || first_difference != expected.steps.size()) {
    std::ostringstream why;
    why << file.filename().string() << (split ? " split at every byte" : "")
        << ": the replay differs from the transcript at step " << first_difference + 1;
    if (first_difference < expected.steps.size()) {
      why << " (line " << expected.steps[first_difference].line_number << ")";
    }
    why << "\n  expected: "
        << (first_difference < expected.steps.size() ? expected.steps[first_difference].render()
                                                     : "<end>")
        << "\n  actual:   "
        << (first_difference < actual.size() ? actual[first_difference].render() : "<end>")
        << "\n--- expected transcript\n"
        << listing(expected.steps) << "--- actual transcript\n"
        << listing(actual);
    failures.push_back(why.str());
  }
  for (const auto& p : r.problems()) failures.push_back(file.filename().string() + ": " + p);

  // The core's own record must redact AUTH secrets (OpenSMTPD's rule, transcript.hpp).
  const std::string recorded = session.transcript().text();
  for (const auto& secret : auth_secrets(expected)) {
    if (recorded.find(secret) != std::string::npos) {
      failures.push_back(file.filename().string() +
                         ": the core's transcript shows the AUTH secret '" + secret + "'");
    }
  }

  for (const auto& e : session.transcript().entries()) {
    if (e.from == smtp::transcript::direction::client && !recorded_safely(e.text)) {
      failures.push_back(file.filename().string() +
                         ": the core's transcript records a line that is not a command: '" +
                         e.text + "'");
    }
  }

  if (!expected.pending.empty()) {
    // A behaviour the layers below do not implement yet: documented, skipped, and
    // reported as soon as it starts to pass so the marker is removed.
    if (failures.empty()) {
      ADD_FAILURE() << file.filename().string() << " passes now: remove its @pending line";
    } else {
      GTEST_SKIP() << "@pending: " << expected.pending << "\n" << failures.front().substr(0, 600);
    }
    return;
  }
  for (const auto& f : failures) ADD_FAILURE() << f;
}

TEST_P(transcript, replays_exactly) {
  check(GetParam(), false);
}

// The same dialogue with every client packet cut into single bytes must give the
// same transcript: framing may not depend on how TCP segments the stream.
TEST_P(transcript, replays_split_at_every_byte) {
  check(GetParam(), true);
}

std::string test_name(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(golden, transcript, ::testing::ValuesIn(transcript_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(transcript);

}  // namespace
}  // namespace exomock::transcripts
