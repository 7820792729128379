// A small hand-built scenario for the policy tests: one tenant per feature the
// tests exercise, a fixed moment (Sunday 1 Nov 2026 09:05:03.123 UTC) and its clock.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "policy/clock.hpp"
#include "policy/model.hpp"
#include "smtp/session_facts.hpp"

namespace exomock::policy::testing {

inline std::chrono::system_clock::time_point fixed_moment() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 1} + hours{9} + minutes{5} + seconds{3} +
         milliseconds{123};
}

inline mailbox make_mailbox(std::string address, std::optional<bool> smtp_auth_disabled = false) {
  mailbox m;
  m.address = std::move(address);
  m.password = "Demo-Passw0rd!";
  m.smtp_client_authentication_disabled = smtp_auth_disabled;
  return m;
}

inline scenario_model make_model() {
  scenario_model model;
  model.server.error_delay = std::chrono::milliseconds{5000};
  model.server.seed = 1;
  listener_config submission;
  submission.name = "submission";
  listener_config legacy = submission;
  legacy.name = "submission-legacy";
  legacy.kind = listener_kind::submission_legacy;
  model.listeners = {submission, legacy};

  tenant contoso;
  contoso.name = "Contoso";
  contoso.domains = {"contoso.com"};
  contoso.smtp_client_authentication_disabled = true;
  contoso.authentication_policies = {{"Block Basic SMTP", false, {}}};
  conditional_access_policy block;
  block.name = "Block legacy";
  block.block_legacy_authentication = true;
  block.include_users = {"ca-blocked@contoso.com"};
  conditional_access_policy branch;
  branch.name = "Branch only";
  branch.allowed_ip_ranges = {"10.20.0.0/16"};
  branch.include_users = {"branch@contoso.com"};
  contoso.conditional_access = {block, branch};
  mailbox scanner = make_mailbox("scanner@contoso.com");
  scanner.send_as = {"shared@contoso.com"};
  scanner.send_on_behalf = {"boss@contoso.com"};
  scanner.xoauth2_tokens = {"token-scanner"};
  mailbox mfa = make_mailbox("mfa@contoso.com");
  mfa.per_user_mfa = true;
  mfa.app_passwords = {"abcdefghijklmnop"};
  mailbox legacy_user = make_mailbox("legacy@contoso.com");
  legacy_user.authentication_policy = "Block Basic SMTP";
  legacy_user.xoauth2_tokens = {"token-legacy"};
  mailbox disabled = make_mailbox("disabled@contoso.com");
  disabled.account_enabled = false;
  mailbox expired = make_mailbox("expired@contoso.com");
  expired.password_expired = true;
  mailbox shared = make_mailbox("shared@contoso.com", std::nullopt);
  shared.type = mailbox_type::shared;
  shared.sign_in_allowed = false;
  shared.xoauth2_tokens = {"token-shared"};
  mailbox federated = make_mailbox("federated@contoso.com");
  federated.federated_idp_reachable = false;
  contoso.mailboxes = {scanner,
                       make_mailbox("alice@contoso.com", std::nullopt),
                       make_mailbox("printer@contoso.com", true),
                       mfa,
                       legacy_user,
                       make_mailbox("ca-blocked@contoso.com"),
                       make_mailbox("branch@contoso.com"),
                       disabled,
                       expired,
                       shared,
                       federated,
                       make_mailbox("boss@contoso.com")};

  tenant fabrikam;
  fabrikam.name = "Fabrikam";
  fabrikam.domains = {"fabrikam.com"};
  fabrikam.smtp_client_authentication_disabled = false;
  fabrikam.security_defaults = true;
  mailbox bob = make_mailbox("bob@fabrikam.com", std::nullopt);
  bob.xoauth2_tokens = {"token-bob"};
  fabrikam.mailboxes = {bob};

  tenant northwind;
  northwind.name = "Northwind";
  northwind.domains = {"northwind.com"};
  northwind.smtp_client_authentication_disabled = false;
  northwind.allow_legacy_tls_clients = true;
  northwind.mailboxes = {make_mailbox("carol@northwind.com", std::nullopt)};

  tenant tailspin;
  tailspin.name = "Tailspin";
  tailspin.domains = {"tailspin.com"};
  tailspin.smtp_client_authentication_disabled = false;
  tailspin.basic_auth = basic_auth_state::retired;
  mailbox dave = make_mailbox("dave@tailspin.com", std::nullopt);
  dave.xoauth2_tokens = {"token-dave"};
  tailspin.mailboxes = {dave};

  model.tenants = {contoso, fabrikam, northwind, tailspin};
  return model;
}

/// Facts of a session after STARTTLS (TLS 1.2) and EHLO from 127.0.0.1.
inline smtp::session_facts tls_facts(std::string version = "TLSv1.2") {
  smtp::session_facts s;
  s.connection.listener = "submission";
  s.connection.client_ip = "127.0.0.1";
  s.tls = smtp::tls_info{std::move(version), "ECDHE-RSA-AES256-GCM-SHA384"};
  s.hello_name = "client.example";
  s.extended = true;
  return s;
}

}  // namespace exomock::policy::testing
