// For the token endpoint's tests: the route fixture with a scenario holding a
// confidential app (a secret) and a public client in one tenant, users in the
// states the identity checks know, a signing key in the test directory and
// trace ids numbered from 1, so replies compare as exact JSON.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "identity/jwt_verifier.hpp"
#include "identity/signing_key.hpp"
#include "route_fixture.hpp"
#include "smtp/base64.hpp"

namespace exomock::http::testing {

constexpr const char* tenant_id = "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12";
constexpr const char* daemon_id = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70";
constexpr const char* public_id = "4a7c2e91-3b5d-4f60-8e1a-9c2b7d3f5e14";
constexpr const char* password = "Demo-Passw0rd!";

inline policy::mailbox user(std::string address) {
  policy::mailbox m;
  m.address = std::move(address);
  m.display_name = m.address.substr(0, m.address.find('@'));
  m.password = password;
  return m;
}

inline policy::scenario_model token_model() {
  policy::tenant t;
  t.name = "Contoso";
  t.id = tenant_id;
  t.domains = {"contoso.com"};
  policy::application daemon;
  daemon.display_name = "Contoso Scan App";
  daemon.client_id = daemon_id;
  daemon.secrets = {"Demo-App-Secret"};
  daemon.roles = {"SMTP.SendAsApp"};
  policy::application client;
  client.display_name = "Contoso Mail Client";
  client.client_id = public_id;
  client.public_client = true;
  client.device_code_user = "scanner@contoso.com";
  t.applications = {daemon, client};
  policy::mailbox mfa = user("mfa@contoso.com");
  mfa.per_user_mfa = true;
  mfa.app_passwords = {"abcdefghijklmnop"};
  policy::mailbox disabled = user("disabled@contoso.com");
  disabled.account_enabled = false;
  policy::mailbox expired = user("expired@contoso.com");
  expired.password_expired = true;
  t.mailboxes = {user("scanner@contoso.com"),  mfa, disabled, expired, user("branch@contoso.com"),
                 user("legacy-ca@contoso.com")};
  policy::conditional_access_policy branch;
  branch.name = "Branch office only";
  branch.allowed_ip_ranges = {"10.20.0.0/16"};
  branch.include_users = {"branch@contoso.com"};
  policy::conditional_access_policy legacy;
  legacy.name = "Block legacy authentication";
  legacy.block_legacy_authentication = true;
  legacy.include_users = {"legacy-ca@contoso.com"};
  t.conditional_access = {branch, legacy};
  t.lockout.threshold = 3;
  policy::scenario_model model;
  model.tenants = {t};
  return model;
}

class token_test : public route_test {
 protected:
  void SetUp() override {
    using namespace std::chrono;
    model_ = token_model();
    clock_.set(sys_days{year{2026} / November / 3} + hours{8} + minutes{15} + seconds{27});
    route_test::SetUp();
    std::string error;
    endpoint_.key = identity::signing_key::load_or_create(dir_ / "key.pem", error);
    ASSERT_NE(endpoint_.key, nullptr) << error;
    endpoint_.new_id = [this] {
      char id[37];
      std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++ids_);
      return std::string(id);
    };
    context_->tokens = &endpoint_;
  }

  /// POST of `form` (already encoded) to `path` from `client_ip`, over https.
  response post(const std::string& path, const std::string& form,
                const std::string& client_ip = "127.0.0.1") {
    request r;
    r.method = "POST";
    EXPECT_TRUE(parse_target(path, r));
    r.body = form;
    r.headers = headers_;
    r.headers.push_back({"Host", "login.example.test"});
    r.client_ip = client_ip;
    r.secure = true;
    return settle(answer(routes_, {}, r, *context_));
  }

  response token(const std::string& form, const std::string& tenant = "contoso.com",
                 const std::string& client_ip = "127.0.0.1") {
    return post("/" + tenant + "/oauth2/v2.0/token", form, client_ip);
  }

  static boost::json::object body(const response& r) {
    return boost::json::parse(r.body).as_object();
  }

  /// The AADSTS code and OAuth error of an error reply, "400 invalid_grant 50126".
  static std::string refusal(const response& r) {
    const auto o = body(r);
    return std::to_string(r.status) + " " + std::string(o.at("error").as_string()) + " " +
           std::to_string(o.at("error_codes").as_array().at(0).as_int64());
  }

  /// The claims of an access token, after its signature is checked with the key.
  policy::token_claims claims(const std::string& jwt) {
    const identity::jwt_verifier verifier(endpoint_.key);
    const auto c = verifier.verify(jwt);
    EXPECT_TRUE(c.has_value());
    return c.value_or(policy::token_claims{});
  }

  std::string password_form(
      const std::string& upn, const std::string& secret = password,
      const std::string& scope = "https%3A%2F%2Foutlook.office.com%2FSMTP.Send") {
    return std::string("grant_type=password&client_id=") + public_id + "&username=" + upn +
           "&password=" + secret + "&scope=" + scope;
  }

  token_endpoint endpoint_;
  int ids_ = 0;
};

}  // namespace exomock::http::testing
