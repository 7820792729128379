// Fuzzes the protocol core as a transport drives it: policy::exchange_connection
// (smtp::session and the Exchange personality it asks) on every SMTP listener of
// the scenarios in scenarios/, fed the input's bytes in pieces of random size,
// with the TLS handshake and the store completing at random points, a clock that
// moves, and the server giving up. FuzzedDataProvider takes the pieces' sizes
// and the events from the input's back, so a golden transcript's client bytes
// seed it as they are: with nothing left at the back they arrive byte by byte.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "demo_scenario.hpp"
#include "fuzz_check.hpp"
#include "fuzz_target.hpp"
#include "policy/clock.hpp"
#include "policy/exchange_connection.hpp"
#include "policy/exchange_session.hpp"
#include "policy/live_scenario.hpp"
#include "policy/model.hpp"

namespace {

using namespace exomock;
using namespace std::chrono_literals;

struct smtp_listener {
  std::shared_ptr<const policy::scenario_model> model;
  const policy::listener_config* config;
};

constexpr std::array<const char*, 7> scenario_files = {
    "default.toml", "faults.toml",       "legacy-tls.toml",       "mx.toml",
    "limits.toml",  "device-ports.toml", "connection-limits.toml"};

// Loaded once per process: reading TOML per input would be most of the time spent.
std::vector<smtp_listener> load_listeners() {
  std::vector<smtp_listener> out;
  // In this order: seed_corpus.py numbers the listeners the same way.
  for (const char* file : scenario_files) {
    const auto model = fuzz::demo_scenario(file);
    for (const auto& l : model->listeners) {
      if (l.kind != policy::listener_kind::http && l.kind != policy::listener_kind::blackhole) {
        out.push_back({model, &l});
      }
    }
  }
  return out;
}

const std::vector<smtp_listener>& listeners() {
  static const std::vector<smtp_listener> all = load_listeners();
  return all;
}

// The addresses the scenarios' rules tell apart (the golden transcripts' @client
// values): loopback, the branch range of Conditional Access, a connector's
// address, the outside world, IPv6. seed_corpus.py numbers them the same way.
constexpr std::array<const char*, 6> client_ips = {"127.0.0.1",   "10.20.1.5",    "127.0.0.2",
                                                   "203.0.113.9", "2001:db8::25", "::1"};
constexpr std::array<const char*, 4> tls_versions = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};

// Every line of a reply is at most 512 octets with its CRLF (RFC 5321 section
// 4.5.3.1.5) and holds no other control character: what a client's bytes put
// into a reply (a Message-ID, a command echoed) must not reach its terminal raw.
void check_reply(const smtp::reply& r) {
  // The lines as wire() writes them, without building it: "NNN-" or "NNN " before, CRLF after.
  constexpr std::size_t framing = 6;
  for (const std::string& line : r.lines) {
    fuzz::check(line.size() + framing <= 512, "a reply line is at most 512 octets");
    for (const char c : line) {
      const auto octet = static_cast<unsigned char>(c);
      fuzz::check(octet >= 0x20 && octet != 0x7f, "a reply line holds no control character");
    }
  }
}

// The transport's side of one connection, with the input choosing when things happen.
class transport {
 public:
  transport(policy::exchange_connection& connection, FuzzedDataProvider& in)
      : connection_(connection), in_(in) {}

  void perform(std::vector<policy::connection_action> actions) {
    for (auto& a : actions) {
      if (closed_) return;
      if (auto* r = std::get_if<smtp::send_reply>(&a)) {
        check_reply(r->answer);
        if (r->answer.close_after || r->answer.how != smtp::delivery::normal) closed_ = true;
      } else if (std::holds_alternative<smtp::start_tls>(a)) {
        tls_pending_ = true;
      } else if (std::holds_alternative<smtp::close_connection>(a)) {
        closed_ = true;
      } else if (std::holds_alternative<policy::capture_message>(a)) {
        store_pending_ = true;
      }
    }
  }

  /// The handshake as the transport runs it, fault rules first; false when it failed.
  bool handshake() {
    tls_pending_ = false;
    const policy::handshake_fault fault = connection_.before_tls_handshake();
    if (fault.fail || fault.close || fault.stall) {
      closed_ = true;
      return false;
    }
    const char* version = tls_versions[in_.ConsumeIntegralInRange<std::size_t>(0, 3)];
    perform(connection_.tls_established({version, "TLS_AES_256_GCM_SHA384"}));
    return true;
  }

  void complete_pending() {
    if (tls_pending_ && !closed_) handshake();
    if (store_pending_ && !closed_) {
      store_pending_ = false;
      // Mostly stored: a failed store is one input byte in 16.
      perform(connection_.message_stored(in_.ConsumeIntegral<std::uint8_t>() % 16 != 15));
    }
  }

  void receive(std::size_t most) {
    const std::string bytes = in_.ConsumeBytesAsString(most);
    perform(connection_.receive(bytes));
  }

  [[nodiscard]] bool closed() const { return closed_; }
  /// Running a handshake or waiting for the store, when the transport reads nothing.
  [[nodiscard]] bool busy() const { return tls_pending_ || store_pending_; }
  void close() { closed_ = true; }

 private:
  policy::exchange_connection& connection_;
  FuzzedDataProvider& in_;
  bool tls_pending_ = false;
  bool store_pending_ = false;
  bool closed_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& all = listeners();
  FuzzedDataProvider in(data, size);
  const smtp_listener& chosen = all[in.ConsumeIntegralInRange<std::size_t>(0, all.size() - 1)];
  const policy::listener_config& listener = *chosen.config;
  const char* ip = client_ips[in.ConsumeIntegralInRange<std::size_t>(0, client_ips.size() - 1)];
  // Counters start empty for every input, so a finding replays on its own.
  policy::live_scenario live(chosen.model);
  policy::manual_clock clock(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 9h);
  const policy::connection_services services{&live, &clock, nullptr};
  // Past the connection limits in one input of 256.
  const bool admitted = in.ConsumeIntegral<std::uint8_t>() != 255;
  policy::exchange_connection connection(services, listener.name, 1,
                                         {listener.name, ip, 50000, listener.host, listener.port},
                                         admitted);
  transport t(connection, in);

  if (policy::session_config_for(listener).tls_from_start && !t.handshake()) {
    connection.peer_closed();
    return 0;
  }
  t.perform(connection.start());
  while (!t.closed() && in.remaining_bytes() > 0) {
    // 0, what an exhausted back gives: the handshake and store done, then more bytes.
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
      case 1:
      case 2:
        t.complete_pending();
        if (!t.closed()) t.receive(in.ConsumeIntegralInRange<std::size_t>(1, 1024));
        break;
      case 3:
      case 4:
        // Bytes the client sent before the handshake or the store completed.
        t.receive(in.ConsumeIntegralInRange<std::size_t>(1, 64));
        break;
      case 5:
        clock.advance(std::chrono::milliseconds(in.ConsumeIntegral<std::uint32_t>()));
        break;
      case 6:
        t.complete_pending();
        break;
      default:
        // The server gives up only on a client it is waiting for (smtp_connection::say_goodbye).
        if (!t.busy() && in.ConsumeIntegral<std::uint8_t>() < 8) {
          t.perform(connection.give_up(in.ConsumeBool() ? smtp::reply_kind::idle_timeout
                                                        : smtp::reply_kind::shutting_down));
          t.close();
        }
        break;
    }
  }
  connection.peer_closed();
  return 0;
}
