// GET /metrics and the exposition writer: families sorted with HELP and TYPE,
// escaping, values from the live counters, the commit histogram, HTTP requests.
#include <gtest/gtest.h>

#include <sstream>

#include "audit_fixture.hpp"
#include "http/prometheus_text.hpp"

namespace exomock::http {
namespace {

// The sample lines of the exposition (no comments).
std::vector<std::string> samples(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#")) {
      out.push_back(line);
    }
  }
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(prometheus_text, families_are_sorted_with_help_and_type_and_labels_escaped) {
  const std::string text = exposition_text({
      {"b_total", "B's help \\ with\na newline", "counter", {{"", {{"x", "a\"b\\c\nd"}}, "2"}}},
      {"a_seconds", "A.", "gauge", {{"", {}, "1.5"}}},
  });
  EXPECT_EQ(text,
            "# HELP a_seconds A.\n"
            "# TYPE a_seconds gauge\n"
            "a_seconds 1.5\n"
            "# HELP b_total B's help \\\\ with\\na newline\n"
            "# TYPE b_total counter\n"
            "b_total{x=\"a\\\"b\\\\c\\nd\"} 2\n");
}

TEST(prometheus_text, values_are_written_shortest_and_exact) {
  EXPECT_EQ(sample_value(0.00025), "0.00025");
  EXPECT_EQ(sample_value(2.5), "2.5");
  EXPECT_EQ(sample_value(1.0), "1");
  EXPECT_EQ(sample_value(1.0 / 0.0), "+Inf");
}

class metrics_test : public testing::audit_test {};

TEST_F(metrics_test, every_family_is_there_with_its_type_in_name_order) {
  const response r = answer(get("/metrics"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  std::vector<std::string> names;
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("# TYPE ")) {
      names.push_back(line.substr(7));
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "exomock_auth_attempts_total counter",
                       "exomock_fault_firings_total counter",
                       "exomock_http_requests_total counter",
                       "exomock_messages_accepted_total counter",
                       "exomock_messages_delayed_total counter",
                       "exomock_messages_throttled_total counter",
                       "exomock_replies_total counter",
                       "exomock_sessions_total counter",
                       "exomock_store_commit_seconds histogram",
                       "exomock_stored_bytes_total counter",
                       "mailpit_messages gauge",
                       "mailpit_smtp_accepted_size_bytes_total counter",
                       "mailpit_smtp_accepted_total counter",
                       "mailpit_smtp_rejected_total counter",
                       "mailpit_uptime_seconds gauge",
                   }));
}

TEST_F(metrics_test, counters_show_what_the_live_scenario_counted) {
  policy::traffic_counters& t = live_.traffic;
  t.sessions.add({"submission", "TLSv1.3"});
  t.sessions.add({"submission", "TLSv1.3"});
  t.sessions.add({"mx", "none"});
  t.auth_attempts.add({"failure", "AADSTS50126"});
  t.replies.add(235);
  t.replies.add(535);
  t.replies.add(535);
  t.messages_accepted.add(2);
  t.accepted_bytes.add(1234);
  t.messages_rejected.add();
  t.messages_throttled.add(3);
  t.messages_delayed.add(4);
  requests_.add({"/api/v1/sessions", "200"});
  const std::string text = answer(get("/metrics")).body;
  for (const char* line : {
           "exomock_sessions_total{listener=\"mx\",tls_version=\"none\"} 1",
           "exomock_sessions_total{listener=\"submission\",tls_version=\"TLSv1.3\"} 2",
           "exomock_auth_attempts_total{outcome=\"failure\",reason=\"AADSTS50126\"} 1",
           "exomock_replies_total{code=\"235\"} 1",
           "exomock_replies_total{code=\"535\"} 2",
           "exomock_messages_accepted_total 2",
           "exomock_stored_bytes_total 1234",
           "exomock_messages_throttled_total 3",
           "exomock_messages_delayed_total 4",
           "mailpit_smtp_accepted_total 2",
           "mailpit_smtp_accepted_size_bytes_total 1234",
           "mailpit_smtp_rejected_total 1",
           "mailpit_messages 0",
           "exomock_http_requests_total{route=\"/api/v1/sessions\",status=\"200\"} 1",
       }) {
    EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
  }
}

TEST_F(metrics_test, a_stored_message_shows_in_the_commit_histogram_and_the_message_count) {
  store_message("0000000000000001");
  const std::string text = answer(get("/metrics")).body;
  EXPECT_TRUE(has_line(text, "exomock_store_commit_seconds_bucket{le=\"+Inf\"} 1")) << text;
  EXPECT_TRUE(has_line(text, "exomock_store_commit_seconds_count 1")) << text;
  EXPECT_TRUE(has_line(text, "mailpit_messages 1")) << text;
  // Buckets are cumulative: every bound's count is at most the next one's.
  std::uint64_t previous = 0;
  std::size_t buckets = 0;
  for (const std::string& line : samples(text)) {
    if (line.starts_with("exomock_store_commit_seconds_bucket")) {
      const std::uint64_t n = std::stoull(line.substr(line.rfind(' ') + 1));
      EXPECT_GE(n, previous) << line;
      previous = n;
      ++buckets;
    }
  }
  EXPECT_EQ(buckets, store::latency_histogram::bounds.size() + 1);
}

TEST_F(metrics_test, fault_rules_are_listed_by_name_even_before_they_fire) {
  auto model = testing::audit_model();
  policy::fault_rule named;
  named.name = "lost 250";
  model.faults = {named, policy::fault_rule{}};
  live_.replace(std::make_shared<policy::scenario_model>(std::move(model)));
  live_.faults.firings = {3, 0};
  live_.faults.occurrences = {5, 1};
  const std::string text = answer(get("/metrics")).body;
  EXPECT_TRUE(has_line(text, "exomock_fault_firings_total{rule=\"lost 250\"} 3")) << text;
  EXPECT_TRUE(has_line(text, "exomock_fault_firings_total{rule=\"rule 2\"} 0")) << text;
}

}  // namespace
}  // namespace exomock::http
