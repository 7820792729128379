// The MX endpoint's decisions: Direct Send to accepted domains only (5.7.64 else),
// RejectDirectSend (5.7.68), connector relay by IP range and by certificate subject,
// the path recorded with each message, and the EOP names in banner, EHLO and DIAG.
#include "policy/mx_checks.hpp"

#include <gtest/gtest.h>

#include "policy/exchange_session.hpp"
#include "test_model.hpp"

namespace exomock::policy {
namespace {

scenario_model mx_model() {
  scenario_model model;
  listener_config mx;
  mx.name = "mx";
  mx.kind = listener_kind::mx;
  mx.require_tls = false;
  mx.require_auth = false;
  listener_config submission;
  submission.name = "submission";
  model.listeners = {mx, submission};
  tenant contoso;
  contoso.name = "Contoso";
  contoso.domains = {"contoso.com", "contoso.net"};
  contoso.connectors = {{"Office printers", {"127.0.0.2/32", "10.1.0.0/16"}, "", {}},
                        {"Scan server", {}, "scan.contoso.com", {}}};
  tenant fabrikam;
  fabrikam.name = "Fabrikam";
  fabrikam.domains = {"fabrikam.com"};
  fabrikam.reject_direct_send = true;
  tenant northwind;
  northwind.name = "Northwind";
  northwind.domains = {"northwind.com"};
  northwind.reject_direct_send = true;
  northwind.connectors = {{"Northwind relay", {"192.0.2.0/24"}, "", {}}};
  model.tenants = {contoso, fabrikam, northwind};
  return model;
}

smtp::session_facts from(std::string ip, std::string peer_subject = "") {
  smtp::session_facts s;
  s.connection.listener = "mx";
  s.connection.client_ip = std::move(ip);
  s.extended = true;
  if (!peer_subject.empty()) {
    s.tls = smtp::tls_info{"TLSv1.3", "TLS_AES_256_GCM_SHA384", std::move(peer_subject)};
  }
  return s;
}

class mx_checks : public ::testing::Test {
 protected:
  std::optional<reply_id> rcpt(const smtp::session_facts& s, std::string_view sender,
                               std::string_view recipient) const {
    return mx_recipient_refusal(model_, s, sender, recipient);
  }
  scenario_model model_ = mx_model();
};

TEST_F(mx_checks, direct_send_reaches_accepted_domains_only) {
  const auto anyone = from("203.0.113.9");
  EXPECT_EQ(rcpt(anyone, "printer@contoso.com", "alice@contoso.com"), std::nullopt);
  EXPECT_EQ(rcpt(anyone, "someone@example.org", "alice@CONTOSO.NET"), std::nullopt);
  EXPECT_EQ(rcpt(anyone, "", "alice@contoso.com"), std::nullopt);
  EXPECT_EQ(rcpt(anyone, "printer@contoso.com", "someone@example.net"),
            reply_id::relay_access_denied);
  EXPECT_EQ(rcpt(anyone, "", "someone@example.net"), reply_id::relay_access_denied);
}

TEST_F(mx_checks, reject_direct_send_refuses_own_domain_senders_without_a_connector) {
  const auto anyone = from("203.0.113.9");
  EXPECT_EQ(rcpt(anyone, "x@fabrikam.com", "bob@fabrikam.com"), reply_id::direct_send_not_allowed);
  // Another domain's sender is ordinary inbound mail.
  EXPECT_EQ(rcpt(anyone, "x@example.org", "bob@fabrikam.com"), std::nullopt);
  // The recipient's tenant decides: Contoso does not reject Direct Send.
  EXPECT_EQ(rcpt(anyone, "x@fabrikam.com", "alice@contoso.com"), std::nullopt);
  // Northwind's connector attributes its own senders.
  EXPECT_EQ(rcpt(anyone, "x@northwind.com", "y@northwind.com"), reply_id::direct_send_not_allowed);
  EXPECT_EQ(rcpt(from("192.0.2.77"), "x@northwind.com", "y@northwind.com"), std::nullopt);
}

TEST_F(mx_checks, connector_by_ip_relays_anywhere_for_accepted_domain_senders) {
  const auto printer = from("127.0.0.2");
  EXPECT_EQ(rcpt(printer, "printer@contoso.com", "someone@example.net"), std::nullopt);
  EXPECT_EQ(rcpt(from("10.1.200.3"), "scan@contoso.net", "someone@example.net"), std::nullopt);
  // The sender must be in the connector's tenant.
  EXPECT_EQ(rcpt(printer, "x@example.org", "someone@example.net"), reply_id::relay_access_denied);
  EXPECT_EQ(rcpt(printer, "x@fabrikam.com", "someone@example.net"), reply_id::relay_access_denied);
  EXPECT_EQ(rcpt(from("127.0.0.3"), "printer@contoso.com", "someone@example.net"),
            reply_id::relay_access_denied);
}

TEST_F(mx_checks, connector_by_certificate_subject_or_common_name) {
  const inbound_connector& scan = model_.tenants[0].connectors[1];
  EXPECT_TRUE(certificate_matches(scan, "CN=scan.contoso.com"));
  EXPECT_TRUE(certificate_matches(scan, "CN=SCAN.contoso.com,O=Contoso,C=US"));
  EXPECT_TRUE(certificate_matches(scan, "O=Contoso, CN=scan.contoso.com"));
  EXPECT_FALSE(certificate_matches(scan, "CN=scan.contoso.com.evil.example"));
  EXPECT_FALSE(certificate_matches(scan, "O=scan.contoso.com"));
  EXPECT_FALSE(certificate_matches(scan, ""));
  inbound_connector whole = scan;
  whole.certificate_subject = "CN=scan.contoso.com,O=Contoso";
  EXPECT_TRUE(certificate_matches(whole, "cn=scan.contoso.com,o=contoso"));
  EXPECT_FALSE(certificate_matches(whole, "CN=scan.contoso.com"));

  const auto certified = from("203.0.113.9", "CN=scan.contoso.com,O=Contoso");
  EXPECT_EQ(rcpt(certified, "scan@contoso.com", "someone@example.net"), std::nullopt);
  EXPECT_EQ(
      rcpt(from("203.0.113.9", "CN=other.example"), "scan@contoso.com", "someone@example.net"),
      reply_id::relay_access_denied);
}

TEST_F(mx_checks, arrival_path_names_the_route) {
  const listener_config& mx = model_.listeners[0];
  const listener_config& submission = model_.listeners[1];
  EXPECT_EQ(arrival_path(model_, mx, from("203.0.113.9"), "printer@contoso.com"), "direct-send");
  EXPECT_EQ(arrival_path(model_, mx, from("127.0.0.2"), "printer@contoso.com"),
            "connector:Office printers");
  EXPECT_EQ(arrival_path(model_, mx, from("127.0.0.2"), "x@example.org"), "direct-send");
  EXPECT_EQ(arrival_path(model_, mx, from("1.2.3.4", "CN=scan.contoso.com"), "a@contoso.com"),
            "connector:Scan server");
  EXPECT_EQ(arrival_path(model_, submission, from("127.0.0.2"), "printer@contoso.com"),
            "submission");
}

TEST_F(mx_checks, session_speaks_as_the_eop_front_end) {
  manual_clock clock{testing::fixed_moment()};
  auto model = std::make_shared<scenario_model>(model_);
  exchange_session mx(model, model->listeners[0], clock, 7);
  const smtp::reply greeting = mx.fixed(smtp::reply_kind::greeting, {});
  EXPECT_EQ(greeting.lines.at(0),
            "CH3PEPF00000015.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at "
            "Sun, 1 Nov 2026 09:05:03 +0000 [08DF37D4D79EC207]");
  const smtp::reply ehlo = mx.hello(from("203.0.113.9"));
  EXPECT_EQ(ehlo.lines.at(0), "CH3PEPF00000015.mail.protection.outlook.com Hello [203.0.113.9]");
  EXPECT_EQ(ehlo.lines.at(1), "SIZE 49283072");
  EXPECT_EQ(ehlo.lines.at(5), "STARTTLS");
  for (const std::string& line : mx.hello(from("203.0.113.9", "CN=x")).lines) {
    EXPECT_EQ(line.rfind("AUTH", 0), std::string::npos) << line;
  }
  smtp::envelope e;
  e.reverse_path = "printer@contoso.com";
  const smtp::reply denied = mx.rcpt({"someone@example.net", "", ""}, e, from("203.0.113.9"));
  EXPECT_EQ(denied.code, 550);
  EXPECT_EQ(
      denied.lines.at(0),
      "5.7.64 TenantAttribution; Relay Access Denied [CH3PEPF00000015.namprd21.prod.outlook.com "
      "2026-11-01T09:05:03.123Z 08DF37D4D79EC207]");
  EXPECT_EQ(mx.rcpt({"alice@contoso.com", "", ""}, e, from("203.0.113.9")).code, 250);
  EXPECT_EQ(mx.arrival_path(e, from("127.0.0.2")), "connector:Office printers");
}

TEST_F(mx_checks, connection_refusal_is_421_4_3_2_and_closes) {
  manual_clock clock{testing::fixed_moment()};
  auto model = std::make_shared<scenario_model>(model_);
  exchange_session submission(model, model->listeners[1], clock, 7);
  const smtp::reply r = submission.refuse_connection();
  EXPECT_EQ(r.code, 421);
  EXPECT_TRUE(r.close_after);
  EXPECT_EQ(r.lines.at(0).rfind("4.3.2 The maximum number of concurrent server connections has "
                                "exceeded a limit, closing transmission channel [",
                                0),
            0U);
}

}  // namespace
}  // namespace exomock::policy
