// scenarios/default.toml loads without a problem and says what the demo spec
// says, and it drives the policy to the spec's outcomes for each demo login.
#include <gtest/gtest.h>

#include "policy/auth_checks.hpp"
#include "scenario/scenario_loader.hpp"

namespace exomock::scenario {
namespace {

class default_scenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { result_ = new load_result(load_file(EXOMOCK_DEFAULT_SCENARIO)); }
  static void TearDownTestSuite() { delete result_; }

  static policy::reply_id outcome(const std::string& login, const std::string& secret,
                                  const std::string& mechanism = "LOGIN",
                                  const std::string& tls = "TLSv1.2",
                                  const std::string& listener = "submission") {
    const policy::scenario_model& m = *result_->model;
    smtp::session_facts facts;
    facts.connection.client_ip = "127.0.0.1";
    facts.tls = smtp::tls_info{tls, ""};
    const policy::listener_config* l = nullptr;
    for (const auto& candidate : m.listeners) {
      if (candidate.name == listener) {
        l = &candidate;
      }
    }
    const smtp::credentials c{mechanism, login, secret, ""};
    return policy::decide_authentication(
               policy::make_auth_request(m, *l, c, facts, std::chrono::system_clock::now()))
        .reply;
  }

  static load_result* result_;
};

load_result* default_scenario::result_ = nullptr;

TEST_F(default_scenario, loads_without_problems) {
  for (const problem& p : result_->problems) {
    ADD_FAILURE() << p.str();
  }
  ASSERT_NE(result_->model, nullptr);
  EXPECT_EQ(summary(*result_->model), "4 tenants, 13 mailboxes, 5 listeners");
}

TEST_F(default_scenario, listeners_of_the_spec) {
  const auto& listeners = result_->model->listeners;
  ASSERT_EQ(listeners.size(), 5U);
  EXPECT_EQ(listeners[0].name, "submission");
  EXPECT_EQ(listeners[0].port, 2587);
  EXPECT_EQ(listeners[1].kind, policy::listener_kind::submission_legacy);
  EXPECT_EQ(listeners[1].port, 2588);
  EXPECT_EQ(listeners[2].kind, policy::listener_kind::mx);
  EXPECT_EQ(listeners[2].port, 2525);
  EXPECT_FALSE(listeners[2].require_auth);
  EXPECT_EQ(listeners[3].kind, policy::listener_kind::http);
  EXPECT_EQ(listeners[3].port, 8025);
  EXPECT_FALSE(listeners[3].tls);
  EXPECT_EQ(listeners[4].kind, policy::listener_kind::http);
  EXPECT_EQ(listeners[4].port, 8443);
  EXPECT_TRUE(listeners[4].tls);
  EXPECT_EQ(result_->model->server.error_delay, std::chrono::milliseconds{5000});
}

TEST_F(default_scenario, the_demo_applications_for_the_token_endpoint) {
  const auto& apps = result_->model->tenants.at(0).applications;
  ASSERT_EQ(apps.size(), 2U);
  EXPECT_EQ(apps[0].secrets, std::vector<std::string>{"Demo-App-Secret"});
  EXPECT_EQ(apps[0].redirect_uris, std::vector<std::string>{"http://localhost"});
  EXPECT_FALSE(apps[0].public_client);
  EXPECT_TRUE(apps[1].public_client);
  EXPECT_EQ(apps[1].device_code_user, "scanner@contoso.com");
}

TEST_F(default_scenario, demo_logins_give_the_spec_outcomes) {
  using policy::reply_id;
  const std::string pw = "Demo-Passw0rd!";
  EXPECT_EQ(outcome("scanner@contoso.com", pw), reply_id::auth_successful);
  EXPECT_EQ(outcome("alice@contoso.com", pw), reply_id::auth_disabled_for_tenant);
  EXPECT_EQ(outcome("printer@contoso.com", pw), reply_id::auth_disabled_for_mailbox);
  EXPECT_EQ(outcome("mfa@contoso.com", pw), reply_id::auth_criteria_not_met);
  EXPECT_EQ(outcome("mfa@contoso.com", "abcdefghijklmnop"), reply_id::auth_successful);
  EXPECT_EQ(outcome("legacy@contoso.com", pw), reply_id::auth_basic_disabled);
  EXPECT_EQ(outcome("legacy@contoso.com", "demo-token-legacy", "XOAUTH2"),
            reply_id::auth_successful);
  EXPECT_EQ(outcome("ca-blocked@contoso.com", pw), reply_id::auth_criteria_not_met);
  EXPECT_EQ(outcome("branch@contoso.com", pw), reply_id::auth_criteria_not_met);
  EXPECT_EQ(outcome("lockout@contoso.com", pw), reply_id::auth_successful);
  EXPECT_EQ(outcome("disabled@contoso.com", pw), reply_id::auth_account_issue);
  EXPECT_EQ(outcome("shared@contoso.com", pw), reply_id::auth_account_issue);
  EXPECT_EQ(outcome("nobody@contoso.com", pw), reply_id::auth_bad_credentials);
  EXPECT_EQ(outcome("scanner@contoso.com", "wrong"), reply_id::auth_bad_credentials);
  EXPECT_EQ(outcome("scanner@contoso.com", pw, "LOGIN", "TLSv1.1"),
            reply_id::tls_legacy_unsupported);
  EXPECT_EQ(outcome("bob@fabrikam.com", pw), reply_id::auth_security_defaults);
  EXPECT_EQ(outcome("bob@fabrikam.com", "demo-token-bob", "XOAUTH2"), reply_id::auth_successful);
  EXPECT_EQ(outcome("carol@northwind.com", pw, "LOGIN", "TLSv1.1", "submission-legacy"),
            reply_id::auth_successful);
  EXPECT_EQ(outcome("carol@northwind.com", pw, "LOGIN", "TLSv1.1"),
            reply_id::tls_legacy_unsupported);
  EXPECT_EQ(outcome("carol@northwind.com", pw), reply_id::auth_successful);
  EXPECT_EQ(outcome("dave@tailspin.com", pw), reply_id::auth_basic_retired);
  EXPECT_EQ(outcome("dave@tailspin.com", "demo-token-dave", "XOAUTH2"), reply_id::auth_successful);
}

TEST_F(default_scenario, contoso_details) {
  const policy::scenario_model& m = *result_->model;
  const policy::tenant& contoso = m.tenants.at(0);
  EXPECT_TRUE(contoso.smtp_client_authentication_disabled);
  ASSERT_EQ(contoso.connectors.size(), 1U);
  EXPECT_EQ(contoso.connectors[0].client_ip_ranges, std::vector<std::string>{"127.0.0.2/32"});
  ASSERT_EQ(contoso.applications.size(), 2U);
  EXPECT_EQ(contoso.applications[0].client_id, "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70");
  EXPECT_EQ(contoso.lockout.threshold, 10U);
  EXPECT_EQ(contoso.lockout.duration, std::chrono::seconds{60});
  const policy::mailbox* shared = m.find_mailbox("shared@contoso.com");
  ASSERT_NE(shared, nullptr);
  EXPECT_FALSE(shared->sign_in_allowed);
  EXPECT_EQ(m.find_mailbox("scanner@contoso.com")->send_as,
            std::vector<std::string>{"shared@contoso.com"});
  EXPECT_FALSE(
      m.find_mailbox("alice@contoso.com")->smtp_client_authentication_disabled.has_value());
  EXPECT_TRUE(m.tenants.at(1).reject_direct_send);
  EXPECT_TRUE(m.tenants.at(2).allow_legacy_tls_clients);
  EXPECT_EQ(m.tenants.at(3).basic_auth, policy::basic_auth_state::retired);
}

}  // namespace
}  // namespace exomock::scenario
