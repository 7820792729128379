"""Python smtplib against exomock: STARTTLS + AUTH LOGIN as the demo logins.

Asserts the exact reply lines of the demo tenant and that the captured
message is byte for byte what smtplib sent.
"""

import re
import smtplib
import ssl
import unittest

from exomock_harness import (DIAG, GREETING, message_bytes, PASSWORD, REPLIES, reply_line,
                             ServerTestCase, tls_context, unique_marker)


class SmtplibSubmission(ServerTestCase):

    def connect(self):
        client = smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30)
        self.addCleanup(client.close)
        return client

    def authenticated(self, user):
        client = self.connect()
        client.starttls(context=tls_context())
        code, text = client.login(user, PASSWORD)
        self.assertReply("ok", reply_line(code, text))
        return client

    def test_greeting_and_ehlo_before_and_after_tls(self):
        client = smtplib.SMTP(timeout=30)
        self.addCleanup(client.close)
        client._host = "smtp.office365.com"  # the SNI name starttls() sends; connect() leaves it unset
        code, banner = client.connect("127.0.0.1", self.server.port())
        self.assertRegex(reply_line(code, banner), "^" + GREETING + "$")
        code, text = client.ehlo("printer.local")
        self.assertEqual(code, 250)
        lines = text.decode().split("\n")
        self.assertRegex(lines[0], r"^[A-Z0-9]+\.outlook\.office365\.com Hello \[127\.0\.0\.1\]$")
        self.assertEqual(lines[1:], ["SIZE 157286400", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES",
                                     "STARTTLS", "8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8"])
        code, text = client.starttls(context=tls_context())
        self.assertEqual(reply_line(code, text), "220 2.0.0 SMTP server ready")
        code, text = client.ehlo("printer.local")
        self.assertEqual(text.decode().split("\n")[1:],
                         ["SIZE 157286400", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES",
                          "AUTH LOGIN XOAUTH2", "8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8"])

    def test_scanner_sends_and_message_is_captured_byte_for_byte(self):
        client = self.authenticated("scanner@contoso.com")
        marker = unique_marker(self)
        body = message_bytes("scanner@contoso.com", "someone@example.net", marker,
                             message_id=f"<{marker}@scanner.contoso.com>")
        self.assertEqual(reply_line(*client.mail("scanner@contoso.com")), "250 2.1.0 Sender OK")
        self.assertEqual(reply_line(*client.rcpt("someone@example.net")), "250 2.1.5 Recipient OK")
        code, text = client.data(body)
        self.assertRegex(reply_line(code, text),
                         rf"^250 2\.0\.0 OK <{re.escape(marker)}@scanner\.contoso\.com> \[Hostname=.+\]$")
        self.assertEqual(reply_line(*client.quit()), "221 2.0.0 Service closing transmission channel")
        captured, raw = self.captured_by_marker(marker)
        self.assertEqual(raw, body)
        self.assertEqual(captured["login"], "scanner@contoso.com")
        self.assertEqual(captured["mail_from"], "scanner@contoso.com")
        self.assertEqual(captured["rcpt_to"], ["someone@example.net"])
        self.assertEqual(captured["size"], len(body))
        self.assertIn(captured["tls_version"], ("TLSv1.2", "TLSv1.3"))
        self.assertEqual(captured["message_id"], f"<{marker}@scanner.contoso.com>")

    def test_generated_message_id_when_the_client_sends_none(self):
        client = self.authenticated("scanner@contoso.com")
        marker = unique_marker(self)
        client.mail("scanner@contoso.com")
        client.rcpt("alice@contoso.com")
        code, text = client.data(message_bytes("scanner@contoso.com", "alice@contoso.com", marker))
        self.assertReply("accepted", reply_line(code, text))
        captured, _ = self.captured_by_marker(marker)
        self.assertIn(captured["message_id"], reply_line(code, text))

    def assertAuthRefused(self, user, password, kind):
        client = self.connect()
        client.starttls(context=tls_context())
        with self.assertRaises(smtplib.SMTPAuthenticationError) as caught:
            client.login(user, password)
        self.assertReply(kind, reply_line(caught.exception.smtp_code, caught.exception.smtp_error))

    def test_alice_follows_the_tenant_switch(self):
        self.assertAuthRefused("alice@contoso.com", PASSWORD, "tenant")

    def test_printer_mailbox_switch_off(self):
        self.assertAuthRefused("printer@contoso.com", PASSWORD, "mailbox")

    def test_wrong_password(self):
        self.assertAuthRefused("scanner@contoso.com", "wrong-password", "credentials")

    def test_unknown_user(self):
        self.assertAuthRefused("nobody@contoso.com", PASSWORD, "credentials")

    def test_mail_before_starttls(self):
        client = self.connect()
        client.ehlo("printer.local")
        code, text = client.mail("scanner@contoso.com")
        self.assertReply(r"451 5\.7\.3 STARTTLS is required to send mail" + DIAG, reply_line(code, text))

    def test_mail_after_tls_without_auth(self):
        client = self.connect()
        client.starttls(context=tls_context())
        client.ehlo("printer.local")
        code, text = client.mail("scanner@contoso.com")
        self.assertReply(r"530 5\.7\.57 Client not authenticated to send mail\." + DIAG,
                         reply_line(code, text))

    def test_auth_plain_is_not_offered(self):
        client = self.connect()
        client.starttls(context=tls_context())
        client.ehlo("printer.local")
        code, text = client.docmd("AUTH", "PLAIN AHNjYW5uZXJAY29udG9zby5jb20ARGVtby1QYXNzdzByZCE=")
        self.assertReply(r"504 5\.7\.4 Unrecognized authentication type" + DIAG, reply_line(code, text))

    def test_send_as_denied_at_end_of_data(self):
        client = self.authenticated("scanner@contoso.com")
        marker = unique_marker(self)
        self.assertEqual(reply_line(*client.mail("alice@contoso.com")), "250 2.1.0 Sender OK")
        client.rcpt("someone@example.net")
        code, text = client.data(message_bytes("alice@contoso.com", "someone@example.net", marker))
        self.assertRegex(reply_line(code, text),
                         r"^554 5\.2\.252 SendAsDenied; scanner@contoso\.com not allowed to send as "
                         r"alice@contoso\.com; STOREDRV\.Submission\.Exception:SendAsDeniedException\."
                         r"MapiExceptionSendAsDenied; Failed to process message due to a permanent "
                         r"exception with message \[BeginDiagnosticData\]Cannot submit message\.")
        self.assertFalse(any(marker.encode() in self.server.raw(m["id"]) for m in self.server.messages()))

    def test_send_as_granted_mailbox(self):
        client = self.authenticated("scanner@contoso.com")
        marker = unique_marker(self)
        client.mail("shared@contoso.com")
        client.rcpt("someone@example.net")
        code, text = client.data(message_bytes("shared@contoso.com", "someone@example.net", marker))
        self.assertReply("accepted", reply_line(code, text))
        captured, _ = self.captured_by_marker(marker)
        self.assertEqual(captured["mail_from"], "shared@contoso.com")


if __name__ == "__main__":
    unittest.main()
