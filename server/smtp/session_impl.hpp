// The private state of smtp::session, shared by the files that implement it:
// session.cpp (framing loop, the one reply exit, greeting and simple commands),
// mail_transaction.cpp (MAIL, RCPT, DATA, BDAT, end of message) and
// auth_dialogue.cpp (AUTH). Internal: nothing outside server/smtp includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp/command_parser.hpp"
#include "smtp/data_reader.hpp"
#include "smtp/legality_table.hpp"
#include "smtp/line_reader.hpp"
#include "smtp/message_buffer.hpp"
#include "smtp/sasl.hpp"
#include "smtp/session.hpp"

namespace exomock::smtp {

/// RFC 4954 section 4: AUTH command and continuation lines may reach 12288 octets.
inline constexpr std::size_t auth_line_limit = 12288;

struct session::impl {
  impl(session_config c, connection_info connection, session_handler& h, reply_filter* f);

  // What the input currently is: commands, DATA text, BDAT chunk octets, SASL responses.
  enum class mode { command, data, chunk, auth };

  struct step_result {
    std::size_t consumed = 0;
    bool again = false;  ///< progress was made; try the rest of the input
  };

  struct chunk_state {
    std::uint64_t size = 0;
    std::uint64_t remaining = 0;
    bool last = false;
    std::optional<protocol_error> refusal;  ///< the BDAT was refused: read its octets, then say so
  };

  struct sasl_state {
    sasl_mechanism mechanism = sasl_mechanism::login;
    bool want_password = false;  ///< LOGIN: the user name has been received
    std::string user;
  };

  session_config config;
  session_handler& handler;
  reply_filter* filter;  ///< nullptr: answers go out as the handler gave them
  session_facts facts;
  class transcript log;
  envelope tx;
  phase stage = phase::fresh;  ///< fresh, ready, mail, rcpt or bdat
  mode reading = mode::command;
  bool started = false;
  bool closed = false;
  bool waiting_tls = false;
  bool waiting_store = false;
  bool in_auth = false;  ///< an AUTH command awaits its final reply (facts.auth_refusals)
  std::string buffered;  ///< input not yet consumed (a partial line, or pipelined commands)
  line_reader lines;
  data_reader text;
  message_buffer content;
  chunk_state chunk;
  sasl_state sasl;
  reply pending;            ///< the accepted message's final reply, awaiting message_stored()
  std::vector<action> out;  ///< actions of the current call

  // session.cpp: input loop, exit, simple commands.
  std::vector<action> take();
  std::size_t run(std::string_view in);
  step_result step(std::string_view in);
  step_result read_lines(std::string_view in);
  void on_line(std::string_view line);
  void dispatch(command c, std::string_view argument);
  void on_line_too_long();
  void on_hello(std::string_view argument, bool extended);
  void on_starttls(std::string_view argument);
  void on_quit();
  [[nodiscard]] gate_state gates() const;
  void reset_transaction();

  // The one exit: every reply passes here, into the transcript and the actions;
  // the handler's answers at a filter phase pass the filter first.
  [[nodiscard]] reply filtered(filter_phase phase, reply r, const envelope* transaction = nullptr,
                               const recipient* added = nullptr,
                               std::optional<std::string_view> identity = std::nullopt);
  /// `ends_session`: the answer to QUIT or the server's goodbye, which say nothing of
  /// how the session went (facts.last_reply_code keeps the reply before).
  void send(reply r, bool ends_session = false);
  void withhold(reply r);
  void send_fixed(reply_kind kind);
  void send_fixed(reply_kind kind, filter_phase phase, const envelope* transaction = nullptr);
  void refuse(protocol_error error, std::string_view detail);
  /// Sends a 334-style prompt; true when it is one (3xx) and the session goes on.
  bool prompt(reply_kind kind, std::optional<filter_phase> phase = std::nullopt);
  void hear(std::string_view line);

  // mail_transaction.cpp
  void on_mail(std::string_view argument);
  void on_rcpt(std::string_view argument);
  void on_data(std::string_view argument);
  void on_bdat(std::string_view argument, std::optional<protocol_error> refusal);
  /// Empties the content buffer for a new message, with the handler's allowance.
  void start_content();
  step_result read_data(std::string_view in);
  step_result read_chunk(std::string_view in);
  void end_of_chunk();
  void finish_message(bool bdat, bool long_line);
  void after_store(bool ok);

  // auth_dialogue.cpp
  void on_auth(std::string_view argument);
  void on_auth_line(std::string_view line);
  void on_sasl_response(std::string decoded);
  void finish_sasl(std::optional<credentials> c);
};

/// `line` as it goes into the transcript: unchanged when printable UTF-8, else
/// with control and non-UTF-8 octets written as \xHH.
[[nodiscard]] std::string printable(std::string_view line);

/// A line that is not a command as it goes into the transcript: its size only.
[[nodiscard]] std::string masked(std::string_view line);

/// An AUTH command line with its initial response replaced by "********".
[[nodiscard]] std::string redact_auth(std::string_view line);

}  // namespace exomock::smtp
