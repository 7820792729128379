// Throughput of the SMTP protocol core alone (no sockets, no policy): pipelined
// commands parsed per second, and DATA/BDAT octets per second for large messages,
// fed in 64 KiB reads as the transport would.
#include <benchmark/benchmark.h>

#include <string>

#include "smtp/session.hpp"

namespace {

using namespace exomock::smtp;

/// Accepts everything with constant replies: measures the core, not a policy.
class accept_all final : public session_handler {
 public:
  reply fixed(reply_kind kind, const session_facts&) override {
    return reply::single(kind == reply_kind::data_start ? 354 : 250, "OK");
  }
  reply refuse(protocol_error, std::string_view, const session_facts&) override {
    return reply::single(500, "no");
  }
  reply hello(const session_facts&) override { return reply::single(250, "hello"); }
  auth_verdict authenticate(const credentials& c, const session_facts&) override {
    return {reply::single(235, "ok"), true, c.identity};
  }
  reply mail(const envelope&, const session_facts&) override { return reply::single(250, "ok"); }
  reply rcpt(const recipient&, const envelope&, const session_facts&) override {
    return reply::single(250, "ok");
  }
  message_verdict message(const message_content&, const envelope&, const session_facts&) override {
    return {true, reply::single(250, "queued"), "<id@bench>"};
  }
};

session_config bench_config() {
  session_config c;
  c.mail_requires_tls = false;
  c.mail_requires_auth = false;
  c.max_message_size = std::uint64_t{1} << 40;
  return c;
}

constexpr std::size_t read_size = 64 * 1024;

std::size_t feed(session& s, std::string_view bytes) {
  std::size_t actions = 0;
  for (std::size_t i = 0; i < bytes.size(); i += read_size) {
    for (auto& a : s.receive(bytes.substr(i, read_size))) {
      ++actions;
      if (std::holds_alternative<store_message>(a)) actions += s.message_stored(true).size();
    }
  }
  return actions;
}

void pipelined_commands(benchmark::State& state) {
  const auto rounds = static_cast<std::size_t>(state.range(0));
  std::string input = "EHLO bench.example\r\n";
  for (std::size_t i = 0; i < rounds; ++i) {
    input +=
        "MAIL FROM:<sender@contoso.com> SIZE=12345 BODY=8BITMIME\r\n"
        "RCPT TO:<recipient@fabrikam.example> NOTIFY=SUCCESS,FAILURE\r\n"
        "RSET\r\n";
  }
  accept_all handler;
  for (auto _ : state) {
    session s(bench_config(), {}, handler);
    s.start();
    benchmark::DoNotOptimize(feed(s, input));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (rounds * 3 + 1)));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(pipelined_commands)->Arg(1000);

/// Message text of about `size` octets: 78-octet lines, one in 20 dot-stuffed.
std::string message_text(std::size_t size) {
  std::string text = "From: a@contoso.com\r\nTo: b@fabrikam.example\r\nSubject: bench\r\n\r\n";
  std::string line(76, 'x');
  for (std::size_t n = 0; text.size() < size; ++n) {
    text += n % 20 == 0 ? "." + line.substr(1) : line;
    text += "\r\n";
  }
  return text;
}

void data_throughput(benchmark::State& state) {
  std::string text = message_text(static_cast<std::size_t>(state.range(0)));
  std::string input =
      "EHLO b\r\nMAIL FROM:<a@contoso.com>\r\nRCPT TO:<b@fabrikam.example>\r\nDATA\r\n" + text +
      ".\r\nQUIT\r\n";
  accept_all handler;
  for (auto _ : state) {
    session s(bench_config(), {}, handler);
    s.start();
    benchmark::DoNotOptimize(feed(s, input));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(data_throughput)
    ->Arg(64 << 10)
    ->Arg(1 << 20)
    ->Arg(16 << 20)
    ->Unit(benchmark::kMicrosecond);

void bdat_throughput(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  std::string chunk(size, 'b');
  std::string input =
      "EHLO b\r\nMAIL FROM:<a@contoso.com> BODY=BINARYMIME\r\nRCPT TO:<b@fabrikam.example>\r\n"
      "BDAT " +
      std::to_string(size) + " LAST\r\n" + chunk + "QUIT\r\n";
  accept_all handler;
  for (auto _ : state) {
    session s(bench_config(), {}, handler);
    s.start();
    benchmark::DoNotOptimize(feed(s, input));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}
BENCHMARK(bdat_throughput)->Arg(1 << 20)->Arg(16 << 20)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
