// The token endpoint per grant and per refusal: exact bodies and statuses as
// Entra ID v2.0 gives them, the tokens' claims, and the sign-in log's record.
#include <gtest/gtest.h>

#include "token_fixture.hpp"

namespace exomock::http::testing {
namespace {

const std::string cc_form = std::string("grant_type=client_credentials&client_id=") + daemon_id +
                            "&client_secret=Demo-App-Secret&scope=https%3A%2F%2Foutlook."
                            "office365.com%2F.default";

TEST_F(token_test, client_credentials_issue_an_app_only_token_without_scope_or_refresh_token) {
  const response r = token(cc_form);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  const auto o = body(r);
  std::vector<std::string> keys;
  for (const auto& kv : o) {
    keys.emplace_back(kv.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"token_type", "expires_in", "ext_expires_in",
                                            "access_token"}));
  EXPECT_EQ(o.at("token_type"), "Bearer");
  EXPECT_EQ(o.at("expires_in"), 3599);
  EXPECT_EQ(o.at("ext_expires_in"), 3599);
  const auto c = claims(std::string(o.at("access_token").as_string()));
  EXPECT_EQ(c.app_id, daemon_id);
  EXPECT_EQ(c.tenant_id, tenant_id);
  EXPECT_EQ(c.roles, std::vector<std::string>{"SMTP.SendAsApp"});
  EXPECT_EQ(c.audiences, std::vector<std::string>{"https://outlook.office365.com"});
  bool no_store = false;
  for (const auto& h : r.headers) {
    no_store = no_store || (h.name == "Cache-Control" && h.value == "no-store, no-cache");
  }
  EXPECT_TRUE(no_store);
}

TEST_F(token_test, the_secret_may_come_as_http_basic) {
  headers_.push_back({"Authorization",
                      "Basic " + smtp::base64_encode(std::string(daemon_id) + ":Demo-App-Secret")});
  const response r =
      token("grant_type=client_credentials&scope=https%3A%2F%2Foutlook.office365.com%2F.default");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(token_test, a_wrong_secret_is_7000215_in_entras_exact_json) {
  const response r = token(std::string("grant_type=client_credentials&client_id=") + daemon_id +
                           "&client_secret=nope&scope=https%3A%2F%2Foutlook.office365.com%2F."
                           "default");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(
      r.body,
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70'.\r\nTrace ID: 00000000-0000-4000-8000-000000000001\r\nCorrelation ID: 00000000-0000-4000-8000-000000000002\r\nTimestamp: 2026-11-03 08:15:27Z","error_codes":[7000215],"timestamp":"2026-11-03 08:15:27Z","trace_id":"00000000-0000-4000-8000-000000000001","correlation_id":"00000000-0000-4000-8000-000000000002","error_uri":"https://login.microsoftonline.com/error?code=7000215"})");
}

TEST_F(token_test, the_client_request_id_header_becomes_the_correlation_id) {
  headers_.push_back({"client-request-id", "c0ffee00-1234-4abc-9def-001122334455"});
  const auto o = body(token("client_id=x&grant_type=client_credentials", "nowhere.example"));
  EXPECT_EQ(o.at("correlation_id"), "c0ffee00-1234-4abc-9def-001122334455");
}

TEST_F(token_test, msal_nodes_form_field_is_the_correlation_id_when_no_header_says_one) {
  const auto o =
      body(token("client_id=x&grant_type=client_credentials&client-request-id=0d15ea5e-0000-4000-"
                 "8000-00000000abcd",
                 "nowhere.example"));
  EXPECT_EQ(o.at("correlation_id"), "0d15ea5e-0000-4000-8000-00000000abcd");
  headers_.push_back({"client-request-id", "c0ffee00-1234-4abc-9def-001122334455"});
  const auto both =
      body(token("client_id=x&grant_type=client_credentials&client-request-id=0d15ea5e-0000-4000-"
                 "8000-00000000abcd",
                 "nowhere.example"));
  EXPECT_EQ(both.at("correlation_id"), "c0ffee00-1234-4abc-9def-001122334455");  // the header wins
}

TEST_F(token_test, client_and_tenant_refusals) {
  EXPECT_EQ(refusal(token(std::string("grant_type=client_credentials&client_id=") + daemon_id,
                          "fabrikam.example")),
            "400 invalid_tenant 90002");
  EXPECT_EQ(body(token("grant_type=client_credentials&client_id=x", "fabrikam.example"))
                .at("error_description")
                .as_string()
                .subview()
                .substr(0, 60),
            "AADSTS90002: Tenant 'fabrikam.example' not found. Check to m");
  EXPECT_EQ(refusal(token("grant_type=client_credentials&client_id="
                          "11111111-2222-3333-4444-555555555555&client_secret=x")),
            "400 unauthorized_client 700016");
  EXPECT_EQ(refusal(token(std::string("grant_type=client_credentials&client_id=") + daemon_id +
                          "&scope=https%3A%2F%2Foutlook.office365.com%2F.default")),
            "401 invalid_client 7000218");
  EXPECT_EQ(refusal(token(std::string("grant_type=magic&client_id=") + daemon_id)),
            "400 unsupported_grant_type 70003");
}

TEST_F(token_test, a_missing_parameter_is_900144_naming_it) {
  const auto o = body(token(std::string("client_id=") + daemon_id));
  EXPECT_EQ(o.at("error"), "invalid_request");
  EXPECT_TRUE(o.at("error_description")
                  .as_string()
                  .starts_with("AADSTS900144: The request body must contain the following "
                               "parameter: 'grant_type'.\r\nTrace ID: "));
  EXPECT_EQ(refusal(token("grant_type=client_credentials")), "400 invalid_request 900144");
  EXPECT_EQ(refusal(token(std::string("grant_type=client_credentials&client_secret=Demo-App-"
                                      "Secret&client_id=") +
                          daemon_id)),
            "400 invalid_request 900144");
}

TEST_F(token_test, client_credentials_scopes_need_exchange_and_dot_default) {
  const std::string base = std::string("grant_type=client_credentials&client_id=") + daemon_id +
                           "&client_secret=Demo-App-Secret&scope=";
  EXPECT_EQ(refusal(token(base + "https%3A%2F%2Foutlook.office365.com%2FSMTP.SendAsApp")),
            "400 invalid_scope 1002012");
  EXPECT_EQ(refusal(token(base + "https%3A%2F%2Fgraph.microsoft.com%2F.default")),
            "400 invalid_resource 500011");
  EXPECT_EQ(refusal(token(base + "a%2F.default+b%2F.default")), "400 invalid_scope 70011");
}

TEST_F(token_test, common_and_organizations_find_the_apps_tenant_for_client_credentials) {
  EXPECT_EQ(token(cc_form, "common").status, 200);
  EXPECT_EQ(token(cc_form, "organizations").status, 200);
  EXPECT_EQ(token(cc_form, tenant_id).status, 200);
}

TEST_F(token_test, ropc_issues_a_delegated_token_with_scope_refresh_and_id_tokens) {
  const response r = token(
      password_form("scanner@contoso.com", password,
                    "https%3A%2F%2Foutlook.office.com%2FSMTP.Send+offline_access+openid+profile"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto o = body(r);
  EXPECT_EQ(o.at("scope"), "https://outlook.office.com/SMTP.Send");
  EXPECT_TRUE(o.contains("refresh_token"));
  const auto c = claims(std::string(o.at("access_token").as_string()));
  EXPECT_EQ(c.upn, "scanner@contoso.com");
  EXPECT_EQ(c.app_id, public_id);
  EXPECT_EQ(c.scopes, std::vector<std::string>{"SMTP.Send"});
  const auto id = claims(std::string(o.at("id_token").as_string()));
  EXPECT_EQ(id.issuer, std::string("https://login.example.test/") + tenant_id + "/v2.0");
  EXPECT_EQ(id.audiences, std::vector<std::string>{public_id});
  // Without offline_access and openid, neither comes back.
  const auto plain = body(token(password_form("scanner@contoso.com")));
  EXPECT_FALSE(plain.contains("refresh_token"));
  EXPECT_FALSE(plain.contains("id_token"));
}

TEST_F(token_test, ropc_runs_the_identity_checks_of_smtp_auth) {
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com", "wrong"))),
            "400 invalid_grant 50126");
  EXPECT_EQ(refusal(token(password_form("nobody@contoso.com"))), "400 invalid_grant 50034");
  EXPECT_EQ(refusal(token(password_form("mfa@contoso.com"))), "400 invalid_grant 50076");
  EXPECT_EQ(body(token(password_form("mfa@contoso.com"))).at("suberror"), "basic_action");
  // An app password is for legacy protocols only.
  EXPECT_EQ(refusal(token(password_form("mfa@contoso.com", "abcdefghijklmnop"))),
            "400 invalid_grant 50126");
  EXPECT_EQ(refusal(token(password_form("disabled@contoso.com"))), "400 invalid_grant 50057");
  EXPECT_EQ(refusal(token(password_form("expired@contoso.com"))), "400 invalid_grant 50055");
  EXPECT_EQ(refusal(token(password_form("branch@contoso.com"))), "400 interaction_required 53003");
  EXPECT_EQ(token(password_form("branch@contoso.com"), "contoso.com", "10.20.1.5").status, 200);
  // A legacy-authentication block leaves modern authentication alone.
  EXPECT_EQ(token(password_form("legacy-ca@contoso.com")).status, 200);
}

// As the admin API changes it (app/admin_service.cpp replaces the live snapshot):
// the next token request reads the new scenario, as the next SMTP AUTH does.
TEST_F(token_test, a_changed_live_scenario_decides_the_next_token_request) {
  ASSERT_EQ(token(password_form("scanner@contoso.com")).status, 200);
  auto changed = std::make_shared<policy::scenario_model>(model_);
  policy::mailbox& scanner = changed->tenants.front().mailboxes.front();
  ASSERT_EQ(scanner.address, "scanner@contoso.com");
  scanner.account_enabled = false;
  live_.replace(changed);
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com"))), "400 invalid_grant 50057");
  changed = std::make_shared<policy::scenario_model>(model_);
  changed->tenants.front().mailboxes.front().per_user_mfa = true;
  live_.replace(changed);
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com"))), "400 invalid_grant 50076");
  changed = std::make_shared<policy::scenario_model>(model_);
  changed->tenants.front().applications.front().secrets = {"Rotated-Secret"};
  live_.replace(changed);
  EXPECT_EQ(refusal(token(cc_form)), "401 invalid_client 7000215");
  live_.replace(std::make_shared<policy::scenario_model>(model_));
  EXPECT_EQ(token(password_form("scanner@contoso.com")).status, 200);
  EXPECT_EQ(token(cc_form).status, 200);
}

TEST_F(token_test, ropc_wrong_passwords_lock_the_account_in_the_shared_lockout_book) {
  for (const char* wrong : {"one", "two", "three"}) {
    EXPECT_EQ(refusal(token(password_form("scanner@contoso.com", wrong))),
              "400 invalid_grant 50126");
  }
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com"))), "400 invalid_grant 50053");
  EXPECT_TRUE(live_.lockouts.locked("scanner@contoso.com", clock_.now()));
}

TEST_F(token_test, ropc_refusals_of_path_and_scope) {
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com"), "common")),
            "400 invalid_request 9001023");
  EXPECT_EQ(token(password_form("scanner@contoso.com"), "organizations").status, 200);
  EXPECT_EQ(refusal(token(password_form("scanner@contoso.com", password, "User.Read"))),
            "400 invalid_scope 70011");
  EXPECT_TRUE(body(token(password_form("scanner@contoso.com", password, "User.Read")))
                  .at("error_description")
                  .as_string()
                  .starts_with("AADSTS70011: The provided value for the input parameter 'scope' "
                               "is not valid. The scope User.Read is not valid.\r\n"));
  // A confidential client must prove itself on ROPC too.
  EXPECT_EQ(refusal(token(std::string("grant_type=password&client_id=") + daemon_id +
                          "&username=scanner@contoso.com&password=x&scope=openid")),
            "401 invalid_client 7000218");
}

TEST_F(token_test, a_refresh_token_gives_new_tokens_while_the_account_stays_good) {
  const auto first =
      body(token(password_form("scanner@contoso.com", password,
                               "https%3A%2F%2Foutlook.office.com%2FSMTP.Send+offline_access")));
  const std::string refresh(first.at("refresh_token").as_string());
  const std::string form =
      std::string("grant_type=refresh_token&client_id=") + public_id + "&refresh_token=" + refresh;
  const response again = token(form);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(body(again).at("scope"), "https://outlook.office.com/SMTP.Send");
  EXPECT_TRUE(body(again).contains("refresh_token"));
  EXPECT_EQ(refusal(token(std::string("grant_type=refresh_token&client_id=") + public_id +
                          "&refresh_token=1.forged.token")),
            "400 invalid_grant 9002313");
  EXPECT_EQ(refusal(token(std::string("grant_type=refresh_token&client_id=") + daemon_id +
                          "&client_secret=Demo-App-Secret&refresh_token=" + refresh)),
            "400 invalid_grant 70000");
}

TEST_F(token_test, device_codes_are_approved_by_the_apps_device_code_user) {
  const response issued = post("/contoso.com/oauth2/v2.0/devicecode",
                               std::string("client_id=") + public_id +
                                   "&scope=https%3A%2F%2Foutlook.office.com%2FSMTP.Send");
  ASSERT_EQ(issued.status, 200) << issued.body;
  const auto o = body(issued);
  EXPECT_EQ(o.at("verification_uri"), "https://microsoft.com/devicelogin");
  EXPECT_EQ(o.at("expires_in"), 900);
  EXPECT_EQ(o.at("interval"), 5);
  const std::string code(o.at("device_code").as_string());
  const std::string poll = std::string(
                               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3A"
                               "device_code&client_id=") +
                           public_id + "&device_code=" + code;
  const response r = token(poll);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(claims(std::string(body(r).at("access_token").as_string())).upn, "scanner@contoso.com");
  EXPECT_EQ(refusal(token(poll)), "400 bad_verification_code 70018");  // redeemed once
}

TEST_F(token_test, a_pending_device_code_polls_then_expires) {
  live_.device_codes.add({"dc-1",
                          "ABCDEFGHJ",
                          public_id,
                          tenant_id,
                          {"https://outlook.office.com/SMTP.Send"},
                          clock_.now() + std::chrono::minutes(15),
                          ""});
  const std::string poll = std::string(
                               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3A"
                               "device_code&client_id=") +
                           public_id + "&device_code=dc-1";
  EXPECT_EQ(refusal(token(poll)), "400 authorization_pending 70016");
  const response listed = call("GET", "/api/v1/admin/device-codes");
  EXPECT_EQ(listed.body, std::string(R"({"value":[{"user_code":"ABCDEFGHJ","client_id":")") +
                             public_id + R"(","tenant_id":")" + tenant_id +
                             R"(","scopes":["https://outlook.office.com/SMTP.Send"],)"
                             R"("expires":"2026-11-03T08:30:27.000Z"}]})"
                             "\n");
  EXPECT_EQ(listed.body.find("dc-1"), std::string::npos);  // the device's secret stays its own
  const auto approve = [&](const std::string& body) {
    const response r = call("POST", "/api/v1/admin/device-codes/approve", body);
    return std::to_string(r.status) + " " + r.body;
  };
  EXPECT_EQ(approve(R"({"user_code": "ABCDEFGHJ"})"),
            "400 the body needs \"user_code\" and \"user\" strings");
  EXPECT_EQ(approve(R"({"user_code": "ZZZZZZZZZ", "user": "mfa@contoso.com"})"),
            "404 no device code 'ZZZZZZZZZ' is waiting for a user");
  EXPECT_EQ(approve(R"({"user_code": "ABCDEFGHJ", "user": "ghost@contoso.com"})"),
            "404 no user 'ghost@contoso.com' in the scenario");
  EXPECT_EQ(approve(R"({"user_code": "abcdefghj", "user": "MFA@contoso.com"})").substr(0, 4),
            "200 ");  // typed as a person types it
  EXPECT_EQ(approve(R"({"user_code": "ABCDEFGHJ", "user": "mfa@contoso.com"})"),
            "404 no device code 'ABCDEFGHJ' is waiting for a user");  // approved once
  // The browser sign-in did the MFA a password grant cannot.
  EXPECT_EQ(token(poll).status, 200);
  live_.device_codes.add({"dc-2",
                          "KLMNPQRST",
                          public_id,
                          tenant_id,
                          {"openid"},
                          clock_.now() + std::chrono::minutes(15),
                          ""});
  clock_.advance(std::chrono::minutes(16));
  EXPECT_EQ(refusal(token(std::string("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3A"
                                      "device_code&client_id=") +
                          public_id + "&device_code=dc-2")),
            "400 expired_token 70019");
}

TEST_F(token_test, each_decided_request_lands_in_the_sign_in_log) {
  (void)token(password_form("scanner@contoso.com", "wrong"));
  (void)token(cc_form);
  store_->flush();
  std::string error;
  const auto page = audit_->sign_ins({}, 10, std::nullopt, error);
  ASSERT_TRUE(page.has_value()) << error;
  const auto& rows = page->rows;
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].record.user_principal_name, "scanner@contoso.com");
  EXPECT_EQ(rows[1].record.error_code, 50126);
  EXPECT_EQ(rows[1].record.mechanism, "ROPC");
  EXPECT_EQ(rows[1].record.app_id, public_id);
  EXPECT_EQ(rows[1].record.session_id, "00000000-0000-4000-8000-000000000002");
  EXPECT_EQ(rows[0].record.user_principal_name, "");
  EXPECT_EQ(rows[0].record.mechanism, "CLIENT_CREDENTIALS");
  const response graph = call("GET", "/v1.0/auditLogs/signIns");
  const auto value = body(graph).at("value").as_array();
  ASSERT_EQ(value.size(), 2U);
  EXPECT_EQ(value[1].at("clientAppUsed"), "Mobile Apps and Desktop clients");
  EXPECT_EQ(value[1].at("appDisplayName"), "Contoso Mail Client");
  EXPECT_EQ(value[1].at("resourceDisplayName"), "Office 365 Exchange Online");
  EXPECT_EQ(value[1].at("status").at("errorCode"), 50126);
  EXPECT_EQ(value[1].at("correlationId"), "00000000-0000-4000-8000-000000000002");
  EXPECT_EQ(value[0].at("clientAppUsed"), nullptr);
  EXPECT_EQ(value[0].at("appDisplayName"), "Contoso Scan App");
  EXPECT_EQ(value[0].at("isInteractive"), false);
}

TEST_F(token_test, discovery_points_at_this_server) {
  const response r = post("/contoso.com/v2.0/.well-known/openid-configuration", "");
  EXPECT_EQ(r.status, 405);  // GET only
  request get;
  get.method = "GET";
  ASSERT_TRUE(parse_target("/contoso.com/v2.0/.well-known/openid-configuration", get));
  get.headers = {{"Host", "login.example.test"}};
  get.secure = true;
  const response d = settle(answer(routes_, {}, get, *context_));
  ASSERT_EQ(d.status, 200) << d.body;
  const auto o = body(d);
  EXPECT_EQ(o.at("issuer").as_string(),
            std::string("https://login.example.test/") + tenant_id + "/v2.0");
  EXPECT_EQ(o.at("token_endpoint"), "https://login.example.test/contoso.com/oauth2/v2.0/token");
  EXPECT_EQ(o.at("jwks_uri"), "https://login.example.test/contoso.com/discovery/v2.0/keys");
  EXPECT_EQ(o.at("device_authorization_endpoint"),
            "https://login.example.test/contoso.com/oauth2/v2.0/devicecode");
  EXPECT_EQ(o.at("tenant_region_scope"), "WW");
  ASSERT_TRUE(parse_target("/common/v2.0/.well-known/openid-configuration", get));
  const auto common = body(settle(answer(routes_, {}, get, *context_)));
  EXPECT_EQ(common.at("issuer"), "https://login.example.test/{tenantid}/v2.0");
  EXPECT_EQ(common.at("tenant_region_scope"), nullptr);
  ASSERT_TRUE(parse_target("/nowhere.example/v2.0/.well-known/openid-configuration", get));
  EXPECT_EQ(refusal(settle(answer(routes_, {}, get, *context_))), "400 invalid_tenant 90002");
}

TEST_F(token_test, the_jwks_publishes_the_signing_key_with_its_certificate) {
  request get;
  get.method = "GET";
  ASSERT_TRUE(parse_target("/contoso.com/discovery/v2.0/keys", get));
  get.headers = {{"Host", "login.example.test"}};
  const auto o = body(settle(answer(routes_, {}, get, *context_)));
  const auto& key = o.at("keys").as_array().at(0).as_object();
  EXPECT_EQ(key.at("kty"), "RSA");
  EXPECT_EQ(key.at("use"), "sig");
  EXPECT_EQ(key.at("kid").as_string(), endpoint_.key->key_id());
  EXPECT_EQ(key.at("x5t").as_string(), endpoint_.key->key_id());
  EXPECT_EQ(key.at("e"), "AQAB");
  EXPECT_EQ(smtp::base64url_decode(key.at("n").as_string()).value_or(""), endpoint_.key->modulus());
  EXPECT_EQ(smtp::base64_decode(key.at("x5c").as_array().at(0).as_string()).value_or(""),
            endpoint_.key->certificate_der());
  EXPECT_EQ(key.at("issuer").as_string(),
            std::string("http://login.example.test/") + tenant_id + "/v2.0");
}

TEST_F(token_test, the_api_login_does_not_guard_the_token_endpoint) {
  access_settings guarded;
  guarded.bearer_token = "api-secret";
  request r;
  r.method = "POST";
  ASSERT_TRUE(parse_target("/contoso.com/oauth2/v2.0/token", r));
  r.body = cc_form;
  EXPECT_EQ(settle(answer(routes_, guarded, r, *context_)).status, 200);
  request api;
  api.method = "GET";
  ASSERT_TRUE(parse_target("/api/v1/messages", api));
  EXPECT_EQ(settle(answer(routes_, guarded, api, *context_)).status, 401);
}

}  // namespace
}  // namespace exomock::http::testing
