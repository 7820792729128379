// What the journal costs the connection thread per message: building the frame
// (copy plus CRC-32C) for typical and large bodies, and the CRC alone, with the
// SSE 4.2 instruction and with the portable table. The disk side is measured by
// bench/load.sh, beside smtp-sink.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "store/journal_record.hpp"

namespace {

using exomock::store::captured_message;
using exomock::store::journaled_message;

journaled_message sample(std::size_t body) {
  journaled_message j;
  j.id = 1;
  captured_message& m = j.message;
  m.session_id = "08DC5E0F3A1B2C4D";
  m.listener = "submission";
  m.client_ip = "192.0.2.7";
  m.client_port = 50123;
  m.helo = "printer.example";
  m.login = "scanner@contoso.com";
  m.auth_mechanism = "LOGIN";
  m.mail_from = "scanner@contoso.com";
  m.rcpt_to = {"someone@contoso.com"};
  m.message_id = "<1234@printer.example>";
  m.tls_version = "TLSv1.2";
  m.tls_cipher = "ECDHE-RSA-AES256-GCM-SHA384";
  m.path = "submission";
  m.raw = std::string(body, 'x');
  m.received = std::chrono::system_clock::now();
  return j;
}

void encode_frame(benchmark::State& state) {
  const journaled_message j = sample(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(exomock::store::encode_frame(j));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(encode_frame)->Arg(2048)->Arg(1 << 20);

void crc32c(benchmark::State& state) {
  const std::string bytes(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(exomock::store::crc32c(bytes));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(crc32c)->Arg(2048)->Arg(1 << 20);

void crc32c_portable(benchmark::State& state) {
  const std::string bytes(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(exomock::store::crc32c_portable(bytes));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(crc32c_portable)->Arg(2048)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
