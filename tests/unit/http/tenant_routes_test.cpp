// POST/GET/DELETE /api/v1/tenants over a real scenario document (its reader
// validates every created tenant, as the server's admin port does) and a real
// store: what a created tenant looks like, the errors, and that removing one
// takes its mail and sign-ins and nobody else's.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "http/mailbox_search.hpp"
#include "http/scenario_admin.hpp"
#include "route_fixture.hpp"
#include "scenario/scenario_document.hpp"

namespace exomock::http::testing {
namespace {

constexpr std::string_view base_scenario =
    "[[tenant]]\nname = \"Contoso\"\ndomains = [\"contoso.com\"]\n"
    "[[tenant.mailbox]]\naddress = \"scanner@contoso.com\"\npassword = \"scan-pw\"\n";

/// The admin port over a scenario document, as app::admin_service is, without
/// the log and the audit table: applied changes go live, and are remembered.
class document_admin final : public scenario_admin {
 public:
  document_admin(scenario::scenario_document d, policy::live_scenario& live)
      : document_(std::move(d)), live_(live) {}
  admin_outcome change(const admin_change& c) override {
    changes.push_back(c);
    scenario::edit_outcome o = document_.apply(c.edits);
    if (o.status != scenario::edit_status::applied) {
      return {o.status == scenario::edit_status::not_found ? admin_status::not_found
                                                           : admin_status::invalid,
              std::move(o.messages)};
    }
    live_.replace(o.model);
    return {admin_status::applied, {}, o.model};
  }
  void record(const admin_change& c) override { changes.push_back(c); }
  [[nodiscard]] std::string document() const override { return document_.toml(); }
  admin_outcome reload() override { return {}; }
  void set_clock(std::chrono::system_clock::time_point) override {}

  std::vector<admin_change> changes;

 private:
  scenario::scenario_document document_;
  policy::live_scenario& live_;
};

class tenant_routes_test : public route_test {
 protected:
  void SetUp() override {
    route_test::SetUp();
    std::vector<scenario::problem> problems;
    auto d = scenario::scenario_document::parse(base_scenario, "t.toml", problems);
    ASSERT_TRUE(d) << (problems.empty() ? "" : problems[0].str());
    live_.replace(d->model());
    admin_ = std::make_unique<document_admin>(std::move(*d), live_);
    context_->admin = admin_.get();
    context_->new_id = [this] {
      static constexpr std::array ids = {"8f3a6c2e-1b4d-4e5f-9a7b-0c1d2e3f4a5b",
                                         "0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9",
                                         "11111111-2222-4333-8444-555555555555"};
      return std::string(ids.at(next_id_++ % ids.size()));
    };
  }

  response post(const std::string& body) { return call("POST", "/api/v1/tenants", body); }

  std::unique_ptr<document_admin> admin_;
  std::size_t next_id_ = 0;
};

TEST_F(tenant_routes_test, a_bare_tenant_gets_a_generated_domain_id_and_passwords) {
  const response r =
      post(R"({"mailboxes": [{"address": "printer"}, {"address": "app@T-8F3A.example.test"}]})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(
      r.body,
      R"({"id":"0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9","domain":"t-8f3a.example.test",)"
      R"("mailboxes":[{"address":"printer@t-8f3a.example.test",)"
      R"("password":"11111111222243338444555555555555"},)"
      R"({"address":"app@T-8F3A.example.test","password":"8f3a6c2e1b4d4e5f9a7b0c1d2e3f4a5b"}]})"
      "\n");
  std::vector<std::string> headers;
  for (const header_field& h : r.headers) {
    headers.push_back(h.name + ": " + h.value);
  }
  EXPECT_NE(std::find(headers.begin(), headers.end(),
                      "Location: /api/v1/tenants/0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9"),
            headers.end());
  const auto model = live_.snapshot();
  const policy::tenant* t = model->find_tenant("0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "t-8f3a.example.test");
  EXPECT_EQ(t->domains, std::vector<std::string>{"t-8f3a.example.test"});
  ASSERT_NE(model->find_mailbox("printer@t-8f3a.example.test"), nullptr);
  EXPECT_EQ(model->find_mailbox("printer@t-8f3a.example.test")->password,
            "11111111222243338444555555555555");
  EXPECT_TRUE(t->smtp_client_authentication_disabled);  // the reader's default, as in a file
}

TEST_F(tenant_routes_test, given_keys_are_the_scenarios_and_the_audit_masks_passwords) {
  const response r = post(
      R"({"domain": "fabrikam.test", "name": "Fabrikam", "smtp_client_authentication_disabled":)"
      R"( false, "lockout": {"threshold": 3}, "mailboxes": [{"address": "printer",)"
      R"( "password": "Print-3r!", "per_user_mfa": true}]})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(boost::json::parse(r.body).at("mailboxes"),
            boost::json::parse(R"([{"address":"printer@fabrikam.test","password":"Print-3r!"}])"));
  const auto model = live_.snapshot();
  const policy::tenant* t = model->find_tenant("fabrikam.test");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "Fabrikam");
  EXPECT_FALSE(t->smtp_client_authentication_disabled);
  EXPECT_EQ(t->lockout.threshold, 3);
  EXPECT_TRUE(model->find_mailbox("printer@fabrikam.test")->per_user_mfa);
  ASSERT_EQ(admin_->changes.size(), 1U);
  EXPECT_EQ(admin_->changes[0].operation, "Create tenant");
  EXPECT_EQ(admin_->changes[0].target, "Fabrikam");
  const std::string shown = policy::shown_value(admin_->changes[0].edits.at(0));
  EXPECT_EQ(shown.find("Print-3r!"), std::string::npos) << shown;
  EXPECT_NE(shown.find(R"(password = "********")"), std::string::npos) << shown;
}

TEST_F(tenant_routes_test, bad_bodies_get_400_with_where_and_why_and_change_nothing) {
  const auto before = live_.snapshot();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[1]", "the body must be a JSON object, not an array"},
      {R"({"security_defaults": null})",
       "body.security_defaults: null has no place in a scenario (leave the key out)"},
      {R"({"security_defaults": "yes"})",
       "'security_defaults' in [[tenant]] must be true or false, not a string"},
      {R"({"mailboxes": [{"password": "x"}]})", R"(mailboxes[0]: needs an "address" string)"},
      {R"({"mailboxes": {"address": "a"}})", "mailboxes: expected a list of objects"},
      {R"({"domain": 7})", "domain: expected a string"},
      {R"({"domains": "a.test"})", "domains: expected a list of domains"},
      {R"({"name": 5})", "name: expected a string"},
      {R"({"id": true})", "id: expected a string"},
  };
  for (const auto& [body, message] : cases) {
    const response r = post(body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.body, message) << body;
  }
  EXPECT_EQ(live_.snapshot(), before);
}

TEST_F(tenant_routes_test, a_domain_another_tenant_accepts_is_the_readers_error) {
  const response r = post(R"({"domain": "contoso.com"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("contoso.com"), std::string::npos) << r.body;
  EXPECT_EQ(live_.snapshot()->tenants.size(), 1U);
}

TEST_F(tenant_routes_test, list_and_show) {
  ASSERT_EQ(post(R"({"domain": "fabrikam.test", "mailboxes": [{"address": "a"}]})").status, 201);
  EXPECT_EQ(call("GET", "/api/v1/tenants").body,
            R"({"tenants":[{"id":"","name":"Contoso","domains":["contoso.com"],)"
            R"("mailboxes":["scanner@contoso.com"]},)"
            R"({"id":"8f3a6c2e-1b4d-4e5f-9a7b-0c1d2e3f4a5b","name":"fabrikam.test",)"
            R"("domains":["fabrikam.test"],"mailboxes":["a@fabrikam.test"]}]})"
            "\n");
  EXPECT_EQ(call("GET", "/api/v1/tenants/fabrikam.test").body,
            call("GET", "/api/v1/tenants/8f3a6c2e-1b4d-4e5f-9a7b-0c1d2e3f4a5b").body);
  const response missing = call("GET", "/api/v1/tenants/nowhere.test");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "no tenant 'nowhere.test' in the scenario");
}

TEST_F(tenant_routes_test, removing_a_tenant_takes_its_mail_and_sign_ins_only) {
  const response created =
      post(R"({"domain": "fabrikam.test", "mailboxes": [{"address": "printer"}]})");
  ASSERT_EQ(created.status, 201);
  const std::string id(boost::json::parse(created.body).at("id").as_string());

  store::captured_message ours = store::testing::small_message(1);
  ours.login = "printer@fabrikam.test";
  ours.mail_from = "printer@fabrikam.test";
  ours.rcpt_to = {"someone@example.org"};
  const std::int64_t our_id = capture(ours);
  const std::int64_t their_id = capture(store::testing::small_message(2));  // Contoso's
  for (const char* upn :
       {"printer@fabrikam.test", "PRINTER@Fabrikam.test", "scanner@contoso.com"}) {
    store::sign_in_record s;
    s.id = store::new_guid();
    s.user_principal_name = upn;
    s.mechanism = "LOGIN";
    store_->record(s);
  }
  store_->flush();

  const auto found = [&](const std::string& q) {
    return mailbox_->matching_ids(mailbox_query_for(*context_, q));
  };
  EXPECT_EQ(found("tenant:" + id), std::vector<std::int64_t>{our_id});
  EXPECT_EQ(found("tenant:contoso.com"), std::vector<std::int64_t>{their_id});

  const response r = call("DELETE", "/api/v1/tenants/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"id":")" + id +
                        R"(","messages_deleted":1,"sign_ins_deleted":2})"
                        "\n");
  EXPECT_EQ(events_.lines(),
            std::vector<std::string>{"delete {\"ID\":\"" + std::to_string(our_id) + "\"}"});
  EXPECT_EQ(live_.snapshot()->find_tenant(id), nullptr);
  EXPECT_EQ(found(""), std::vector<std::int64_t>{their_id});
  std::string error;
  const auto left = audit_->count_sign_ins({}, error);
  EXPECT_EQ(left, std::optional<std::int64_t>(1)) << error;
  EXPECT_EQ(call("DELETE", "/api/v1/tenants/" + id).status, 404);
}

}  // namespace
}  // namespace exomock::http::testing
