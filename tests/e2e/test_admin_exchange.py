"""The Exchange admin switches over HTTP, watched through a real client's next
AUTH (smtplib, exact reply lines): Set-TransportConfig and Set-CASMailbox
(SmtpClientAuthenticationDisabled, AllowLegacyTLSClients), and Set-OrganizationConfig
(RejectDirectSend, seen at RCPT on the MX endpoint) for the demo tenant's rows, in a
session already open and in a new one; the errors of a bad body,
an unknown target and a wrong method."""

import smtplib
import unittest

from admin_client import AdminCase, Session, call, call_json, first_auth, old_tls_context
from exomock_harness import DIAG, PASSWORD
from test_mx import DIRECT_SEND_REFUSED

TLS_4_7_66 = (r"421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\. Please upgrade/update your client to "
              r"support TLS 1\.2\. Visit https://aka\.ms/smtp_auth_tls\." + DIAG)


class AdminExchange(AdminCase):

    def test_tenant_switch_decides_the_next_auth_of_an_open_session(self):
        session = Session(self.server)
        try:
            self.assertLine("tenant", session.auth("alice@contoso.com", PASSWORD))
            self.assertEqual(self.patch("/api/v1/admin/transport-config/contoso.com",
                                        {"SmtpClientAuthenticationDisabled": False}),
                             {"SmtpClientAuthenticationDisabled": False, "AllowLegacyTLSClients": False})
            self.assertLine("ok", session.auth("alice@contoso.com", PASSWORD))
        finally:
            session.close()
            self.patch("/api/v1/admin/transport-config/Contoso", {"SmtpClientAuthenticationDisabled": True})
        self.assertLine("tenant", first_auth(self.server, "alice@contoso.com", PASSWORD))

    def test_transport_config_get_by_name_or_domain(self):
        expected = {"SmtpClientAuthenticationDisabled": True, "AllowLegacyTLSClients": False}
        self.assertEqual(call_json(self, self.server, "GET", "/api/v1/admin/transport-config/Contoso"),
                         expected)
        self.assertEqual(call_json(self, self.server, "GET", "/api/v1/admin/transport-config/CONTOSO.COM"),
                         expected)

    def test_cas_mailbox_true_false_null(self):
        path = "/api/v1/admin/cas-mailbox/printer@contoso.com"
        self.assertEqual(call_json(self, self.server, "GET", path),
                         {"Identity": "printer@contoso.com", "PrimarySmtpAddress": "printer@contoso.com",
                          "SmtpClientAuthenticationDisabled": True})
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))
        try:
            self.assertEqual(self.patch(path, {"SmtpClientAuthenticationDisabled": False})
                             ["SmtpClientAuthenticationDisabled"], False)
            self.assertLine("ok", first_auth(self.server, "printer@contoso.com", PASSWORD))
            # $null follows the tenant, which has SMTP AUTH off.
            self.assertIsNone(self.patch(path, {"SmtpClientAuthenticationDisabled": None})
                              ["SmtpClientAuthenticationDisabled"])
            self.assertLine("tenant", first_auth(self.server, "printer@contoso.com", PASSWORD))
        finally:
            self.patch(path, {"SmtpClientAuthenticationDisabled": True})
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))

    def test_mailbox_off_wins_over_the_tenant(self):
        path = "/api/v1/admin/cas-mailbox/scanner@contoso.com"
        try:
            self.patch(path, {"SmtpClientAuthenticationDisabled": True})
            self.assertLine("mailbox", first_auth(self.server, "scanner@contoso.com", PASSWORD))
        finally:
            self.patch(path, {"SmtpClientAuthenticationDisabled": False})
        self.assertLine("ok", first_auth(self.server, "scanner@contoso.com", PASSWORD))

    def test_allow_legacy_tls_clients(self):
        path = "/api/v1/admin/transport-config/northwind.com"
        legacy = ("carol@northwind.com", PASSWORD, "submission-legacy", old_tls_context())
        self.assertLine("ok", first_auth(self.server, *legacy))
        try:
            self.assertEqual(self.patch(path, {"AllowLegacyTLSClients": False}),
                             {"SmtpClientAuthenticationDisabled": False, "AllowLegacyTLSClients": False})
            self.assertLine(TLS_4_7_66, first_auth(self.server, *legacy))
        finally:
            self.patch(path, {"AllowLegacyTLSClients": True})
        self.assertLine("ok", first_auth(self.server, *legacy))

    def test_reject_direct_send(self):
        path = "/api/v1/admin/organization-config/Fabrikam"

        def rcpt():  # a new MX session: anonymous mail from an accepted domain of Fabrikam
            with smtplib.SMTP("127.0.0.1", self.server.port("mx"), timeout=30) as smtp:
                smtp.ehlo("app.fabrikam.com")
                smtp.mail("x@fabrikam.com")
                code, text = smtp.rcpt("bob@fabrikam.com")
                return f"{code} {text.decode()}"

        self.assertLine(DIRECT_SEND_REFUSED, rcpt())
        try:
            self.assertEqual(self.patch(path, {"RejectDirectSend": False}), {"RejectDirectSend": False})
            self.assertEqual(rcpt(), "250 2.1.5 Recipient OK")
        finally:
            self.patch(path, {"RejectDirectSend": True})
        self.assertLine(DIRECT_SEND_REFUSED, rcpt())

    def test_bad_values_name_the_field(self):
        path = "/api/v1/admin/cas-mailbox/printer@contoso.com"
        self.assertEqual(call(self.server, "PATCH", path, {"SmtpClientAuthenticationDisabled": "no"}),
                         (400, "SmtpClientAuthenticationDisabled must be true, false or null, not a string"))
        self.assertEqual(call(self.server, "PATCH", "/api/v1/admin/transport-config/Contoso",
                              {"SmtpClientAuthenticationDisabled": None}),
                         (400, "SmtpClientAuthenticationDisabled must be true or false, not null"))
        self.assertEqual(call(self.server, "PATCH", "/api/v1/admin/transport-config/Contoso",
                              {"SmtpAuth": True}),
                         (400, "unknown field 'SmtpAuth'; allowed: SmtpClientAuthenticationDisabled, "
                               "AllowLegacyTLSClients"))
        self.assertEqual(call(self.server, "PATCH", path, raw=b"[true]"),
                         (400, "the body must be a JSON object, not an array"))
        # Nothing changed.
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))

    def test_unknown_targets_are_404(self):
        self.assertEqual(call(self.server, "GET", "/api/v1/admin/transport-config/litware.com"),
                         (404, "no tenant 'litware.com' in the scenario"))
        self.assertEqual(call(self.server, "PATCH", "/api/v1/admin/cas-mailbox/nobody@contoso.com",
                              {"SmtpClientAuthenticationDisabled": False}),
                         (404, "no mailbox 'nobody@contoso.com' in the scenario"))

    def test_wrong_method_is_405(self):
        status, _ = call(self.server, "POST", "/api/v1/admin/transport-config/Contoso", {})
        self.assertEqual(status, 405)


if __name__ == "__main__":
    unittest.main()
