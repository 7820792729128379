// The messages command: listing, raw bytes of one message, transcript of one session.
#include "app/messages_command.hpp"

#include <iostream>
#include <optional>

#include "app/message_listing.hpp"
#include "store/message_reader.hpp"

namespace exomock::app {
namespace {

int print_or_complain(const std::optional<std::string>& text, const std::string& what) {
  if (!text) {
    std::cerr << "exomock messages: no " << what << '\n';
    return 1;
  }
  std::cout.write(text->data(), static_cast<std::streamsize>(text->size()));
  std::cout.flush();
  return 0;
}

}  // namespace

CLI::App* add_messages_command(CLI::App& app, messages_options& options) {
  CLI::App* messages = app.add_subcommand("messages", "List the messages a server captured");
  messages->add_option("--data-dir", options.data_dir, "Data directory of the server")->required();
  auto* json = messages->add_flag("--json", options.json, "One JSON object per line");
  auto* raw = messages->add_option("--raw", options.raw_id, "Print the raw bytes of message ID")
                  ->check(CLI::PositiveNumber);
  auto* transcript = messages->add_option("--transcript", options.transcript_session,
                                          "Print the transcript of session SESSION_ID");
  json->excludes(raw)->excludes(transcript);
  raw->excludes(transcript);
  return messages;
}

int run_messages(const messages_options& options) {
  std::string error;
  const auto reader = store::message_reader::open(options.data_dir, error);
  if (!reader) {
    std::cerr << "exomock messages: " << error << '\n';
    return 1;
  }
  if (options.raw_id != 0) {
    return print_or_complain(reader->raw(options.raw_id),
                             "message with id " + std::to_string(options.raw_id));
  }
  if (!options.transcript_session.empty()) {
    const auto text = reader->transcript(options.transcript_session);
    return print_or_complain(text ? std::optional(*text + "\n") : std::nullopt,
                             "session " + options.transcript_session);
  }
  if (options.json) {
    print_message_json_lines(std::cout, reader->list());
  } else {
    print_message_table(std::cout, reader->list());
  }
  return 0;
}

}  // namespace exomock::app
