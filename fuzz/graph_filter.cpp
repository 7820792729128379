// Fuzzes the Graph $filter reader of the sign-in log (GET
// /v1.0/auditLogs/signIns?$filter=...) and the RFC 3339 times its createdDateTime
// comparisons, the scenario clock and the fault windows read.
#include "http/graph_filter.hpp"

#include <cstdint>
#include <string_view>

#include "fuzz_target.hpp"
#include "policy/time_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace exomock;
  const std::string_view filter(reinterpret_cast<const char*>(data), size);
  (void)http::parse_graph_filter(filter);
  (void)policy::parse_utc_time(filter);
  return 0;
}
