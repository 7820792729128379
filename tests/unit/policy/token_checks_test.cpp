// XOAUTH2 token claims, one check at a time with a manual clock: audience,
// tenant, exp/nbf, delegated scope and upn, app-only role and FullAccess; and
// the pipeline around them (switches apply, Basic-only blocks do not).
#include "policy/token_checks.hpp"

#include <gtest/gtest.h>

#include "policy/sign_in_attempt.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

using namespace std::chrono_literals;
using testing::fixed_moment;

constexpr const char* contoso_id = "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12";
constexpr const char* scan_app = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70";

class token_test : public ::testing::Test {
 protected:
  void SetUp() override {
    tenant& contoso = model_.tenants[0];
    contoso.id = contoso_id;
    application app;
    app.display_name = "Contoso Scan App";
    app.client_id = scan_app;
    app.roles = {"SMTP.SendAsApp"};
    app.full_access = {"scanner@contoso.com"};
    contoso.applications = {app};
    model_.tenants[1].id = "7a4e9c1b-2d3f-4a5b-8c6d-9e0f1a2b3c4d";
  }

  token_claims delegated(const std::string& upn) const {
    token_claims c;
    c.audiences = {"https://outlook.office.com"};
    c.tenant_id = contoso_id;
    c.upn = upn;
    c.scopes = {"SMTP.Send"};
    c.expires = fixed_moment() + 1h;
    c.not_before = fixed_moment() - 1s;
    return c;
  }
  token_claims app_only() const {
    token_claims c = delegated("");
    c.audiences = {"https://outlook.office365.com"};
    c.scopes.clear();
    c.roles = {"SMTP.SendAsApp"};
    c.app_id = scan_app;
    return c;
  }
  token_problem check(const token_claims& c, const std::string& user) const {
    return check_token_claims(c, model_.tenant_for(user), model_.find_mailbox(user), fixed_moment())
        .problem;
  }

  scenario_model model_ = testing::make_model();
};

TEST_F(token_test, a_good_delegated_token_passes) {
  EXPECT_EQ(check(delegated("scanner@contoso.com"), "scanner@contoso.com"), token_problem::none);
  EXPECT_EQ(check(delegated("Scanner@Contoso.com"), "scanner@CONTOSO.com"), token_problem::none);
}

TEST_F(token_test, every_accepted_audience) {
  for (const char* aud : {"https://outlook.office.com", "https://outlook.office365.com",
                          "https://outlook.office.com/", "00000002-0000-0ff1-ce00-000000000000"}) {
    token_claims c = delegated("scanner@contoso.com");
    c.audiences = {aud};
    EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::none) << aud;
  }
  token_claims c = delegated("scanner@contoso.com");
  c.audiences = {"https://graph.microsoft.com"};
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::wrong_audience);
  c.audiences.clear();
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::wrong_audience);
}

TEST_F(token_test, tenant_must_be_the_users) {
  token_claims c = delegated("scanner@contoso.com");
  c.tenant_id = "7a4e9c1b-2d3f-4a5b-8c6d-9e0f1a2b3c4d";
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::wrong_tenant);
  c.tenant_id.clear();
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::wrong_tenant);
}

TEST_F(token_test, expiry_and_not_before_use_the_clock_without_skew) {
  token_claims c = delegated("scanner@contoso.com");
  c.expires = fixed_moment();
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::expired);
  c.expires = fixed_moment() + 1ms;
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::none);
  c.expires.reset();
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::expired);
  c = delegated("scanner@contoso.com");
  c.not_before = fixed_moment() + 1s;
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::not_yet_valid);
}

TEST_F(token_test, delegated_needs_smtp_send_and_the_same_user) {
  token_claims c = delegated("scanner@contoso.com");
  c.scopes = {"Mail.Read", "offline_access"};
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::missing_permission);
  c.scopes = {"https://outlook.office.com/SMTP.Send"};
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::none);
  EXPECT_EQ(check(delegated("alice@contoso.com"), "scanner@contoso.com"),
            token_problem::wrong_user);
  EXPECT_EQ(check(delegated("nobody@contoso.com"), "nobody@contoso.com"),
            token_problem::unknown_user);
}

TEST_F(token_test, app_only_needs_the_role_and_full_access) {
  EXPECT_EQ(check(app_only(), "scanner@contoso.com"), token_problem::none);
  EXPECT_EQ(check(app_only(), "alice@contoso.com"), token_problem::no_full_access);
  token_claims c = app_only();
  c.app_id = "11111111-2222-3333-4444-555555555555";
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::unknown_application);
  c = app_only();
  c.roles = {"Mail.Send"};
  EXPECT_EQ(check(c, "scanner@contoso.com"), token_problem::missing_permission);
  // The tenant revoked the role: the token's claim alone is not enough.
  model_.tenants[0].applications[0].roles.clear();
  EXPECT_EQ(check(app_only(), "scanner@contoso.com"), token_problem::unknown_application);
}

TEST_F(token_test, every_problem_has_a_sign_in_error) {
  EXPECT_EQ(sign_in_error(token_problem::none), 0);
  EXPECT_EQ(sign_in_error(token_problem::unknown_user), 50034);
  EXPECT_EQ(sign_in_error(token_problem::expired), 500133);
  EXPECT_EQ(sign_in_error(token_problem::wrong_audience), 500011);
  EXPECT_EQ(sign_in_error(token_problem::no_full_access), 65001);
  EXPECT_EQ(sign_in_error(token_problem::invalid), 50013);
  EXPECT_NE(failure_reason(50053), failure_reason(50126));
}

// A verifier that accepts "jwt:<user>" and gives fixed claims: the pipeline only.
class fake_verifier final : public token_verifier {
 public:
  explicit fake_verifier(token_claims c) : claims_(std::move(c)) {}
  std::optional<token_claims> verify(std::string_view token) const override {
    if (token.substr(0, 4) != "jwt:") return std::nullopt;
    return claims_;
  }

 private:
  token_claims claims_;
};

class jwt_pipeline : public token_test {
 protected:
  auth_decision attempt(const std::string& user, const token_claims& claims,
                        const std::string& token = "jwt:x") {
    const fake_verifier verifier(claims);
    const smtp::credentials c{"XOAUTH2", user, token, ""};
    const smtp::session_facts facts = testing::tls_facts();  // auth_request refers to it
    auto request = make_auth_request(model_, model_.listeners.at(0), c, facts, fixed_moment());
    return attempt_sign_in(request, shared_, &verifier);
  }
  live_scenario shared_;
};

TEST_F(jwt_pipeline, accepted_tokens_still_meet_the_smtp_auth_switches) {
  EXPECT_TRUE(attempt("scanner@contoso.com", delegated("scanner@contoso.com")).authenticated);
  const auth_decision alice = attempt("alice@contoso.com", delegated("alice@contoso.com"));
  EXPECT_EQ(alice.reply, reply_id::auth_disabled_for_tenant);
  EXPECT_EQ(alice.sign_in->error_code, 0);
  EXPECT_EQ(attempt("printer@contoso.com", delegated("printer@contoso.com")).reply,
            reply_id::auth_disabled_for_mailbox);
}

TEST_F(jwt_pipeline, basic_only_blocks_do_not_apply) {
  model_.tenants[0].security_defaults = true;
  model_.tenants[0].basic_auth = basic_auth_state::retired;
  EXPECT_TRUE(attempt("legacy@contoso.com", delegated("legacy@contoso.com")).authenticated);
  EXPECT_TRUE(attempt("ca-blocked@contoso.com", delegated("ca-blocked@contoso.com")).authenticated);
}

TEST_F(jwt_pipeline, failures_are_535_5_7_3_with_an_event) {
  token_claims expired = delegated("scanner@contoso.com");
  expired.expires = fixed_moment() - 1s;
  const auth_decision d = attempt("scanner@contoso.com", expired);
  EXPECT_EQ(d.reply, reply_id::auth_unsuccessful);
  ASSERT_TRUE(d.sign_in.has_value());
  EXPECT_EQ(d.sign_in->error_code, 500133);
  EXPECT_EQ(d.sign_in->mechanism, "XOAUTH2");
  EXPECT_EQ(d.sign_in->conditional_access, conditional_access_status::not_applied);
  const auth_decision bad = attempt("scanner@contoso.com", expired, "not-a-jwt");
  EXPECT_EQ(bad.reply, reply_id::auth_unsuccessful);
  EXPECT_EQ(bad.sign_in->error_code, 50013);
}

TEST_F(jwt_pipeline, app_only_event_names_the_application) {
  const auth_decision d = attempt("scanner@contoso.com", app_only());
  EXPECT_TRUE(d.authenticated);
  EXPECT_EQ(d.sign_in->app_id, scan_app);
  EXPECT_EQ(d.sign_in->user_principal_name, "scanner@contoso.com");
}

}  // namespace
}  // namespace exomock::policy
