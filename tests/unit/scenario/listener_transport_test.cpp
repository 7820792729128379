// The transport keys of [[listener]]: tls_mode with min_tls/max_tls/tls13, the
// defaults per kind (older scenarios with only min_tls keep their meaning),
// ciphers, client certificates, connection limits and idle timeout, and the
// example files scenarios/legacy-tls.toml, mx.toml and connection-limits.toml.
#include <gtest/gtest.h>

#include "scenario/scenario_loader.hpp"

namespace exomock::scenario {
namespace {

using policy::legacy_tls_mode;
using policy::tls_version;

environment no_env() {
  return [](std::string_view) { return std::optional<std::string>{}; };
}

load_result load_listener(const std::string& kind, const std::string& keys) {
  return load_string(
      "[[listener]]\nname = \"l\"\nkind = \"" + kind + "\"\naddress = \"127.0.0.1:0\"\n" + keys,
      "t.toml", no_env());
}

const policy::listener_config& only_listener(const load_result& r) {
  if (!r.problems.empty()) {
    ADD_FAILURE() << r.problems.front().str();
  }
  static const policy::listener_config none;
  return r.model ? r.model->listeners.at(0) : none;
}

std::string problems_of(const load_result& r) {
  std::string all;
  for (const auto& p : r.problems) {
    all += p.str() + "\n";
  }
  return all;
}

TEST(listener_transport, submission_defaults_to_exchange_mode_from_tls_1_0) {
  const auto r = load_listener("submission", "");
  const auto& l = only_listener(r);
  EXPECT_EQ(l.tls_mode, legacy_tls_mode::exchange);
  EXPECT_EQ(l.min_tls, tls_version::tls1_0);
  EXPECT_EQ(l.max_tls, tls_version::tls1_3);
  EXPECT_TRUE(l.ciphers.empty());
  EXPECT_FALSE(l.request_client_certificate);
  EXPECT_EQ(l.max_connections, 0U);
  EXPECT_FALSE(l.idle_timeout.has_value());
}

TEST(listener_transport, mx_serves_old_clients_and_asks_for_a_certificate) {
  const auto r = load_listener("mx", "");
  const auto& l = only_listener(r);
  EXPECT_EQ(l.tls_mode, legacy_tls_mode::allow);
  EXPECT_EQ(l.min_tls, tls_version::tls1_0);
  EXPECT_TRUE(l.request_client_certificate);
}

TEST(listener_transport, min_tls_alone_keeps_its_meaning) {
  EXPECT_EQ(only_listener(load_listener("submission", "min_tls = \"1.2\"\n")).tls_mode,
            legacy_tls_mode::refuse);
  const auto r = load_listener("submission", "min_tls = \"1.1\"\n");
  EXPECT_EQ(only_listener(r).tls_mode, legacy_tls_mode::exchange);
  EXPECT_EQ(only_listener(r).min_tls, tls_version::tls1_1);
}

TEST(listener_transport, modes_set_the_handshake_range) {
  const auto refuse = load_listener("submission", "tls_mode = \"refuse\"\ntls13 = false\n");
  EXPECT_EQ(only_listener(refuse).min_tls, tls_version::tls1_2);
  EXPECT_EQ(only_listener(refuse).max_tls, tls_version::tls1_2);
  const auto allow = load_listener("submission", "tls_mode = \"allow\"\nmax_tls = \"1.2\"\n");
  EXPECT_EQ(only_listener(allow).tls_mode, legacy_tls_mode::allow);
  EXPECT_EQ(only_listener(allow).min_tls, tls_version::tls1_0);
  EXPECT_EQ(only_listener(allow).max_tls, tls_version::tls1_2);
}

TEST(listener_transport, contradictions_are_reported_at_the_key) {
  auto r = load_listener("submission", "tls_mode = \"exchange\"\nmin_tls = \"1.2\"\n");
  EXPECT_NE(problems_of(r).find("t.toml:6:11: tls_mode 'exchange' and 'allow' need"),
            std::string::npos)
      << problems_of(r);
  r = load_listener("submission", "tls_mode = \"refuse\"\nmin_tls = \"1.0\"\n");
  EXPECT_NE(problems_of(r).find("t.toml:6:11: tls_mode 'refuse'"), std::string::npos)
      << problems_of(r);
  r = load_listener("submission", "tls13 = false\nmax_tls = \"1.3\"\n");
  EXPECT_NE(problems_of(r).find("contradicts tls13 = false"), std::string::npos) << problems_of(r);
  r = load_listener("submission", "min_tls = \"1.3\"\nmax_tls = \"1.2\"\n");
  EXPECT_NE(problems_of(r).find("max_tls is below min_tls"), std::string::npos) << problems_of(r);
  r = load_listener("submission", "tls_mode = \"sometimes\"\n");
  EXPECT_NE(problems_of(r).find("tls_mode"), std::string::npos) << problems_of(r);
  r = load_listener("submission", "ciphers = \"AES128-SHA; rm\"\n");
  EXPECT_NE(problems_of(r).find("OpenSSL cipher list"), std::string::npos) << problems_of(r);
  r = load_listener("submission", "idle_timeout = \"0\"\n");
  EXPECT_NE(problems_of(r).find("'idle_timeout' must be above 0"), std::string::npos)
      << problems_of(r);
  r = load_listener("submission", "max_connections = -1\n");
  EXPECT_FALSE(r.problems.empty());
}

TEST(listener_transport, limits_timeout_ciphers_and_certificates) {
  const auto r = load_listener("submission",
                               "max_connections = 4\nmax_connections_per_ip = 2\n"
                               "idle_timeout = \"30s\"\nciphers = \"ECDHE-RSA-AES128-GCM-SHA256\"\n"
                               "request_client_certificate = true\n");
  const auto& l = only_listener(r);
  EXPECT_EQ(l.max_connections, 4U);
  EXPECT_EQ(l.max_connections_per_ip, 2U);
  EXPECT_EQ(l.idle_timeout, std::chrono::milliseconds{30000});
  EXPECT_EQ(l.ciphers, "ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_TRUE(l.request_client_certificate);
}

TEST(listener_transport, mx_names_in_server) {
  const auto r =
      load_string("[server]\nmx_front_end = \"DB5PEPF00014B9D\"\nmx_region = \"EURPRD03\"\n",
                  "t.toml", no_env());
  ASSERT_TRUE(r.problems.empty()) << problems_of(r);
  EXPECT_EQ(r.model->server.identity.mx_front_end, "DB5PEPF00014B9D");
  EXPECT_EQ(r.model->server.identity.mx_region, "EURPRD03");
}

TEST(listener_transport, example_scenarios_load) {
  for (const char* name : {"legacy-tls.toml", "mx.toml", "connection-limits.toml"}) {
    const auto r = load_file(std::string(EXOMOCK_SCENARIO_DIR) + "/" + name, no_env());
    EXPECT_TRUE(r.problems.empty()) << name << ":\n" << problems_of(r);
  }
  const auto legacy = load_file(std::string(EXOMOCK_SCENARIO_DIR) + "/legacy-tls.toml", no_env());
  ASSERT_NE(legacy.model, nullptr);
  EXPECT_EQ(legacy.model->listeners.at(0).tls_mode, legacy_tls_mode::exchange);
  EXPECT_EQ(legacy.model->listeners.at(1).tls_mode, legacy_tls_mode::refuse);
  EXPECT_EQ(legacy.model->listeners.at(2).tls_mode, legacy_tls_mode::allow);
  EXPECT_EQ(legacy.model->listeners.at(4).max_tls, tls_version::tls1_2);
}

TEST(listener_transport, demo_scenario_keeps_the_spec_tls_behaviour) {
  const auto r = load_file(std::string(EXOMOCK_SCENARIO_DIR) + "/default.toml", no_env());
  ASSERT_NE(r.model, nullptr) << problems_of(r);
  for (const auto& l : r.model->listeners) {
    if (l.name == "submission" || l.name == "submission-legacy") {
      EXPECT_EQ(l.tls_mode, legacy_tls_mode::exchange) << l.name;
      EXPECT_EQ(l.min_tls, tls_version::tls1_0) << l.name;
    }
    if (l.name == "mx") {
      EXPECT_TRUE(l.request_client_certificate);
    }
  }
}

}  // namespace
}  // namespace exomock::scenario
