// The per-connection coroutine, generic over the stream (Beast's run_session
// pattern): the same read/perform loop serves the TCP socket, then the
// ssl::stream that STARTTLS (or implicit TLS) moves the socket into. It decides
// nothing: every reply, close and upgrade comes from the core's actions.
#include "net/smtp_connection.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <optional>
#include <vector>

#include "net/action_performer.hpp"
#include "net/endpoint_text.hpp"
#include "net/logged_spawn.hpp"
#include "net/message_capture.hpp"
#include "net/negotiated_tls.hpp"
#include "net/store_submission.hpp"
#include "net/use_tuple.hpp"
#include "policy/exchange_connection.hpp"
#include "smtp/session_outcome.hpp"
#include "store/sign_in_of_event.hpp"

namespace exomock::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using std::chrono::steady_clock;

smtp::connection_info describe(const tcp::socket& socket, const connection_setup& setup) {
  boost::system::error_code ec;
  smtp::connection_info info;
  info.listener = setup.listener;
  if (setup.remote.port() != 0) {
    info.client_ip = address_text(setup.remote.address());
    info.client_port = setup.remote.port();
  }
  if (const auto local = socket.local_endpoint(ec); !ec) {
    info.local_ip = address_text(local.address());
    info.local_port = local.port();
  }
  return info;
}

class smtp_connection final : public closable,
                              public performer_port,
                              public std::enable_shared_from_this<smtp_connection> {
 public:
  smtp_connection(tcp::socket socket, connection_setup setup)
      : setup_(std::move(setup)),
        socket_(std::move(socket)),
        exchange_(setup_.services, setup_.listener, setup_.session_number,
                  describe(socket_, setup_), setup_.slot != nullptr),
        idle_timer_(socket_.get_executor()),
        delay_timer_(socket_.get_executor()),
        buffer_(setup_.settings.read_buffer_size),
        started_(setup_.services.clk->now()) {}

  asio::awaitable<void> run(bool implicit_tls);
  void close_now() override;

 private:
  using step = next_step;

  // performer_port: what performing the actions needs from the connection.
  asio::awaitable<bool> pause(std::chrono::milliseconds delay) override;
  asio::awaitable<bool> store(policy::capture_message&& message) override;
  std::vector<policy::connection_action> stored(bool ok) override {
    return exchange_.message_stored(ok);
  }
  void record(const policy::sign_in_event& event) override {
    setup_.store->record(store::sign_in_of(event, store::new_guid(), exchange_.session_id()));
  }
  asio::awaitable<void> ending_reply(int code) override;
  asio::awaitable<void> stall() override { co_await discard_until_closed(lowest_layer()); }
  void writing() override { arm(setup_.settings.idle_timeout); }
  void broken() override { broken_ = true; }
  void ending(std::string reason) override { note_end(std::move(reason)); }
  [[nodiscard]] bool closing() const override { return closing_; }

  std::vector<policy::connection_action> opening();
  asio::awaitable<step> serve_plain();
  asio::awaitable<step> serve_tls(bool implicit);
  template <typename Stream>
  asio::awaitable<step> converse(Stream& stream);
  template <typename Stream>
  asio::awaitable<step> perform(Stream& stream, std::vector<policy::connection_action> actions) {
    const step next =
        co_await action_performer<Stream>(stream, *this, out_).perform(std::move(actions));
    show_live();
    co_return next;
  }
  void show_live();
  asio::awaitable<bool> handshake();
  asio::awaitable<bool> refuse_handshake(const policy::handshake_fault& fault);
  asio::awaitable<void> discard_until_closed(tcp::socket& socket);
  asio::awaitable<void> watch_idle(std::shared_ptr<smtp_connection> self);
  asio::awaitable<void> close_transport();
  void arm(steady_clock::duration timeout);
  void abort_transport(const char* reason);
  bool say_goodbye(smtp::reply_kind why, const char* reason);
  void count_message_progress();
  [[nodiscard]] store::session_record session_record_now() const;
  void note_end(std::string reason);
  void finish();
  tcp::socket& lowest_layer() { return tls_ ? tls_->next_layer() : socket_; }
  [[nodiscard]] capture_context capture() const {
    return {exchange_.session_id(), started_, setup_.services.clk->now()};
  }

  connection_setup setup_;
  tcp::socket socket_;
  std::optional<asio::ssl::stream<tcp::socket>> tls_;  // holds the socket after STARTTLS
  policy::exchange_connection exchange_;               // decides everything; this class performs
  asio::steady_timer idle_timer_;                      // the watchdog's timer, waits for deadline_
  asio::steady_timer delay_timer_;                     // reply delays; cancelled by close_now()
  steady_clock::time_point deadline_ = steady_clock::time_point::max();
  std::vector<char> buffer_;
  std::string out_;  // replies gathered for one write; reused
  std::chrono::system_clock::time_point started_;
  std::string end_reason_;
  bool closing_ = false;         // the server or the watchdog gave up on the connection
  bool broken_ = false;          // an I/O operation failed: no polite TLS close
  bool finished_ = false;        // stops the watchdog
  bool idle_timed_out_ = false;  // the watchdog gave up on an idle client
  bool recorded_ = false;        // the session's record went to the store before its last reply
  bool reading_ = false;         // converse() waits for the client: a 421 can still be written
  std::optional<smtp::reply_kind> giving_up_;                 // why the server cancelled that read
  std::optional<steady_clock::time_point> message_deadline_;  // while a message's octets arrive
  policy::live_session live_;   // what the live-session book was last told
  std::size_t live_lines_ = 0;  // how many transcript entries it was given
};

// Tells the live-session book what changed since it was last told: the facts when one the
// page shows moved (EHLO, TLS, AUTH, a message), and the transcript's lines added since.
void smtp_connection::show_live() {
  if (finished_) {
    return;
  }
  const smtp::session_facts& f = exchange_.facts();
  policy::live_session now = live_;
  if (now.id.empty()) {
    now.id = exchange_.session_id();
    now.listener = setup_.listener;
    now.client_ip = f.connection.client_ip;
    now.client_port = f.connection.client_port;
    now.started = started_;
  }
  now.hello_name = f.hello_name;
  now.tls_version = f.tls ? f.tls->version : "";
  now.login = f.login.value_or("");
  now.messages = f.messages_accepted;
  now.auth_refusals = f.auth_refusals;
  if (now != live_) {
    live_ = std::move(now);
    setup_.services.live->sessions.put(live_);
  }
  // The transcript's new lines, appended rather than copied whole (a batch adds a line or
  // two); a very long session's live view stops at the transcript's kept start.
  const smtp::transcript& t = exchange_.transcript();
  if (t.entries().size() > live_lines_) {
    setup_.services.live->sessions.append(live_.id, t.lines_from(live_lines_));
    live_lines_ = t.entries().size();
  }
}

asio::awaitable<void> smtp_connection::run(bool implicit_tls) {
  auto membership = setup_.registry->join(weak_from_this());
  logged_spawn(socket_.get_executor(), watch_idle(shared_from_this()), "idle watchdog");
  spdlog::debug("connection open session={} listener={} client={}:{}", exchange_.session_id(),
                setup_.listener, exchange_.facts().connection.client_ip,
                exchange_.facts().connection.client_port);
  if (implicit_tls) {
    co_await serve_tls(true);
  } else {
    co_await serve_plain();
  }
  co_await close_transport();
  finish();
}

// Past a listener's connection limit the client gets the policy's refusal
// (421, close) instead of the greeting.
std::vector<policy::connection_action> smtp_connection::opening() {
  if (!setup_.slot) {
    note_end("connection limit");
  }
  return exchange_.start();
}

asio::awaitable<smtp_connection::step> smtp_connection::serve_plain() {
  step next = co_await perform(socket_, opening());
  if (next == step::read_more) {
    next = co_await converse(socket_);
  }
  if (next != step::upgrade_tls) {
    co_return next;
  }
  co_return co_await serve_tls(false);
}

// After STARTTLS the core refuses a second one, so this never returns upgrade_tls.
asio::awaitable<smtp_connection::step> smtp_connection::serve_tls(bool implicit) {
  if (!co_await handshake()) co_return step::close;
  SSL* ssl = tls_->native_handle();
  std::vector<policy::connection_action> actions = exchange_.tls_established(negotiated_tls(ssl));
  if (implicit) {
    std::vector<policy::connection_action> greeting = opening();
    std::move(greeting.begin(), greeting.end(), std::back_inserter(actions));
  }
  step next = co_await perform(*tls_, std::move(actions));
  if (next == step::read_more) {
    next = co_await converse(*tls_);
  }
  co_return next == step::upgrade_tls ? step::close : next;
}

// The idle deadline moves only with progress (issue 13 defect 5): a reply written
// re-arms it (performer_port::writing), and so does each read of a message's
// octets, up to the per-message deadline; a byte that completes nothing does not.
template <typename Stream>
asio::awaitable<smtp_connection::step> smtp_connection::converse(Stream& stream) {
  arm(setup_.settings.idle_timeout);
  for (;;) {
    reading_ = true;
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(buffer_), use_tuple);
    reading_ = false;
    if (ec && giving_up_ && ec == asio::error::operation_aborted) {
      // The watchdog or the shutdown cancelled the read to say goodbye as Exchange does.
      co_return co_await perform(stream, exchange_.give_up(*giving_up_));
    }
    if (ec) {
      broken_ = true;
      note_end(ec == asio::error::eof ? "peer closed" : "read: " + ec.message());
      co_return step::close;
    }
    const step next = co_await perform(stream, exchange_.receive({buffer_.data(), n}));
    if (next != step::read_more) {
      co_return next;
    }
    count_message_progress();
  }
}

void smtp_connection::count_message_progress() {
  if (!exchange_.reading_message()) {
    message_deadline_.reset();
    return;
  }
  const auto now = steady_clock::now();
  if (!message_deadline_) {
    message_deadline_ = now + setup_.settings.message_timeout;
  }
  const auto idle = now + setup_.settings.idle_timeout;
  const auto until = std::min(idle, *message_deadline_);
  if (until > deadline_ || deadline_ == steady_clock::time_point::max()) {
    arm(until - now);
  }
}

asio::awaitable<bool> smtp_connection::pause(std::chrono::milliseconds delay) {
  delay_timer_.expires_after(delay);
  co_await delay_timer_.async_wait(use_tuple);
  co_return !closing_;
}

// Reads and drops whatever arrives until the peer closes or the watchdog's idle
// timeout (armed once, so the peer's bytes do not extend it) cuts the connection.
asio::awaitable<void> smtp_connection::discard_until_closed(tcp::socket& socket) {
  arm(setup_.settings.idle_timeout);
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer_), use_tuple);
    if (ec || closing_) {
      broken_ = true;  // no TLS close_notify for a connection we stopped answering
      co_return;
    }
  }
}

// The TLS handshake as a fault rule scripts it. "fail" waits for the ClientHello
// and answers with a fatal handshake_failure alert (TLS 1.0 record framing, which
// every client version accepts before negotiation), as a server with no common cipher would.
asio::awaitable<bool> smtp_connection::refuse_handshake(const policy::handshake_fault& fault) {
  broken_ = true;
  if (fault.stall) {
    note_end("TLS handshake stalled by a fault rule");
    co_await discard_until_closed(socket_);
    co_return false;
  }
  if (fault.fail) {
    arm(setup_.settings.idle_timeout);
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer_), use_tuple);
    static constexpr std::array<unsigned char, 7> alert{0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28};
    if (!ec) {
      co_await asio::async_write(socket_, asio::buffer(alert), use_tuple);
    }
  }
  note_end(fault.fail ? "TLS handshake failed by a fault rule"
                      : "closed before the TLS handshake by a fault rule");
  co_return false;
}

asio::awaitable<bool> smtp_connection::handshake() {
  const policy::handshake_fault fault = exchange_.before_tls_handshake();
  if (fault.delay.count() > 0 && !co_await pause(fault.delay)) {
    co_return false;
  }
  if (fault.fail || fault.close || fault.stall) {
    co_return co_await refuse_handshake(fault);
  }
  tls_.emplace(std::move(socket_), *setup_.tls);
  arm(setup_.settings.idle_timeout);
  auto [ec] = co_await tls_->async_handshake(asio::ssl::stream_base::server, use_tuple);
  if (ec) {
    broken_ = true;
    note_end("TLS handshake failed: " + ec.message());
    spdlog::debug("TLS handshake failed session={} client={} error={:?}", exchange_.session_id(),
                  exchange_.facts().connection.client_ip, ec.message());
  }
  co_return !ec && !closing_;
}

asio::awaitable<bool> smtp_connection::store(policy::capture_message&& message) {
  store::captured_message captured = make_captured_message(std::move(message.message), capture());
  captured.path = std::move(message.path);
  // Policy books the release when it decides, a moment before `received` is read here; a
  // message is never released before it was received, so an undelayed one gets one instant.
  captured.released = std::max(message.released, captured.received);
  const auto [ok, id] =
      co_await async_submit(*setup_.store, std::move(captured), asio::use_awaitable);
  if (ok) {
    spdlog::debug("message stored session={} id={}", exchange_.session_id(), id);
  } else {
    spdlog::error("message not stored session={}", exchange_.session_id());
  }
  co_return ok;
}

store::session_record smtp_connection::session_record_now() const {
  store::session_record record =
      make_session_record(exchange_.facts(), exchange_.transcript(), capture());
  record.outcome = smtp::session_outcome(exchange_.facts(), idle_timed_out_);
  return record;
}

asio::awaitable<void> smtp_connection::ending_reply(int code) {
  if (recorded_) {
    co_return;
  }
  recorded_ = true;
  store::session_record record = session_record_now();
  const bool ok = co_await async_record(*setup_.store, std::move(record), asio::use_awaitable);
  if (!ok) {
    spdlog::error("session record not stored session={} before {}", exchange_.session_id(), code);
  }
}

// One timer per connection, re-armed only when the deadline has passed or moved
// earlier, so each read or write just stores a time point.
// `self` keeps the connection alive until the watchdog has seen finished_.
asio::awaitable<void> smtp_connection::watch_idle(std::shared_ptr<smtp_connection> /*self*/) {
  while (!finished_) {
    idle_timer_.expires_at(deadline_);
    co_await idle_timer_.async_wait(use_tuple);
    if (finished_) {
      break;
    }
    if (steady_clock::now() >= deadline_) {
      idle_timed_out_ = !closing_;
      deadline_ = steady_clock::time_point::max();
      if (!say_goodbye(smtp::reply_kind::idle_timeout, "idle timeout")) {
        abort_transport("idle timeout");
      }
    }
  }
}

void smtp_connection::arm(steady_clock::duration timeout) {
  deadline_ = steady_clock::now() + timeout;
  if (deadline_ < idle_timer_.expiry()) {
    idle_timer_.expires_at(deadline_);
  }
}

void smtp_connection::abort_transport(const char* reason) {
  note_end(reason);
  closing_ = true;
  boost::system::error_code ignored;
  lowest_layer().cancel(ignored);
  lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
  delay_timer_.cancel();
}

// A connection waiting for its client is told why it ends (421) before it closes:
// the read is cancelled and converse() performs the core's goodbye, under a short
// deadline of its own. Anywhere else (a write, a delay, a stall) it is cut off.
bool smtp_connection::say_goodbye(smtp::reply_kind why, const char* reason) {
  if (!reading_ || giving_up_) {
    return false;
  }
  giving_up_ = why;
  note_end(reason);
  arm(setup_.settings.tls_shutdown_timeout);
  boost::system::error_code ignored;
  lowest_layer().cancel(ignored);
  return true;
}

// The timer's executor is the connection's strand (socket_ may have moved into tls_).
void smtp_connection::close_now() {
  asio::post(idle_timer_.get_executor(), [self = shared_from_this()] {
    if (!self->finished_ &&
        !self->say_goodbye(smtp::reply_kind::shutting_down, "server shutdown")) {
      self->abort_transport("server shutdown");
    }
  });
}

void smtp_connection::note_end(std::string reason) {
  if (end_reason_.empty()) {
    end_reason_ = std::move(reason);
  }
}

// close_notify when the server ends a healthy TLS session (the client may be
// waiting for it after 221); bounded by the watchdog.
asio::awaitable<void> smtp_connection::close_transport() {
  if (tls_ && !broken_ && !closing_) {
    arm(setup_.settings.tls_shutdown_timeout);
    co_await tls_->async_shutdown(use_tuple);
  }
  // close() alone sends the FIN (a shutdown() first would only cost a system call).
  boost::system::error_code ignored;
  lowest_layer().close(ignored);
}

void smtp_connection::finish() {
  finished_ = true;
  idle_timer_.cancel();
  delay_timer_.cancel();
  exchange_.peer_closed();
  const store::session_record record = session_record_now();
  const smtp::session_facts& facts = exchange_.facts();
  setup_.services.live->traffic.sessions.add(
      {record.listener, record.tls_version.empty() ? "none" : record.tls_version});
  spdlog::info(
      "session end session={} listener={} client={}:{} login={} messages={} tls={} "
      "reason={:?} duration_ms={}",
      record.session_id, record.listener, record.client_ip, record.client_port,
      record.login.empty() ? "-" : record.login, facts.messages_accepted,
      record.tls_version.empty() ? "-" : record.tls_version, end_reason_,
      std::chrono::duration_cast<std::chrono::milliseconds>(record.ended - record.started).count());
  // Trace only; the core has already replaced AUTH secrets with "********".
  spdlog::trace("transcript session={} text={:?}", record.session_id, record.transcript);
  if (!recorded_) {
    setup_.store->record(record);
  }
  // Handed to the store first: the finished list shows it once indexed (within the
  // store's commit interval), and its `session` event tells the page to look again.
  setup_.services.live->sessions.remove(record.session_id);
}

// A free function, not a capturing lambda: the frame must own the shared_ptr.
asio::awaitable<void> serve(std::shared_ptr<smtp_connection> connection, bool implicit_tls) {
  co_await connection->run(implicit_tls);
}

}  // namespace

void start_smtp_connection(tcp::socket socket, connection_setup setup, bool implicit_tls) {
  const auto executor = socket.get_executor();
  auto connection = std::make_shared<smtp_connection>(std::move(socket), std::move(setup));
  logged_spawn(executor, serve(std::move(connection), implicit_tls), "SMTP connection");
}

}  // namespace exomock::net
