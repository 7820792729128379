"""The MX endpoint with real clients: Direct Send (swaks, smtplib), connector relay from the
connector's address 127.0.0.2, a client-certificate connector (openssl s_client -cert), and
the path each captured message is marked with."""

import os
import re
import smtplib
import subprocess
import tempfile
import unittest

from exomock_harness import BINARY, REPO, Server, ServerTestCase, message_bytes, unique_marker

MX_SCENARIO = REPO / "scenarios" / "mx.toml"
MX_DIAG = r" \[CH3PEPF00000015\.namprd21\.prod\.outlook\.com \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9A-F]{16}\]"
RELAY_DENIED = r"550 5\.7\.64 TenantAttribution; Relay Access Denied" + MX_DIAG
DIRECT_SEND_REFUSED = (r"550 5\.7\.68 TenantInboundAttribution; Direct Send not allowed for this "
                       r"organization from unauthorized sources" + MX_DIAG)
QUEUED = (r"250 2\.6\.0 <[^>]+> \[InternalId=\d{14}, Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\] "
          r"Queued mail for delivery")


def swaks(port, sender, recipient, *extra):
    result = subprocess.run(["swaks", "--server", "127.0.0.1", "--port", str(port), "--from", sender,
                             "--to", recipient, "--helo", "printer.contoso.com", "--timeout", "30",
                             *extra], capture_output=True, timeout=60)
    # swaks marks server lines "<-  ", "<~  " (TLS) and "<** " / "<~* " (errors).
    return [raw[4:] for raw in result.stdout.decode(errors="replace").splitlines()
            if raw[:2] in ("<-", "<~", "<*")]


class MxScenarioChecks(unittest.TestCase):

    def test_exomock_check_accepts_the_mx_example(self):
        result = subprocess.run([str(BINARY), "check", str(MX_SCENARIO)], capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)


class DemoMxEndpoint(ServerTestCase):
    """The demo tenant's MX listener, as demo-tenant.md describes it."""

    def port(self):
        return self.server.port("mx")

    def test_banner_and_ehlo_are_the_eop_front_end_without_auth(self):
        with smtplib.SMTP("127.0.0.1", self.port(), timeout=30) as smtp:
            code, text = smtp.ehlo("printer.contoso.com")
            self.assertEqual(code, 250)
            lines = text.decode().splitlines()
            self.assertRegex(lines[0], r"^[A-Z0-9]+\.mail\.protection\.outlook\.com Hello \[127\.0\.0\.1\]$")
            self.assertIn("SIZE 49283072", lines)
            self.assertIn("STARTTLS", lines)
            self.assertFalse([l for l in lines if l.startswith("AUTH")])
            smtp.starttls()
            code, text = smtp.ehlo("printer.contoso.com")
            self.assertFalse([l for l in text.decode().splitlines() if l.startswith(("AUTH", "STARTTLS"))])

    def test_swaks_direct_send_to_the_tenant_is_queued_and_marked_direct_send(self):
        marker = unique_marker(self)
        lines = swaks(self.port(), "printer@contoso.com", "alice@contoso.com",
                      "--header", f"Subject: {marker}")
        self.assertRegex(lines[0], r"^220 [A-Z0-9]+\.mail\.protection\.outlook\.com Microsoft ESMTP MAIL "
                                   r"Service ready at .* \[[0-9A-F]{16}\]$")
        self.assertIn("250 2.1.5 Recipient OK", lines)
        self.assertTrue(any(re.match(QUEUED, l) for l in lines), lines)
        captured, _ = self.captured_by_marker(marker)
        self.assertEqual(captured["path"], "direct-send")
        self.assertEqual(captured["listener"], "mx")
        self.assertEqual(captured["login"], "")

    def test_swaks_direct_send_outside_the_tenant_gets_5_7_64_at_rcpt(self):
        lines = swaks(self.port(), "printer@contoso.com", "someone@example.net")
        self.assertIn("250 2.1.0 Sender OK", lines)
        self.assertTrue([l for l in lines if re.match("^" + RELAY_DENIED + "$", l)], lines)
        self.assertFalse([l for l in lines if l.startswith("354")], lines)

    def test_smtplib_reject_direct_send_gets_5_7_68(self):
        with smtplib.SMTP("127.0.0.1", self.port(), timeout=30) as smtp:
            smtp.ehlo("app.fabrikam.com")
            self.assertEqual(smtp.mail("x@fabrikam.com")[0], 250)
            code, text = smtp.rcpt("bob@fabrikam.com")
            self.assertRegex(f"{code} {text.decode()}", "^" + DIRECT_SEND_REFUSED + "$")

    def test_smtplib_from_the_connector_address_relays_outward(self):
        marker = unique_marker(self)
        with smtplib.SMTP("127.0.0.1", self.port(), timeout=30, source_address=("127.0.0.2", 0)) as smtp:
            smtp.ehlo("printer.contoso.com")
            smtp.starttls()
            smtp.ehlo("printer.contoso.com")
            refused = smtp.sendmail("printer@contoso.com", ["someone@example.net"],
                                    message_bytes("printer@contoso.com", "someone@example.net", marker))
            self.assertEqual(refused, {})
        captured, _ = self.captured_by_marker(marker)
        self.assertEqual(captured["client_ip"], "127.0.0.2")
        self.assertEqual(captured["path"], "connector:Office printers")
        self.assertEqual(captured["rcpt_to"], ["someone@example.net"])

    def test_swaks_bound_to_the_connector_address_relays_outward(self):
        marker = unique_marker(self)
        lines = swaks(self.port(), "printer@contoso.com", "someone@example.net",
                      "--local-interface", "127.0.0.2", "--header", f"Subject: {marker}")
        self.assertIn("250 2.1.5 Recipient OK", lines)
        captured, _ = self.captured_by_marker(marker)
        self.assertEqual(captured["path"], "connector:Office printers")

    def test_connector_address_with_a_foreign_sender_is_not_relayed(self):
        with smtplib.SMTP("127.0.0.1", self.port(), timeout=30, source_address=("127.0.0.2", 0)) as smtp:
            smtp.ehlo("printer.contoso.com")
            smtp.mail("someone@example.org")
            code, text = smtp.rcpt("someone@example.net")
            self.assertRegex(f"{code} {text.decode()}", "^" + RELAY_DENIED + "$")

    def test_submission_mail_is_marked_submission(self):
        marker = unique_marker(self)
        with smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30) as smtp:
            smtp.starttls()
            smtp.login("scanner@contoso.com", "Demo-Passw0rd!")
            smtp.sendmail("scanner@contoso.com", ["someone@example.net"],
                          message_bytes("scanner@contoso.com", "someone@example.net", marker))
        captured, _ = self.captured_by_marker(marker)
        self.assertEqual(captured["path"], "submission")


class CertificateConnector(unittest.TestCase):
    """scenarios/mx.toml: the connector "Scan server" matches a client certificate for scan.contoso.com."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(MX_SCENARIO, listeners=("mx",))
        cls.dir = tempfile.mkdtemp(prefix="exomock-cert-")
        for cn in ("scan.contoso.com", "rogue.example"):
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                            "-subj", f"/O=Contoso/CN={cn}", "-keyout", os.path.join(cls.dir, f"{cn}.key"),
                            "-out", os.path.join(cls.dir, f"{cn}.pem")], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def relay(self, cn, marker):
        dialogue = ("EHLO scan.contoso.com\nMAIL FROM:<scan@contoso.com>\nRCPT TO:<someone@example.net>\n"
                    f"DATA\nSubject: {marker}\n\nScanned.\n.\nQUIT\n")
        options = []
        if cn:
            options = ["-cert", os.path.join(self.dir, f"{cn}.pem"), "-key", os.path.join(self.dir, f"{cn}.key")]
        result = subprocess.run(["openssl", "s_client", "-starttls", "smtp", "-connect",
                                 f"127.0.0.1:{self.server.port('mx')}", "-crlf", "-ign_eof", *options],
                                input=dialogue.encode(), capture_output=True, timeout=60)
        return [l.rstrip("\r") for l in result.stdout.decode(errors="replace").splitlines() if l[:3].isdigit()]

    def test_certificate_subject_matches_the_connector_and_relays(self):
        marker = unique_marker(self)
        lines = self.relay("scan.contoso.com", marker)
        self.assertIn("250 2.1.5 Recipient OK", lines)
        self.assertTrue([l for l in lines if l.startswith("250 2.6.0 ")], lines)
        for m in self.server.messages():
            if marker.encode() in self.server.raw(m["id"]):
                self.assertEqual(m["path"], "connector:Scan server")
                self.assertEqual(m["rcpt_to"], ["someone@example.net"])
                return
        self.fail("message not captured")

    def test_other_certificate_or_none_gets_5_7_64(self):
        for cn in ("rogue.example", None):
            lines = self.relay(cn, unique_marker(self))
            self.assertTrue([l for l in lines if l.startswith("550 5.7.64 TenantAttribution")], (cn, lines))


if __name__ == "__main__":
    unittest.main()
