// Fuzzes the HTTP API above Beast: a request written as text ("METHOD TARGET",
// header lines, an empty line, the body) goes through the target's parsing, the
// access check and the whole route table, over a real store in a temporary
// directory with two messages in it and the demo scenario live. The store is
// opened once per process (opening SQLite per input would be all the time
// spent), so a route that changes it changes it for the inputs after.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "demo_scenario.hpp"
#include "fuzz_target.hpp"
#include "http/access_guard.hpp"
#include "http/api_routes.hpp"
#include "http/route_context.hpp"
#include "store/audit_reader.hpp"
#include "store/mailbox_editor.hpp"
#include "store/mailbox_reader.hpp"
#include "store/message_reader.hpp"
#include "store/message_store.hpp"

namespace {

using namespace exomock;

constexpr std::string_view demo_message =
    "From: Alice <alice@contoso.com>\r\nTo: bob@fabrikam.com\r\nSubject: Report\r\n"
    "Message-ID: <fuzz-1@contoso.com>\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n"
    "<p>Hello <a href=\"https://example.com/\">link</a></p>\r\n--b\r\n"
    "Content-Type: application/pdf; name=r.pdf\r\nContent-Disposition: attachment\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";

// The store's directory, removed when the target ends: declared before the
// store's members, so it outlives them.
struct temporary_directory {
  temporary_directory()
      : path(std::filesystem::temp_directory_path() /
             ("exomock-fuzz-http-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
  }
  ~temporary_directory() { std::filesystem::remove_all(path); }
  temporary_directory(const temporary_directory&) = delete;
  temporary_directory& operator=(const temporary_directory&) = delete;
  std::filesystem::path path;
};

class served_api {
 public:
  served_api() {
    const std::filesystem::path& dir = dir_owner_.path;
    std::string error;
    store_ = store::message_store::open(dir, error);
    reader_ = store::message_reader::open(dir, error);
    mailbox_ = store::mailbox_reader::open(dir, error);
    editor_ = store::mailbox_editor::open(dir, error);
    audit_ = store::audit_reader::open(dir, error);
    if (!store_ || !reader_ || !mailbox_ || !editor_ || !audit_) {
      std::fprintf(stderr, "cannot open a store in %s: %s\n", dir.c_str(), error.c_str());
      std::abort();
    }
    live_.replace(fuzz::demo_scenario("default.toml"));
    capture("alice@contoso.com");
    capture("scanner@contoso.com");
    store_->flush();
    context_ = std::make_unique<http::route_context>(http::route_context{
        *reader_, *mailbox_, *editor_, live_, clock_,
        http::server_facts{"v0.1.0", dir / "exomock.sqlite3", std::chrono::steady_clock::now(), {}},
        *audit_, store_->commit_latency(), requests_, *store_});
    context_->new_id = [] { return std::string("00000000-0000-4000-8000-000000000000"); };
  }
  http::response answer(http::request& r) {
    http::route_result result = http::answer(routes_, {}, r, *context_);
    if (auto* ready = std::get_if<http::response>(&result)) return *ready;
    // A long poll: asked once, then expired, as when no message comes.
    auto& deferred = std::get<http::deferred_response>(result);
    if (auto polled = deferred.poll()) return *polled;
    return deferred.expired();
  }

 private:
  void capture(std::string from) {
    store::captured_message m;
    m.session_id = "0123456789abcdef";
    m.listener = "submission";
    m.client_ip = "127.0.0.1";
    m.login = from;
    m.mail_from = std::move(from);
    m.rcpt_to = {"bob@fabrikam.com"};
    m.message_id = "<fuzz-1@contoso.com>";
    m.path = "submission";
    m.raw = demo_message;
    m.received = clock_.now();
    std::promise<void> stored;
    if (store_->submit(std::move(m), [&stored](bool, std::int64_t) { stored.set_value(); })) {
      store_->write_queued();
    }
    stored.get_future().wait();
  }

  temporary_directory dir_owner_;
  policy::live_scenario live_;
  policy::manual_clock clock_{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}};
  std::unique_ptr<store::message_store> store_;
  std::unique_ptr<store::message_reader> reader_;
  std::unique_ptr<store::mailbox_reader> mailbox_;
  std::unique_ptr<store::mailbox_editor> editor_;
  std::unique_ptr<store::audit_reader> audit_;
  policy::labelled_counter<2> requests_;
  std::unique_ptr<http::route_context> context_;
  http::router routes_ = http::api_router();
};

// The next line of TEXT (without its LF or CRLF), taken off its front.
std::string_view take_line(std::string_view& text) {
  const std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static served_api api;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  http::request r;
  const std::string_view start = take_line(text);
  const std::size_t space = start.find(' ');
  if (space == std::string_view::npos) return 0;
  r.method = std::string(start.substr(0, space));
  if (!http::parse_target(start.substr(space + 1), r)) return 0;
  for (std::string_view line; !(line = take_line(text)).empty();) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  r.body = std::string(text);
  r.client_ip = "127.0.0.1";

  // The access check on its own, with both kinds of login configured.
  (void)http::refuse_unauthorized(r, {"fuzz-token", "admin", "Fuzz-Passw0rd!"});
  (void)api.answer(r);
  return 0;
}
