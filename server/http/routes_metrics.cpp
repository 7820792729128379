// GET /metrics: exomock's counters, and the Mailpit families its dashboards plot
// (mailpit-api.md section 5), read fresh at every scrape. The SMTP side's counts
// live in the live scenario, the commit latency in the store, the HTTP requests
// in the route context; nothing here counts, it only reads.
#include <chrono>
#include <map>
#include <string>

#include "http/api_routes.hpp"
#include "http/prometheus_text.hpp"
#include "policy/fault_filter.hpp"

namespace exomock::http {

namespace {

template <std::size_t N>
metric_family labelled(std::string name, std::string help,
                       const std::array<std::string, N>& label_names,
                       const policy::labelled_counter<N>& counter) {
  metric_family f{std::move(name), std::move(help), "counter", {}};
  for (const auto& [values, n] : counter.snapshot()) {
    metric_sample s{"", {}, std::to_string(n)};
    for (std::size_t i = 0; i < N; ++i) {
      s.labels.emplace_back(label_names[i], values[i]);
    }
    f.samples.push_back(std::move(s));
  }
  return f;
}

metric_family single(std::string name, std::string help, std::string type, std::string value) {
  return {std::move(name), std::move(help), std::move(type), {{"", {}, std::move(value)}}};
}

metric_family counter(std::string name, std::string help, std::uint64_t value) {
  return single(std::move(name), std::move(help), "counter", std::to_string(value));
}

metric_family replies(const policy::reply_code_counter& counts) {
  metric_family f{"exomock_replies_total", "SMTP replies sent, by reply code.", "counter", {}};
  for (const auto& [code, n] : counts.snapshot()) {
    f.samples.push_back({"", {{"code", std::to_string(code)}}, std::to_string(n)});
  }
  return f;
}

// Rules by name (or "rule N" when unnamed), every rule of the scenario even at 0;
// rules that share a name share a series.
metric_family fault_firings(policy::live_scenario& live) {
  std::map<std::string, std::uint64_t> by_rule;
  for (const auto& c : policy::fault_firing_counts(*live.snapshot(), live)) {
    by_rule[c.name.empty() ? "rule " + std::to_string(c.rule) : c.name] += c.firings;
  }
  metric_family f{"exomock_fault_firings_total", "Times each [[fault]] rule fired.", "counter", {}};
  for (const auto& [rule, n] : by_rule) {
    f.samples.push_back({"", {{"rule", rule}}, std::to_string(n)});
  }
  return f;
}

metric_family commit_seconds(const store::latency_histogram& latency) {
  metric_family f{"exomock_store_commit_seconds",
                  "Time from a message's end of DATA to its durable store, before its 250.",
                  "histogram",
                  {}};
  const store::latency_histogram::snapshot s = latency.read();
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < s.buckets.size(); ++i) {
    cumulative += s.buckets[i];
    const std::string le = i < store::latency_histogram::bounds.size()
                               ? sample_value(store::latency_histogram::bounds[i])
                               : "+Inf";
    f.samples.push_back({"_bucket", {{"le", le}}, std::to_string(cumulative)});
  }
  f.samples.push_back({"_sum", {}, sample_value(s.sum_seconds)});
  f.samples.push_back({"_count", {}, std::to_string(s.count)});
  return f;
}

route_result metrics(request& /*r*/, route_context& c) {
  const policy::traffic_counters& t = c.live.traffic;
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::steady_clock::now() - c.facts.started);
  std::vector<metric_family> families{
      labelled<2>("exomock_sessions_total", "SMTP sessions ended, by listener and TLS version.",
                  {"listener", "tls_version"}, t.sessions),
      labelled<2>("exomock_auth_attempts_total",
                  "AUTH decisions, by outcome and reason (AADSTS code or Exchange refusal).",
                  {"outcome", "reason"}, t.auth_attempts),
      replies(t.replies),
      counter("exomock_messages_accepted_total", "Messages stored after end of DATA.",
              t.messages_accepted.value()),
      counter("exomock_stored_bytes_total", "Bytes of the messages stored after end of DATA.",
              t.accepted_bytes.value()),
      counter("exomock_messages_throttled_total", "Messages refused by a sending limit.",
              t.messages_throttled.value()),
      counter("exomock_messages_delayed_total",
              "Messages accepted for release in a later minute by the per-minute rate.",
              t.messages_delayed.value()),
      fault_firings(c.live),
      commit_seconds(c.commit_latency),
      single("mailpit_messages", "Total number of messages in the database", "gauge",
             std::to_string(std::max<std::int64_t>(c.reader.count(), 0))),
      counter("mailpit_smtp_accepted_total", "Total number of SMTP messages accepted",
              t.messages_accepted.value()),
      counter("mailpit_smtp_accepted_size_bytes_total",
              "Total size in bytes of SMTP messages accepted", t.accepted_bytes.value()),
      counter("mailpit_smtp_rejected_total", "Total number of SMTP messages rejected",
              t.messages_rejected.value()),
      single("mailpit_uptime_seconds", "Uptime in seconds", "gauge",
             std::to_string(uptime.count())),
  };
  families.push_back(labelled<2>("exomock_http_requests_total",
                                 "HTTP requests answered, by route pattern and status.",
                                 {"route", "status"}, c.http_requests));
  return text(200, exposition_text(std::move(families)), std::string(exposition_content_type));
}

}  // namespace

void add_metrics_routes(router& routes) {
  routes.add("GET", "/metrics", metrics);
}

}  // namespace exomock::http
