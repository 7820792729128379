// The admin API's one rule set: each edit goes through the loader's reader, so a
// bad value is refused with the message a file saying the same would get, an
// unknown table is not found, a refused edit changes nothing, and the document
// serializes back to TOML that loads to the same model.
#include "scenario/scenario_document.hpp"

#include <gtest/gtest.h>

#include <map>

#include "fake_environment.hpp"
#include "policy/auth_checks.hpp"

namespace exomock::scenario {
namespace {

using policy::edit_table;
using policy::edit_unset;
using policy::scenario_edit;

using testing::fake_env;

scenario_document open_default(const environment& env = fake_env()) {
  std::vector<problem> problems;
  auto d = scenario_document::open(EXOMOCK_DEFAULT_SCENARIO, problems, env);
  EXPECT_TRUE(problems.empty());
  return std::move(*d);
}

scenario_edit tenant_edit(std::string key, policy::edit_value v, std::string tenant = "Contoso") {
  return {edit_table::tenant, std::move(tenant), "", std::move(key), std::move(v), false};
}

scenario_edit mailbox_edit(std::string address, std::string key, policy::edit_value v) {
  return {edit_table::mailbox, "Contoso", std::move(address), std::move(key), std::move(v), false};
}

TEST(scenario_document, tenant_switch_changes_the_model) {
  scenario_document d = open_default();
  EXPECT_TRUE(d.model()->tenants[0].smtp_client_authentication_disabled);
  const edit_outcome o = d.apply({tenant_edit("smtp_client_authentication_disabled", false)});
  ASSERT_EQ(o.status, edit_status::applied);
  EXPECT_FALSE(o.model->tenants[0].smtp_client_authentication_disabled);
  EXPECT_EQ(d.model(), o.model);
}

TEST(scenario_document, mailbox_switch_set_and_unset) {
  scenario_document d = open_default();
  ASSERT_EQ(
      d.apply({mailbox_edit("Printer@Contoso.com", "smtp_client_authentication_disabled", false)})
          .status,
      edit_status::applied);
  EXPECT_EQ(d.model()->find_mailbox("printer@contoso.com")->smtp_client_authentication_disabled,
            std::optional<bool>(false));
  ASSERT_EQ(d.apply({mailbox_edit("printer@contoso.com", "smtp_client_authentication_disabled",
                                  edit_unset{})})
                .status,
            edit_status::applied);
  EXPECT_EQ(d.model()->find_mailbox("printer@contoso.com")->smtp_client_authentication_disabled,
            std::nullopt);
}

TEST(scenario_document, bad_value_gets_the_readers_message_and_changes_nothing) {
  scenario_document d = open_default();
  const auto before = d.model();
  const edit_outcome o = d.apply({tenant_edit("basic_auth", std::string("gone"))});
  ASSERT_EQ(o.status, edit_status::invalid);
  ASSERT_EQ(o.messages.size(), 1U);
  EXPECT_EQ(o.messages[0],
            "'basic_auth' in [[tenant]] must be one of \"available\", \"disabled\", \"retired\"");
  EXPECT_EQ(d.model(), before);
  EXPECT_EQ(d.toml(), open_default().toml());
}

TEST(scenario_document, cross_field_rule_is_the_loaders) {
  scenario_document d = open_default();
  const edit_outcome o = d.apply({mailbox_edit("alice@contoso.com", "app_passwords",
                                               std::vector<std::string>{"qwertyuiopasdfgh"})});
  ASSERT_EQ(o.status, edit_status::invalid);
  EXPECT_EQ(o.messages, std::vector<std::string>{
                            "app passwords of mailbox alice@contoso.com need per_user_mfa = true"});
  // Both together are fine, as in a file.
  EXPECT_EQ(d.apply({mailbox_edit("alice@contoso.com", "per_user_mfa", true),
                     mailbox_edit("alice@contoso.com", "app_passwords",
                                  std::vector<std::string>{"qwertyuiopasdfgh"})})
                .status,
            edit_status::applied);
}

TEST(scenario_document, wrong_type_is_refused) {
  scenario_document d = open_default();
  const edit_outcome o = d.apply({tenant_edit("security_defaults", std::string("yes"))});
  ASSERT_EQ(o.status, edit_status::invalid);
  EXPECT_EQ(o.messages,
            std::vector<std::string>{
                "'security_defaults' in [[tenant]] must be true or false, not a string"});
}

TEST(scenario_document, unknown_targets_are_not_found) {
  scenario_document d = open_default();
  edit_outcome o = d.apply({tenant_edit("security_defaults", true, "Litware")});
  EXPECT_EQ(o.status, edit_status::not_found);
  EXPECT_EQ(o.messages, std::vector<std::string>{"no tenant 'Litware' in the scenario"});
  o = d.apply({mailbox_edit("nobody@contoso.com", "account_enabled", false)});
  EXPECT_EQ(o.status, edit_status::not_found);
  EXPECT_EQ(o.messages,
            std::vector<std::string>{"no mailbox 'nobody@contoso.com' in tenant 'Contoso'"});
  o = d.apply({{edit_table::conditional_access, "Contoso", "Nope", "state", std::string("disabled"),
                false}});
  EXPECT_EQ(o.messages,
            std::vector<std::string>{"no Conditional Access policy 'Nope' in tenant 'Contoso'"});
}

TEST(scenario_document, conditional_access_state) {
  scenario_document d = open_default();
  const scenario_edit off{edit_table::conditional_access, "Contoso",
                          "Block legacy authentication",  "state",
                          std::string("disabled"),        false};
  ASSERT_EQ(d.apply({off}).status, edit_status::applied);
  EXPECT_EQ(d.model()->tenants[0].conditional_access[0].state, policy::policy_state::disabled);
  EXPECT_FALSE(policy::policy_applies(d.model()->tenants[0].conditional_access[0],
                                      *d.model()->find_mailbox("ca-blocked@contoso.com")));
  scenario_edit bad = off;
  bad.value = std::string("off");
  const edit_outcome o = d.apply({bad});
  EXPECT_EQ(o.messages, std::vector<std::string>{
                            "'state' in [[tenant.conditional_access]] must be one of \"enabled\", "
                            "\"disabled\", \"enabledForReportingButNotEnforced\""});
}

// What `GET /api/v1/admin/scenario` gives loads again, to the same decisions.
TEST(scenario_document, toml_round_trip_loads_the_same_model) {
  scenario_document d = open_default();
  ASSERT_EQ(
      d.apply({mailbox_edit("alice@contoso.com", "smtp_client_authentication_disabled", false)})
          .status,
      edit_status::applied);
  std::vector<problem> problems;
  auto again = scenario_document::parse(d.toml(), "again.toml", problems, fake_env());
  ASSERT_TRUE(again) << (problems.empty() ? "" : problems[0].str());
  EXPECT_EQ(again->toml(), d.toml());
  const policy::scenario_model& a = *d.model();
  const policy::scenario_model& b = *again->model();
  ASSERT_EQ(a.tenants.size(), b.tenants.size());
  EXPECT_EQ(b.find_mailbox("alice@contoso.com")->smtp_client_authentication_disabled,
            std::optional<bool>(false));
  EXPECT_EQ(a.listeners.size(), b.listeners.size());
  EXPECT_EQ(a.server.error_delay, b.server.error_delay);
}

TEST(scenario_document, password_env_stays_a_reference) {
  const std::string text =
      "[[tenant]]\nname = \"T\"\ndomains = [\"t.test\"]\n"
      "[[tenant.mailbox]]\naddress = \"a@t.test\"\npassword_env = \"A_PASSWORD\"\n";
  std::vector<problem> problems;
  auto d = scenario_document::parse(text, "t.toml", problems, fake_env({{"A_PASSWORD", "s3cret"}}));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->model()->find_mailbox("a@t.test")->password, "s3cret");
  ASSERT_EQ(
      d->apply({{edit_table::mailbox, "T", "a@t.test", "account_enabled", false, false}}).status,
      edit_status::applied);
  EXPECT_NE(d->toml().find("password_env = 'A_PASSWORD'"), std::string::npos) << d->toml();
  EXPECT_EQ(d->toml().find("s3cret"), std::string::npos);
}

TEST(scenario_document, a_tenant_is_added_whole_and_removed_by_name) {
  using policy::document_table;
  using policy::document_value;
  scenario_document d = open_default();
  const std::size_t tenants = d.model()->tenants.size();
  document_table mailbox{{"address", document_value{std::string("a@t-1.example.test")}},
                         {"password", document_value{std::string("pw")}}};
  document_table lockout{{"threshold", document_value{std::int64_t{3}}}};
  document_table tenant{
      {"name", document_value{std::string("Litware")}},
      {"domains",
       document_value{policy::document_array{document_value{std::string("t-1.example.test")}}}},
      {"security_defaults", document_value{true}},
      {"lockout", document_value{lockout}},
      {"mailbox", document_value{policy::document_array{document_value{mailbox}}}}};
  const edit_outcome added =
      d.apply({{edit_table::tenant, "", "", "tenant", policy::edit_add{tenant}, false}});
  ASSERT_EQ(added.status, edit_status::applied)
      << (added.messages.empty() ? "" : added.messages[0]);
  ASSERT_EQ(d.model()->tenants.size(), tenants + 1);
  const policy::tenant& t = d.model()->tenants.back();
  EXPECT_EQ(t.name, "Litware");
  EXPECT_TRUE(t.security_defaults);
  EXPECT_EQ(t.lockout.threshold, 3);
  EXPECT_EQ(d.model()->find_mailbox("a@t-1.example.test")->password, "pw");
  // The document says it as a file would, so a restart from it has the tenant.
  std::vector<problem> problems;
  const auto again = scenario_document::parse(d.toml(), "again.toml", problems, fake_env());
  ASSERT_TRUE(again) << problems.at(0).str();
  EXPECT_NE(again->model()->find_tenant("litware"), nullptr);

  const edit_outcome removed =
      d.apply({{edit_table::tenant, "LITWARE", "", "tenant", policy::edit_remove{}, false}});
  ASSERT_EQ(removed.status, edit_status::applied);
  EXPECT_EQ(d.model()->tenants.size(), tenants);
  EXPECT_EQ(d.model()->find_mailbox("a@t-1.example.test"), nullptr);
  const edit_outcome gone =
      d.apply({{edit_table::tenant, "Litware", "", "tenant", policy::edit_remove{}, false}});
  EXPECT_EQ(gone.status, edit_status::not_found);
  EXPECT_EQ(gone.messages, std::vector<std::string>{"no tenant 'Litware' in the scenario"});
}

TEST(scenario_document, an_added_tenant_is_read_by_the_loaders_rules) {
  using policy::document_table;
  using policy::document_value;
  scenario_document d = open_default();
  const auto before = d.model();
  document_table tenant{{"name", document_value{std::string("Litware")}}};
  const edit_outcome o =
      d.apply({{edit_table::tenant, "", "", "tenant", policy::edit_add{tenant}, false}});
  EXPECT_EQ(o.status, edit_status::invalid);
  EXPECT_EQ(o.messages, std::vector<std::string>{
                            "[[tenant]] needs 'domains', a non-empty list of accepted domains"});
  EXPECT_EQ(d.model(), before);
}

}  // namespace
}  // namespace exomock::scenario
