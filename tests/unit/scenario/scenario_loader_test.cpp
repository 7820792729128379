// Each kind of scenario mistake is reported at FILE:LINE:COLUMN with a message
// that says what was expected; all problems are collected, not just the first.
#include "scenario/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <map>

#include "fake_environment.hpp"

namespace exomock::scenario {
namespace {

using testing::fake_env;

load_result load(const std::string& text, const environment& env = fake_env()) {
  return load_string(text, "t.toml", env);
}

// The one problem of `text`, as "FILE:LINE:COLUMN: message".
std::string only_problem(const std::string& text, const environment& env = fake_env()) {
  const load_result r = load(text, env);
  EXPECT_EQ(r.model, nullptr);
  if (r.problems.size() != 1) {
    std::string all;
    for (const auto& p : r.problems) {
      all += p.str() + "\n";
    }
    ADD_FAILURE() << r.problems.size() << " problems:\n" << all;
    return all;
  }
  return r.problems[0].str();
}

const std::string tenant_head =
    "[[tenant]]\n"                    // 1
    "name = \"Contoso\"\n"            // 2
    "domains = [\"contoso.com\"]\n";  // 3

TEST(scenario_loader, minimal_scenario_loads) {
  const load_result r = load(tenant_head +
                             "[[tenant.mailbox]]\n"
                             "address = \"A@Contoso.com\"\n"
                             "password = \"x\"\n");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].str();
  ASSERT_NE(r.model, nullptr);
  EXPECT_EQ(r.model->tenants[0].mailboxes[0].address, "a@contoso.com");
  EXPECT_EQ(r.model->source_file, "t.toml");
  EXPECT_EQ(r.model->server.error_delay, std::chrono::milliseconds{5000});
}

TEST(scenario_loader, toml_syntax_error_has_its_position) {
  const std::string p = only_problem("[server]\nseed = \n");
  EXPECT_EQ(p.rfind("t.toml:2:", 0), 0U) << p;
}

TEST(scenario_loader, unknown_key_lists_the_allowed_ones) {
  EXPECT_EQ(only_problem("[server]\nerror_delay = \"0\"\ncolour = \"blue\"\n"),
            "t.toml:3:1: unknown key 'colour' in [server]; allowed keys: error_delay, "
            "close_after_auth_failure, seed, front_end, region, mailbox_server, clock_start, "
            "clock_rate, mx_front_end, mx_region, token_signing_key");
  EXPECT_EQ(only_problem("[serverr]\n"),
            "t.toml:1:2: unknown key 'serverr' in the top level; allowed keys: server, listener, "
            "tenant, fault");
}

TEST(scenario_loader, wrong_type) {
  EXPECT_EQ(only_problem("[server]\nseed = \"one\"\n"),
            "t.toml:2:8: 'seed' in [server] must be an integer, not a string");
  EXPECT_EQ(only_problem(tenant_head + "security_defaults = \"yes\"\n"),
            "t.toml:4:21: 'security_defaults' in [[tenant]] must be true or false, not a string");
}

TEST(scenario_loader, bad_duration) {
  EXPECT_EQ(only_problem("[server]\nerror_delay = \"5 seconds\"\n"),
            "t.toml:2:15: 'error_delay' in [server] must be a duration such as \"250ms\", \"5s\", "
            "\"1m\", \"2h\" or \"0\"");
  EXPECT_TRUE(load("[server]\nerror_delay = \"250ms\"\n").problems.empty());
  EXPECT_TRUE(load("[server]\nerror_delay = 0\n").problems.empty());
}

TEST(scenario_loader, bad_listener_address_and_kind) {
  EXPECT_EQ(only_problem("[[listener]]\nname = \"a\"\naddress = \"127.0.0.1\"\n"),
            "t.toml:3:11: 'address' in [[listener]] must be HOST:PORT with a port from 0 to "
            "65535, such as \"127.0.0.1:2587\" or \"[::1]:2587\"");
  EXPECT_EQ(only_problem("[[listener]]\nname = \"a\"\naddress = \"[::1]:70000\"\n").substr(0, 12),
            "t.toml:3:11:");
  EXPECT_EQ(only_problem("[[listener]]\nname = \"a\"\nkind = \"smtp\"\naddress = \"[::1]:25\"\n"),
            "t.toml:3:8: 'kind' in [[listener]] must be one of \"submission\", "
            "\"submission-legacy\", \"mx\", \"implicit-tls\", \"blackhole\", \"http\"");
}

TEST(scenario_loader, missing_required_key_points_at_the_table) {
  EXPECT_EQ(only_problem("\n[[listener]]\naddress = \"127.0.0.1:25\"\n"),
            "t.toml:2:1: [[listener]] needs 'name'");
}

TEST(scenario_loader, duplicate_listener_name) {
  EXPECT_EQ(only_problem("[[listener]]\nname = \"a\"\naddress = \"127.0.0.1:1\"\n"
                         "[[listener]]\nname = \"a\"\naddress = \"127.0.0.1:2\"\n"),
            "t.toml:5:8: duplicate listener name 'a' (first at line 2)");
}

TEST(scenario_loader, bad_cidr_is_reported_at_the_element) {
  EXPECT_EQ(only_problem(tenant_head + "[[tenant.connector]]\n"
                                       "name = \"c\"\n"
                                       "client_ip_ranges = [\"127.0.0.2/32\", \"10.0.0.0/40\"]\n"),
            "t.toml:6:37: '10.0.0.0/40' in 'client_ip_ranges' is not an IP range such as "
            "\"10.20.0.0/16\" or \"2001:db8::/32\"");
}

TEST(scenario_loader, mailbox_outside_the_accepted_domains) {
  EXPECT_EQ(only_problem(tenant_head + "[[tenant.mailbox]]\naddress = \"bob@fabrikam.com\"\n"),
            "t.toml:5:11: mailbox 'bob@fabrikam.com': 'fabrikam.com' is not an accepted domain of "
            "tenant 'Contoso' (accepted: contoso.com)");
}

TEST(scenario_loader, duplicate_mailbox) {
  EXPECT_EQ(only_problem(tenant_head + "[[tenant.mailbox]]\naddress = \"a@contoso.com\"\n"
                                       "[[tenant.mailbox]]\naddress = \"A@contoso.com\"\n"),
            "t.toml:7:11: duplicate mailbox 'a@contoso.com' (first at line 5)");
}

TEST(scenario_loader, unknown_send_as_target) {
  EXPECT_EQ(only_problem(tenant_head + "[[tenant.mailbox]]\n"
                                       "address = \"a@contoso.com\"\n"
                                       "send_as = [\"ghost@contoso.com\"]\n"),
            "t.toml:6:12: 'ghost@contoso.com' (send_as of mailbox a@contoso.com) is not a "
            "mailbox of this scenario");
}

TEST(scenario_loader, references_may_point_forward) {
  const load_result r = load(tenant_head +
                             "[[tenant.conditional_access]]\nname = \"p\"\n"
                             "include_users = [\"all\"]\nexclude_users = [\"b@contoso.com\"]\n"
                             "[[tenant.mailbox]]\naddress = \"a@contoso.com\"\n"
                             "send_as = [\"b@contoso.com\"]\n"
                             "[[tenant.mailbox]]\naddress = \"b@contoso.com\"\n");
  EXPECT_TRUE(r.problems.empty()) << r.problems[0].str();
}

TEST(scenario_loader, undefined_authentication_policy) {
  EXPECT_EQ(only_problem(tenant_head + "[[tenant.mailbox]]\naddress = \"a@contoso.com\"\n"
                                       "authentication_policy = \"Nope\"\n"),
            "t.toml:6:25: authentication policy 'Nope' of mailbox a@contoso.com is not defined in "
            "tenant 'Contoso'");
}

TEST(scenario_loader, password_from_the_environment) {
  const std::string text = tenant_head +
                           "[[tenant.mailbox]]\n"
                           "address = \"a@contoso.com\"\n"
                           "password_env = \"A_PASSWORD\"\n";
  EXPECT_EQ(only_problem(text),
            "t.toml:6:16: environment variable 'A_PASSWORD' (password of mailbox a@contoso.com) "
            "is not set");
  const load_result r = load(text, fake_env({{"A_PASSWORD", "s3cret"}}));
  ASSERT_NE(r.model, nullptr);
  EXPECT_EQ(r.model->tenants[0].mailboxes[0].password, "s3cret");
}

TEST(scenario_loader, tenant_defaults_and_shared_mailbox_sign_in) {
  const load_result r = load(tenant_head +
                             "[[tenant.mailbox]]\naddress = \"s@contoso.com\"\n"
                             "type = \"shared\"\n");
  ASSERT_NE(r.model, nullptr);
  const policy::tenant& t = r.model->tenants[0];
  EXPECT_TRUE(t.smtp_client_authentication_disabled);
  EXPECT_EQ(t.basic_auth, policy::basic_auth_state::available);
  EXPECT_FALSE(t.mailboxes[0].sign_in_allowed);
  EXPECT_EQ(t.mailboxes[0].max_send_size, 35U * 1024 * 1024);
}

TEST(scenario_loader, sizes_and_limits) {
  const std::string head = tenant_head + "[[tenant.mailbox]]\naddress = \"a@contoso.com\"\n";
  const load_result ok = load(head + "max_send_size = \"150MB\"\nrecipient_limit = 1000\n");
  ASSERT_NE(ok.model, nullptr);
  EXPECT_EQ(ok.model->tenants[0].mailboxes[0].max_send_size, 150U * 1024 * 1024);
  EXPECT_EQ(only_problem(head + "recipient_limit = 1001\n"),
            "t.toml:6:19: 'recipient_limit' in [[tenant.mailbox]] must be between 1 and 1000");
  EXPECT_EQ(only_problem(head + "max_send_size = \"200MB\"\n").substr(0, 12), "t.toml:6:17:");
}

TEST(scenario_loader, collects_every_problem) {
  const load_result r = load(
      "[server]\nseed = -1\nbogus = 1\n"
      "[[listener]]\nname = \"a\"\naddress = \"x\"\n" +
      tenant_head + "[[tenant.mailbox]]\naddress = \"a@b.com\"\n");
  ASSERT_EQ(r.problems.size(), 4U);
  EXPECT_EQ(r.problems[0].line, 2U);
  EXPECT_EQ(r.problems[1].line, 3U);
  EXPECT_EQ(r.problems[2].line, 6U);
  EXPECT_EQ(r.problems[3].line, 11U);
}

TEST(scenario_loader, missing_file) {
  const load_result r = load_file("/nonexistent/exomock.toml", fake_env());
  ASSERT_EQ(r.problems.size(), 1U);
  EXPECT_EQ(r.problems[0].str(), "/nonexistent/exomock.toml: cannot open the scenario file");
}

TEST(scenario_loader, summary_counts) {
  const load_result r = load(tenant_head + "[[tenant.mailbox]]\naddress = \"a@contoso.com\"\n");
  ASSERT_NE(r.model, nullptr);
  EXPECT_EQ(summary(*r.model), "1 tenant, 1 mailbox, 0 listeners");
}

TEST(scenario_loader, smart_lockout_settings_and_token_signing_key) {
  const load_result r = load(
      "[server]\n"
      "token_signing_key = \"keys/signing.pem\"\n" +
      tenant_head +
      "[tenant.lockout]\n"
      "threshold = 3\n"
      "duration = \"2m\"\n"
      "growth = 1.5\n"
      "window = \"10m\"\n");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].str();
  EXPECT_EQ(r.model->server.token_signing_key, "keys/signing.pem");
  const policy::smart_lockout& l = r.model->tenants[0].lockout;
  EXPECT_EQ(l.threshold, 3U);
  EXPECT_EQ(l.duration, std::chrono::seconds{120});
  EXPECT_DOUBLE_EQ(l.growth, 1.5);
  EXPECT_EQ(l.window, std::chrono::seconds{600});
}

TEST(scenario_loader, bad_lockout_window_is_reported_at_its_value) {
  const std::string p = only_problem(tenant_head +
                                     "[tenant.lockout]\n"     // 4
                                     "window = \"soon\"\n");  // 5
  EXPECT_EQ(p.rfind("t.toml:5:", 0), 0U) << p;
}

}  // namespace
}  // namespace exomock::scenario

namespace exomock::scenario {
namespace {

TEST(token_endpoint_keys, tls_belongs_to_http_listeners) {
  EXPECT_EQ(only_problem("[[listener]]\nname = \"s\"\nkind = \"submission\"\n"
                         "address = \"127.0.0.1:0\"\ntls = true\n"),
            "t.toml:5:7: 'tls' applies to kind = \"http\" listeners (SMTP listeners use "
            "STARTTLS, or kind = \"implicit-tls\")");
  const load_result r =
      load("[[listener]]\nname = \"h\"\nkind = \"http\"\naddress = \"127.0.0.1:0\"\ntls = true\n");
  ASSERT_NE(r.model, nullptr) << r.problems[0].str();
  EXPECT_TRUE(r.model->listeners.at(0).tls);
}

TEST(token_endpoint_keys, device_code_user_must_be_a_mailbox) {
  const std::string text = tenant_head +
                           "[[tenant.application]]\n"
                           "display_name = \"A\"\n"
                           "client_id = \"4a7c2e91-3b5d-4f60-8e1a-9c2b7d3f5e14\"\n"
                           "client_secret = \"s\"\n"
                           "device_code_user = \"ghost@contoso.com\"\n";
  EXPECT_NE(only_problem(text).find("'ghost@contoso.com' (device_code_user of application 'A') "
                                    "is not a mailbox of this scenario"),
            std::string::npos);
}

}  // namespace
}  // namespace exomock::scenario
