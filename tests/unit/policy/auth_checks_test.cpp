// The AUTH pipeline, step by step: each check of the demo spec, the switch
// precedence (mailbox over tenant), and the sign-in events Entra would log.
#include "policy/auth_checks.hpp"

#include <gtest/gtest.h>

#include "test_model.hpp"

namespace exomock::policy {
namespace {

using testing::fixed_moment;
using testing::make_model;
using testing::tls_facts;

class auth_test : public ::testing::Test {
 protected:
  auth_decision decide(const std::string& identity, const std::string& secret,
                       const std::string& mechanism = "LOGIN",
                       const smtp::session_facts& facts = tls_facts(), std::size_t listener = 0) {
    const smtp::credentials c{mechanism, identity, secret, ""};
    return decide_authentication(
        make_auth_request(model_, model_.listeners.at(listener), c, facts, fixed_moment()));
  }
  reply_id reply_for(const std::string& identity, const std::string& secret = "Demo-Passw0rd!") {
    return decide(identity, secret).reply;
  }

  scenario_model model_ = make_model();
};

TEST_F(auth_test, scanner_with_the_right_password_is_authenticated) {
  const auth_decision d = decide("scanner@contoso.com", "Demo-Passw0rd!");
  EXPECT_TRUE(d.authenticated);
  EXPECT_EQ(d.reply, reply_id::auth_successful);
  ASSERT_TRUE(d.sign_in.has_value());
  EXPECT_EQ(d.sign_in->error_code, 0);
  EXPECT_EQ(d.sign_in->user_principal_name, "scanner@contoso.com");
  EXPECT_EQ(d.sign_in->ip_address, "127.0.0.1");
}

TEST_F(auth_test, identity_is_case_insensitive) {
  EXPECT_TRUE(decide("Scanner@CONTOSO.com", "Demo-Passw0rd!").authenticated);
}

TEST_F(auth_test, unknown_user_and_wrong_password_give_the_same_text) {
  const auth_decision unknown = decide("nobody@contoso.com", "Demo-Passw0rd!");
  const auth_decision wrong = decide("scanner@contoso.com", "wrong");
  const auth_decision foreign = decide("someone@example.net", "x");
  EXPECT_EQ(unknown.reply, reply_id::auth_bad_credentials);
  EXPECT_EQ(wrong.reply, reply_id::auth_bad_credentials);
  EXPECT_EQ(foreign.reply, reply_id::auth_bad_credentials);
  EXPECT_EQ(unknown.sign_in->error_code, 50034);
  EXPECT_EQ(wrong.sign_in->error_code, 50126);
}

TEST_F(auth_test, wrong_password_beats_every_later_check) {
  EXPECT_EQ(reply_for("alice@contoso.com", "wrong"), reply_id::auth_bad_credentials);
  EXPECT_EQ(reply_for("bob@fabrikam.com", "wrong"), reply_id::auth_bad_credentials);
  EXPECT_EQ(reply_for("dave@tailspin.com", "wrong"), reply_id::auth_bad_credentials);
}

TEST_F(auth_test, account_state_gives_account_has_an_issue) {
  EXPECT_EQ(reply_for("disabled@contoso.com"), reply_id::auth_account_issue);
  EXPECT_EQ(decide("disabled@contoso.com", "Demo-Passw0rd!").sign_in->error_code, 50057);
  EXPECT_EQ(reply_for("expired@contoso.com"), reply_id::auth_account_issue);
  EXPECT_EQ(decide("expired@contoso.com", "Demo-Passw0rd!").sign_in->error_code, 50055);
  EXPECT_EQ(reply_for("shared@contoso.com"), reply_id::auth_account_issue);
}

TEST_F(auth_test, federated_idp_down) {
  EXPECT_EQ(reply_for("federated@contoso.com"), reply_id::auth_federated_sts_unreachable);
  EXPECT_EQ(reply_for("federated@contoso.com", "wrong"), reply_id::auth_federated_sts_unreachable);
}

TEST_F(auth_test, security_defaults_block_basic_but_not_oauth) {
  const auth_decision d = decide("bob@fabrikam.com", "Demo-Passw0rd!");
  EXPECT_EQ(d.reply, reply_id::auth_security_defaults);
  EXPECT_EQ(d.sign_in->error_code, 530035);
  EXPECT_TRUE(decide("bob@fabrikam.com", "token-bob", "XOAUTH2").authenticated);
}

TEST_F(auth_test, conditional_access_block_legacy) {
  const auth_decision d = decide("ca-blocked@contoso.com", "Demo-Passw0rd!");
  EXPECT_EQ(d.reply, reply_id::auth_criteria_not_met);
  EXPECT_EQ(d.sign_in->error_code, 53003);
  EXPECT_EQ(d.sign_in->conditional_access, conditional_access_status::failure);
}

TEST_F(auth_test, conditional_access_allowed_ip_ranges) {
  EXPECT_EQ(reply_for("branch@contoso.com"), reply_id::auth_criteria_not_met);
  smtp::session_facts inside = tls_facts();
  inside.connection.client_ip = "10.20.4.5";
  const auth_decision d = decide("branch@contoso.com", "Demo-Passw0rd!", "LOGIN", inside);
  EXPECT_TRUE(d.authenticated);
  EXPECT_EQ(d.sign_in->conditional_access, conditional_access_status::success);
}

TEST_F(auth_test, conditional_access_require_mfa_and_exclusions) {
  conditional_access_policy mfa;
  mfa.name = "Require MFA";
  mfa.require_mfa = true;
  mfa.include_users = {"all"};
  mfa.exclude_users = {"scanner@contoso.com"};
  model_.tenants[0].conditional_access.push_back(mfa);
  EXPECT_EQ(reply_for("scanner@contoso.com"), reply_id::auth_successful);
  EXPECT_EQ(reply_for("alice@contoso.com"), reply_id::auth_criteria_not_met);
  EXPECT_EQ(decide("alice@contoso.com", "Demo-Passw0rd!").sign_in->error_code, 50076);
}

TEST_F(auth_test, conditional_access_by_group) {
  conditional_access_policy block;
  block.name = "Block printers group";
  block.block_legacy_authentication = true;
  block.include_groups = {"Printers"};
  model_.tenants[0].conditional_access.push_back(block);
  model_.tenants[0].mailboxes[0].groups = {"printers"};
  EXPECT_EQ(reply_for("scanner@contoso.com"), reply_id::auth_criteria_not_met);
  model_.tenants[0].conditional_access.back().exclude_groups = {"Printers"};
  EXPECT_EQ(reply_for("scanner@contoso.com"), reply_id::auth_successful);
}

TEST_F(auth_test, per_user_mfa_refuses_the_password_and_takes_an_app_password) {
  EXPECT_EQ(reply_for("mfa@contoso.com"), reply_id::auth_criteria_not_met);
  EXPECT_EQ(reply_for("mfa@contoso.com", "abcdefghijklmnop"), reply_id::auth_successful);
  EXPECT_EQ(reply_for("scanner@contoso.com", "abcdefghijklmnop"), reply_id::auth_bad_credentials);
}

TEST_F(auth_test, app_password_fails_where_basic_is_blocked_otherwise) {
  model_.tenants[0].security_defaults = true;
  EXPECT_EQ(reply_for("mfa@contoso.com", "abcdefghijklmnop"), reply_id::auth_security_defaults);
}

TEST_F(auth_test, authentication_policy_blocks_basic_only) {
  EXPECT_EQ(reply_for("legacy@contoso.com"), reply_id::auth_basic_disabled);
  EXPECT_TRUE(decide("legacy@contoso.com", "token-legacy", "XOAUTH2").authenticated);
  model_.tenants[0].authentication_policies[0].allow_basic_auth_smtp = true;
  EXPECT_EQ(reply_for("legacy@contoso.com"), reply_id::auth_successful);
}

TEST_F(auth_test, basic_retirement) {
  EXPECT_EQ(reply_for("dave@tailspin.com"), reply_id::auth_basic_retired);
  EXPECT_TRUE(decide("dave@tailspin.com", "token-dave", "XOAUTH2").authenticated);
  model_.tenants[3].basic_auth = basic_auth_state::disabled;
  EXPECT_EQ(reply_for("dave@tailspin.com"), reply_id::auth_basic_disabled);
  model_.tenants[3].basic_auth_reenabled = true;
  EXPECT_EQ(reply_for("dave@tailspin.com"), reply_id::auth_successful);
}

// Set-CASMailbox over Set-TransportConfig: true/false/unset x tenant true/false.
TEST_F(auth_test, mailbox_switch_overrides_the_tenant_switch) {
  struct row {
    std::optional<bool> mailbox_disabled;
    bool tenant_disabled = false;
    std::optional<reply_id> expected;
  };
  const row rows[] = {
      {true, true, reply_id::auth_disabled_for_mailbox},
      {true, false, reply_id::auth_disabled_for_mailbox},
      {false, true, std::nullopt},
      {false, false, std::nullopt},
      {std::nullopt, true, reply_id::auth_disabled_for_tenant},
      {std::nullopt, false, std::nullopt},
  };
  for (const row& r : rows) {
    tenant t;
    t.smtp_client_authentication_disabled = r.tenant_disabled;
    mailbox m;
    m.smtp_client_authentication_disabled = r.mailbox_disabled;
    EXPECT_EQ(smtp_auth_switch_refusal(t, m), r.expected)
        << "mailbox " << (r.mailbox_disabled ? (*r.mailbox_disabled ? "true" : "false") : "unset")
        << ", tenant " << r.tenant_disabled;
  }
}

TEST_F(auth_test, switches_apply_to_basic_and_oauth) {
  EXPECT_EQ(reply_for("alice@contoso.com"), reply_id::auth_disabled_for_tenant);
  EXPECT_EQ(reply_for("printer@contoso.com"), reply_id::auth_disabled_for_mailbox);
  model_.tenants[0].mailboxes[1].xoauth2_tokens = {"token-alice"};
  EXPECT_EQ(decide("alice@contoso.com", "token-alice", "XOAUTH2").reply,
            reply_id::auth_disabled_for_tenant);
  // Entra verified the password: Exchange refuses after a successful sign-in.
  EXPECT_EQ(decide("alice@contoso.com", "Demo-Passw0rd!").sign_in->error_code, 0);
}

TEST_F(auth_test, oauth_token_failures_are_generic) {
  const auth_decision bad = decide("scanner@contoso.com", "not-a-token", "XOAUTH2");
  EXPECT_EQ(bad.reply, reply_id::auth_unsuccessful);
  ASSERT_TRUE(bad.sign_in.has_value());  // every AUTH that reaches identity checks is logged
  EXPECT_EQ(bad.sign_in->error_code, 50013);
  EXPECT_EQ(decide("nobody@contoso.com", "token-scanner", "XOAUTH2").reply,
            reply_id::auth_unsuccessful);
  EXPECT_EQ(decide("scanner@contoso.com", "Demo-Passw0rd!", "XOAUTH2").reply,
            reply_id::auth_unsuccessful);
  // OAuth to a shared mailbox: its blocked sign-in concerns passwords only.
  EXPECT_EQ(decide("shared@contoso.com", "token-shared", "XOAUTH2").reply,
            reply_id::auth_disabled_for_tenant);
}

TEST_F(auth_test, legacy_tls_is_refused_unless_opted_in_on_the_legacy_listener) {
  const auto tls11 = tls_facts("TLSv1.1");
  const auth_decision refused = decide("scanner@contoso.com", "Demo-Passw0rd!", "LOGIN", tls11);
  EXPECT_EQ(refused.reply, reply_id::tls_legacy_unsupported);
  EXPECT_FALSE(refused.sign_in.has_value());
  EXPECT_EQ(decide("scanner@contoso.com", "Demo-Passw0rd!", "LOGIN", tls11, 1).reply,
            reply_id::tls_legacy_unsupported);
  EXPECT_EQ(decide("carol@northwind.com", "Demo-Passw0rd!", "LOGIN", tls11, 0).reply,
            reply_id::tls_legacy_unsupported);
  EXPECT_TRUE(decide("carol@northwind.com", "Demo-Passw0rd!", "LOGIN", tls11, 1).authenticated);
  EXPECT_TRUE(decide("carol@northwind.com", "Demo-Passw0rd!", "LOGIN", tls_facts("TLSv1"), 1)
                  .authenticated);
  EXPECT_TRUE(decide("carol@northwind.com", "Demo-Passw0rd!").authenticated);
  EXPECT_TRUE(
      decide("carol@northwind.com", "Demo-Passw0rd!", "LOGIN", tls_facts("TLSv1.3")).authenticated);
}

TEST_F(auth_test, policy_applies_include_then_exclude) {
  conditional_access_policy p;
  mailbox m;
  m.address = "a@contoso.com";
  EXPECT_FALSE(policy_applies(p, m));
  p.include_users = {"A@contoso.com"};
  EXPECT_TRUE(policy_applies(p, m));
  p.exclude_users = {"a@CONTOSO.com"};
  EXPECT_FALSE(policy_applies(p, m));
}

}  // namespace
}  // namespace exomock::policy
