// For the audit routes' tests (sign-ins, sessions, metrics): a real capture in a
// fresh directory, written through the store as the server writes it, the
// readers the routes use, and a small scenario (one tenant with two users, an
// app and two Conditional Access policies) under a manual clock. No sockets.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "http/api_routes.hpp"
#include "policy/clock.hpp"
#include "policy/live_scenario.hpp"
#include "route_fixture.hpp"
#include "store/audit_reader.hpp"
#include "store/message_reader.hpp"
#include "store/message_store.hpp"

namespace exomock::http::testing {

inline std::chrono::system_clock::time_point at(int hour, int minute, int second = 0) {
  using namespace std::chrono;
  return sys_days{year{2026} / December / 1} + hours{hour} + minutes{minute} + seconds{second};
}

inline policy::scenario_model audit_model() {
  policy::scenario_model model;
  policy::tenant contoso;
  contoso.name = "Contoso";
  contoso.id = "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12";
  contoso.domains = {"contoso.com"};
  policy::mailbox scanner;
  scanner.address = "scanner@contoso.com";
  scanner.display_name = "Scanner";
  policy::mailbox alice;
  alice.address = "alice@contoso.com";
  alice.display_name = "Alice";
  contoso.mailboxes = {scanner, alice};
  policy::application app;
  app.display_name = "Contoso Scan App";
  app.client_id = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70";
  contoso.applications = {app};
  policy::conditional_access_policy block;
  block.name = "Block legacy authentication";
  block.block_legacy_authentication = true;
  block.include_users = {"alice@contoso.com"};
  policy::conditional_access_policy mfa;
  mfa.name = "Require MFA";
  mfa.require_mfa = true;
  mfa.include_users = {"nobody@contoso.com"};
  contoso.conditional_access = {block, mfa};
  model.tenants = {contoso};
  return model;
}

class audit_test : public route_test {
 protected:
  void SetUp() override {
    model_ = audit_model();
    clock_.set(at(12, 0));
    route_test::SetUp();
  }

  /// A sign-in by `upn` at `when` with Entra's `code`; recorded and made visible.
  store::sign_in_record sign_in(std::string upn, std::chrono::system_clock::time_point when,
                                int code = 0, std::string app_id = "") {
    store::sign_in_record r;
    r.id = store::new_guid();
    r.created = when;
    r.user_principal_name = std::move(upn);
    r.ip_address = "127.0.0.1";
    r.conditional_access_status = code == 53003 ? "failure" : "notApplied";
    r.error_code = code;
    r.failure_reason = code == 0 ? "Other." : "Error validating credentials.";
    r.session_id = "08DF4D4F5EE94201";
    r.mechanism = app_id.empty() ? "LOGIN" : "XOAUTH2";
    r.app_id = std::move(app_id);
    r.smtp_reply =
        code == 0 ? "235 2.7.0 Authentication successful" : "535 5.7.3 Authentication unsuccessful";
    store_->record(r);
    store_->flush();
    return r;
  }

  /// Stores a small message of session `sid` as an SMTP connection would.
  void store_message(const std::string& sid) {
    store::captured_message m;
    m.session_id = sid;
    m.listener = "submission";
    m.raw = "Subject: x\r\n\r\nbody\r\n";
    capture(std::move(m));
  }

  /// A request as the server hands it to the router: target parsed, headers set.
  static request get(const std::string& target) {
    request r;
    r.method = "GET";
    EXPECT_TRUE(parse_target(target, r)) << target;
    r.headers.push_back({"Host", "127.0.0.1:8025"});
    return r;
  }
  /// Routes `r` (no access check); a deferred response is polled once and then expired.
  response answer(request r) { return settle(routes_.dispatch(r, *context_)); }
  static boost::json::object body(const response& r) {
    return boost::json::parse(r.body).as_object();
  }
};

}  // namespace exomock::http::testing
