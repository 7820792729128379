// A golden transcript file (tests/transcripts/*.txt) parsed into directives and
// steps. The format is documented in README.md beside this file. Parsing is
// pure: the runner (transcript_runner.cpp) replays the steps through the core
// and the Exchange policy and renders what happened in the same step form.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exomock::transcripts {

enum class step_kind {
  client,  ///< "C: line": bytes sent to the core (consecutive lines in one receive())
  server,  ///< "S: line": one expected reply line
  tls,     ///< "== STARTTLS" or "== TLS <version> <cipher>": a start_tls action, then the handshake
  stored,  ///< "== STORED": a store_message action, then message_stored(true)
  store_failed,  ///< "== STORE FAILED": a store_message action, then message_stored(false)
  closed,        ///< "== CLOSED": close_connection (or a reply with close_after)
  advance,       ///< "== ADVANCE 61s": the manual clock moves forward
  /// What the transport does instead of (or before) writing the next reply or completing
  /// a handshake, as a fault rule scripts it: "== DELAYED 2000ms", "== TRICKLED 1 BYTES
  /// EVERY 100ms", "== WITHHELD", "== STALLED", "== HANDSHAKE DELAYED 20ms",
  /// "== HANDSHAKE FAILED", "== HANDSHAKE CLOSED", "== HANDSHAKE STALLED".
  transport,
};

struct step {
  step_kind kind = step_kind::client;
  /// client: the bytes to send (escapes decoded, CRLF not included);
  /// server: the reply line (a trailing "<SP>" decoded to a space).
  std::string bytes;
  bool crlf = true;                 ///< client: append CRLF (false with a trailing <NOCRLF>)
  std::string tls_version;          ///< tls
  std::string tls_cipher;           ///< tls
  std::chrono::milliseconds by{0};  ///< advance
  std::string event;                ///< transport: the text after "== "
  std::size_t line_number = 0;      ///< 0 for steps the runner observed

  /// The step as a transcript line: the same text for a parsed and an observed step.
  [[nodiscard]] std::string render() const;
};

struct script {
  std::filesystem::path file;
  std::vector<std::string> header;                  ///< the leading "# " lines, without "# "
  std::string scenario = "scenarios/default.toml";  ///< relative to the repository root
  std::string listener = "submission";
  std::string client_ip = "127.0.0.1";
  std::chrono::system_clock::time_point clock;  ///< @clock, default 2026-11-28T17:44:36.123Z
  std::optional<std::uint64_t> seed;            ///< overrides the scenario's seed
  std::optional<std::chrono::milliseconds> error_delay;  ///< overrides the scenario's error delay
  std::string pending;  ///< @pending: why the layers below do not do this yet (the test is skipped)
  std::string token_key;  ///< @token-key: PEM key that verifies XOAUTH2 JWTs, relative to the
                          ///< repository root
  std::vector<step> steps;
};

struct parse_result {
  script parsed;
  std::vector<std::string> problems;  ///< "FILE:LINE: message"
};

[[nodiscard]] parse_result parse_script(std::string_view text, const std::filesystem::path& file);

/// Decodes <CRLF>, <CR>, <LF>, <SP>, <HT>, <NUL>, <ESC>, <DEL> and <xHH> in a client line.
[[nodiscard]] std::optional<std::string> decode_client_escapes(std::string_view text);
/// The inverse, for display: control bytes, bytes above 0x7E and a trailing space become escapes.
[[nodiscard]] std::string encode_escapes(std::string_view bytes);

/// "2026-11-28T17:44:36.123Z" (UTC, milliseconds optional).
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);
/// "61s", "500ms", "2m", "1h".
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace exomock::transcripts
