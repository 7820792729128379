// The admin routes against a scenario_admin that the test drives: what a PATCH
// answers when the live scenario moves under it (a reload between the route's
// look-up and its answer), and how PATCH bodies become edits.
#include <gtest/gtest.h>

#include <functional>

#include "http/scenario_admin.hpp"
#include "route_fixture.hpp"

namespace exomock::http::testing {
namespace {

policy::scenario_model contoso() {
  policy::scenario_model m;
  policy::tenant t;
  t.name = "Contoso";
  t.domains = {"contoso.com"};
  policy::mailbox printer;
  printer.address = "printer@contoso.com";
  printer.display_name = "Printer";
  t.mailboxes.push_back(printer);
  policy::conditional_access_policy ca;
  ca.name = "Block legacy";
  t.conditional_access.push_back(ca);
  m.tenants.push_back(t);
  return m;
}

/// Records each change and answers it as `on_change` says.
class driven_admin final : public scenario_admin {
 public:
  admin_outcome change(const admin_change& c) override {
    changes.push_back(c);
    return on_change(c);
  }
  void record(const admin_change& c) override { changes.push_back(c); }
  [[nodiscard]] std::string document() const override { return {}; }
  admin_outcome reload() override { return {}; }
  void set_clock(std::chrono::system_clock::time_point) override {}

  std::function<admin_outcome(const admin_change&)> on_change;
  std::vector<admin_change> changes;
};

class admin_routes_test : public route_test {
 protected:
  admin_routes_test() { model_ = contoso(); }
  void SetUp() override {
    route_test::SetUp();
    context_->admin = &admin_;
  }

  /// A reload that empties the live scenario, then `after` as the change's model.
  void reload_then_answer(const policy::scenario_model& after) {
    admin_.on_change = [this, after](const admin_change&) {
      live_.replace(std::make_shared<policy::scenario_model>());
      return admin_outcome{
          admin_status::applied, {}, std::make_shared<policy::scenario_model>(after)};
    };
  }

  /// Each change applied, its model `after` (the live scenario stays).
  void answer(const policy::scenario_model& after) {
    admin_.on_change = [after](const admin_change&) {
      return admin_outcome{
          admin_status::applied, {}, std::make_shared<policy::scenario_model>(after)};
    };
  }

  driven_admin admin_;
};

TEST_F(admin_routes_test, a_patch_shows_the_model_its_change_made_not_the_live_one) {
  policy::scenario_model after = contoso();
  after.tenants[0].mailboxes[0].smtp_client_authentication_disabled = false;
  reload_then_answer(after);
  const auto got = call("PATCH", "/api/v1/admin/cas-mailbox/printer@contoso.com",
                        R"({"SmtpClientAuthenticationDisabled": false})");
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.body,
            R"({"Identity":"printer@contoso.com","PrimarySmtpAddress":"printer@contoso.com",)"
            R"("SmtpClientAuthenticationDisabled":false})"
            "\n");
}

TEST_F(admin_routes_test, every_resource_a_change_model_lacks_is_a_404_not_a_crash) {
  reload_then_answer(policy::scenario_model{});
  const std::vector<std::pair<std::string, std::string>> patches = {
      {"/api/v1/admin/cas-mailbox/printer@contoso.com",
       R"({"SmtpClientAuthenticationDisabled": true})"},
      {"/api/v1/admin/users/printer@contoso.com", R"({"accountEnabled": false})"},
      {"/api/v1/admin/transport-config/contoso.com", R"({"AllowLegacyTLSClients": true})"},
      {"/api/v1/admin/conditional-access/Contoso/Block%20legacy", R"({"state": "disabled"})"},
  };
  for (const auto& [path, body] : patches) {
    live_.replace(std::make_shared<policy::scenario_model>(contoso()));  // the last call's reload
    const auto got = call("PATCH", path, body);
    EXPECT_EQ(got.status, 404) << path;
    EXPECT_NE(got.body.find("is no longer in the scenario"), std::string::npos) << got.body;
  }
  EXPECT_EQ(admin_.changes.size(), patches.size());
}

TEST_F(admin_routes_test, user_fields_are_named_without_regard_to_case_as_every_patch_is) {
  answer(contoso());
  const auto got =
      call("PATCH", "/api/v1/admin/users/printer@contoso.com",
           R"({"accountenabled": false, "PERUSERMFASTATE": "enforced",)"
           R"( "passwordprofile": {"Password": "n3w", "forcechangepasswordnextsignin": true}})");
  EXPECT_EQ(got.status, 200) << got.body;
  ASSERT_EQ(admin_.changes.size(), 1U);
  std::vector<std::string> keys;
  for (const policy::scenario_edit& e : admin_.changes[0].edits) {
    keys.push_back(e.key + (e.secret ? " (secret)" : ""));
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"account_enabled", "per_user_mfa", "password_env",
                                            "password (secret)", "password_expired"}));
}

TEST_F(admin_routes_test, null_is_taken_only_where_the_cmdlet_takes_null) {
  answer(contoso());
  EXPECT_EQ(call("PATCH", "/api/v1/admin/cas-mailbox/printer@contoso.com",
                 R"({"SmtpClientAuthenticationDisabled": null})")
                .status,
            200);
  ASSERT_EQ(admin_.changes.size(), 1U);
  EXPECT_TRUE(std::holds_alternative<policy::edit_unset>(admin_.changes[0].edits.at(0).value));
  const auto state = call("PATCH", "/api/v1/admin/conditional-access/Contoso/Block%20legacy",
                          R"({"state": null})");
  EXPECT_EQ(state.status, 400);
  EXPECT_EQ(state.body, "state must be a string, not null");
  const auto user =
      call("PATCH", "/api/v1/admin/users/printer@contoso.com", R"({"accountEnabled": null})");
  EXPECT_EQ(user.body, "accountEnabled must be true or false, not null");
  EXPECT_EQ(admin_.changes.size(), 1U);
}

}  // namespace
}  // namespace exomock::http::testing
