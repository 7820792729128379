// What the indexer spends per message before SQLite: reading the Mailpit
// columns (MIME parse, search text, snippet) of a message like smtp-source's
// 2 KiB test mail and of a device's HTML report with an attachment. Under a
// load above the indexing rate an API request waits for this work (README,
// "The HTTP API under load").
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "store/mailbox_columns.hpp"

namespace {

std::string plain_message(std::size_t body) {
  std::string raw =
      "From: bench@contoso.com\r\nTo: sink@contoso.com\r\nSubject: smtp-source test\r\n"
      "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@printer.example>\r\n\r\n";
  while (raw.size() < body) {
    raw += "La de da de da 1.\r\nLa de da de da 2.\r\nLa de da de da 3.\r\n";
  }
  return raw;
}

std::string html_report() {
  return "From: \"Scanner 3F\" <scanner@contoso.com>\r\nTo: Alex Wilber <alexw@contoso.com>\r\n"
         "Subject: =?utf-8?q?Scan_r=C3=A9sultat_12?=\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
         "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
         "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
         "<html><body><h1>Scan complete</h1><p>Pages: <b>3</b>, resolution 300 dpi.</p>"
         "<table><tr><td>Device</td><td>MFP-3F</td></tr><tr><td>User</td><td>alexw</td></tr>"
         "</table></body></html>\r\n"
         "--b1\r\nContent-Type: application/pdf; name=scan.pdf\r\n"
         "Content-Disposition: attachment; filename=scan.pdf\r\nContent-Transfer-Encoding: "
         "base64\r\n"
         "\r\nJVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n--b1--\r\n";
}

void columns(benchmark::State& state, const std::string& raw) {
  const std::vector<std::string> rcpt{"sink@contoso.com"};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        exomock::store::mailbox_columns_of(raw, "bench@contoso.com", rcpt, "1@printer.example"));
  }
  state.SetItemsProcessed(state.iterations());
}

void plain_2k(benchmark::State& state) {
  columns(state, plain_message(2048));
}
void html_with_attachment(benchmark::State& state) {
  columns(state, html_report());
}

}  // namespace

BENCHMARK(plain_2k);
BENCHMARK(html_with_attachment);
BENCHMARK_MAIN();
