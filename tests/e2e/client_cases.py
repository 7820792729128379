"""The demo logins every real client must see, shared by the per-client tests.

A client test implements `submit(user, password, sender, recipient, body)`
returning the reply lines it observed (its transcript, as the client prints it),
and inherits one test per demo login from DemoLoginCases.
"""

import re

from exomock_harness import PASSWORD, REPLIES, message_bytes, unique_marker


class DemoLoginCases:
    """Mixin for ServerTestCase subclasses; see the module docstring."""

    def submit(self, user, password, sender, recipient, body):
        raise NotImplementedError

    def assertLineSeen(self, kind, lines):
        pattern = re.compile("^" + REPLIES.get(kind, kind) + "$")
        self.assertTrue(any(pattern.match(l) for l in lines),
                        f"no line matches {pattern.pattern!r} in:\n" + "\n".join(lines))

    def test_scanner_message_accepted_and_captured(self):
        marker = unique_marker(self)
        body = message_bytes("scanner@contoso.com", "someone@example.net", marker,
                             message_id=f"<{marker}@device.contoso.com>")
        lines = self.submit("scanner@contoso.com", PASSWORD, "scanner@contoso.com",
                            "someone@example.net", body)
        self.assertLineSeen("ok", lines)
        self.assertLineSeen(r"250 2\.0\.0 OK <" + re.escape(marker) + r"@device\.contoso\.com> "
                            r"\[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]", lines)
        captured, raw = self.captured_by_marker(marker)
        self.assertEqual(raw, body)
        self.assertEqual(captured["login"], "scanner@contoso.com")
        self.assertEqual(captured["mail_from"], "scanner@contoso.com")
        self.assertEqual(captured["rcpt_to"], ["someone@example.net"])

    def refused(self, user, password, kind):
        body = message_bytes(user, "someone@example.net", unique_marker(self))
        lines = self.submit(user, password, user, "someone@example.net", body)
        self.assertLineSeen(kind, lines)

    def test_alice_tenant_disabled(self):
        self.refused("alice@contoso.com", PASSWORD, "tenant")

    def test_printer_mailbox_disabled(self):
        self.refused("printer@contoso.com", PASSWORD, "mailbox")

    def test_wrong_password(self):
        self.refused("scanner@contoso.com", "Not-The-Passw0rd", "credentials")
