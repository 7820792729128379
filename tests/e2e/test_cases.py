"""The case library end to end: each case served with `serve --case`, a real client driven
through the failing state, the fix applied through the admin API where the real service has
one (else on the client, as the case says), and the exact replies and sign-in events checked."""

import json
import os
import re
import shutil
import smtplib
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import warnings

from exomock_harness import (BINARY, DIAG, PASSWORD, REPLIES, LineClient, Server, b64,
                             message_bytes, reply_line, tls_context)

CRITERIA = (r"535 5\.7\.139 Authentication unsuccessful, the request did not meet the criteria to "
            r"be authenticated successfully\. Contact your administrator\." + DIAG)
ACCOUNT_ISSUE = (r"535 5\.7\.139 Authentication unsuccessful, account has an issue\. Contact your "
                 r"administrator\." + DIAG)
LOCKED = r"535 5\.7\.139 Authentication unsuccessful, account locked\. Contact your administrator\." + DIAG
TLS_REFUSED = (r"421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\. Please upgrade/update your client "
               r"to support TLS 1\.2\. Visit https://aka\.ms/smtp_auth_tls\." + DIAG)
QUEUED = r"250 2\.6\.0 <[^>]+> \[InternalId=\d+, Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\] Queued mail for delivery"
RELAY_DENIED = r"550 5\.7\.64 TenantAttribution; Relay Access Denied" + DIAG


def tls10_context():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.set_ciphers("DEFAULT:@SECLEVEL=0")  # OpenSSL 3 offers TLS 1.0 only at level 0
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.maximum_version = ssl.TLSVersion.TLSv1
    return context


class Dialogue(LineClient):
    """A LineClient whose STARTTLS takes a context; replies as their last line."""

    def line(self, command):
        return self.send(command)[-1]

    def starttls_with(self, context):
        self.send("EHLO printer.example")
        assert self.send("STARTTLS")[0].startswith("220 "), "STARTTLS refused"
        self.sock = context.wrap_socket(self.sock)
        self.file = self.sock.makefile("rb")
        return self.sock.version()

    def login(self, user, password):
        self.line("EHLO printer.example")
        self.line("AUTH LOGIN")
        self.line(b64(user))
        return self.line(b64(password))

    def xoauth2(self, user, token):
        self.line("EHLO printer.example")
        return self.line("AUTH XOAUTH2 " + b64(f"user={user}\x01auth=Bearer {token}\x01\x01"))


class CaseTest(unittest.TestCase):
    """One test class per case: a fresh server for each test."""

    case = None
    listeners = ("submission",)

    def setUp(self):
        self.server = Server(case=self.case, listeners=self.listeners)

    def tearDown(self):
        code = self.server.stop()
        self.assertEqual(code, 0, self.server.server_log())

    def dialogue(self, listener="submission", context=None, source=None):
        client = Dialogue.__new__(Dialogue)
        sock = socket.create_connection(("127.0.0.1", self.server.port(listener)), timeout=30,
                                        source_address=(source, 0) if source else None)
        client.sock = sock
        client.file = sock.makefile("rb")
        client.greeting = client.reply()
        self.addCleanup(client.close)
        if context is not False:
            client.starttls_with(context or tls_context())
        return client

    def login(self, user, password=PASSWORD, **kw):
        """The AUTH reply of a new connection, closed with QUIT after it (the sign-in is
        in the log once the 221 is read)."""
        client = self.dialogue(**kw)
        reply = client.login(user, password)
        if not client.broken and not reply.startswith("421"):
            self.assertRegex(client.line("QUIT"), "^221 ")
        return reply

    def oauth(self, user, token):
        client = self.dialogue()
        reply = client.xoauth2(user, token)
        self.assertRegex(client.line("QUIT"), "^221 ")
        return reply

    def admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.server.http_url() + "/api/v1/admin/" + path, data=data,
                                         method=method)
        with urllib.request.urlopen(request, timeout=30) as r:
            self.assertEqual(r.status, 200)
            return json.load(r)

    def sign_in_codes(self, user):
        query = urllib.parse.urlencode({"$filter": f"userPrincipalName eq '{user}'"})
        with urllib.request.urlopen(f"{self.server.http_url()}/v1.0/auditLogs/signIns?{query}") as r:
            events = json.load(r)["value"]
        return [e["status"]["errorCode"] for e in reversed(events)]  # oldest first

    def send(self, client, sender, recipient, marker="case", message=None):
        """MAIL, RCPT, DATA and the message on an open dialogue: the last reply."""
        reply = client.line(f"MAIL FROM:<{sender}>")
        if not reply.startswith("250"):
            return reply
        reply = client.line(f"RCPT TO:<{recipient}>")
        if not reply.startswith("250"):
            return reply
        client.line("DATA")
        body = message or message_bytes(sender, recipient, marker)
        client.sock.sendall(body + b".\r\n")
        return client.reply()[-1]

    def assertReply(self, pattern, line):
        self.assertRegex(line, "^" + REPLIES.get(pattern, pattern) + "$")


class TenantSmtpAuthOff(CaseTest):
    case = "tenant-smtp-auth-off"

    def test_the_mailbox_follows_the_tenant_until_authenticated_smtp_is_checked(self):
        self.assertReply("tenant", self.login("scanner@contoso.com"))
        got = self.admin("PATCH", "cas-mailbox/scanner@contoso.com",
                         {"SmtpClientAuthenticationDisabled": False})
        self.assertIs(got["SmtpClientAuthenticationDisabled"], False)
        self.assertReply("ok", self.login("scanner@contoso.com"))

    def test_or_the_organization_turns_smtp_auth_on(self):
        self.admin("PATCH", "transport-config/Contoso", {"SmtpClientAuthenticationDisabled": False})
        self.assertReply("ok", self.login("scanner@contoso.com"))


class MailboxEnabledUnderDisabledTenant(CaseTest):
    case = "mailbox-enabled-under-disabled-tenant"

    def test_the_printer_sends_the_scanner_follows_the_tenant_until_enabled(self):
        client = self.dialogue()
        self.assertReply("ok", client.login("printer@contoso.com", PASSWORD))
        self.assertReply("accepted", self.send(client, "printer@contoso.com", "alice@contoso.com"))
        self.assertReply("tenant", self.login("scanner@contoso.com"))
        self.admin("PATCH", "cas-mailbox/scanner@contoso.com", {"SmtpClientAuthenticationDisabled": False})
        self.assertReply("ok", self.login("scanner@contoso.com"))


class MailboxSmtpAuthOff(CaseTest):
    case = "mailbox-smtp-auth-off"

    def test_the_mailbox_setting_wins_until_it_follows_the_organization_again(self):
        self.assertReply("mailbox", self.login("printer@contoso.com"))
        got = self.admin("PATCH", "cas-mailbox/printer@contoso.com", {"SmtpClientAuthenticationDisabled": None})
        self.assertIsNone(got["SmtpClientAuthenticationDisabled"])
        self.assertReply("ok", self.login("printer@contoso.com"))


class MfaUser(CaseTest):
    case = "mfa-user"

    def test_the_password_fails_with_50076_and_an_app_password_works(self):
        self.assertReply(CRITERIA, self.login("mfa@contoso.com"))
        self.admin("PATCH", "users/mfa@contoso.com", {"appPasswords": {"add": ["qrstuvwxyzabcdef"]}})
        self.assertReply("ok", self.login("mfa@contoso.com", "qrstuvwxyzabcdef"))
        self.assertEqual(self.sign_in_codes("mfa@contoso.com"), [50076, 0])


class AppPassword(CaseTest):
    case = "app-password"

    def test_a_deleted_app_password_fails_with_50126_until_a_new_one_is_made(self):
        self.assertReply("credentials", self.login("scanner@contoso.com", "abcdefghijklmnop"))
        self.assertReply(CRITERIA, self.login("scanner@contoso.com"))  # the account password
        self.admin("PATCH", "users/scanner@contoso.com", {"appPasswords": {"add": ["abcdefghijklmnop"]}})
        self.assertReply("ok", self.login("scanner@contoso.com", "abcdefghijklmnop"))
        self.assertEqual(self.sign_in_codes("scanner@contoso.com"), [50126, 50076, 0])


class SecurityDefaults(CaseTest):
    case = "security-defaults"

    def test_basic_is_blocked_oauth_works_and_turning_them_off_lets_basic_in(self):
        self.assertReply(r"535 5\.7\.139 Authentication unsuccessful, user is locked by your "
                         r"organization's security defaults policy\. Contact your administrator\." + DIAG,
                         self.login("scanner@contoso.com"))
        self.assertReply("ok", self.oauth("scanner@contoso.com", "case-token-scanner"))
        self.admin("PATCH", "security-defaults/Contoso", {"isEnabled": False})
        self.assertReply("ok", self.login("scanner@contoso.com"))
        self.assertEqual(self.sign_in_codes("scanner@contoso.com"), [530035, 0, 0])


class ConditionalAccessBlockLegacy(CaseTest):
    case = "ca-block-legacy-auth"

    def test_blocked_users_get_53003_the_excluded_account_sends_until_the_policy_is_off(self):
        self.assertReply(CRITERIA, self.login("alice@contoso.com"))
        self.assertReply("ok", self.login("svc-scanner@contoso.com"))
        self.admin("PATCH", "conditional-access/Contoso/Block%20legacy%20authentication", {"state": "disabled"})
        self.assertReply("ok", self.login("alice@contoso.com"))
        self.assertEqual(self.sign_in_codes("alice@contoso.com"), [53003, 0])


class ConditionalAccessIpRestriction(CaseTest):
    case = "ca-ip-restriction"

    def test_outside_the_named_location_53003_until_the_policy_is_off(self):
        self.assertReply(CRITERIA, self.login("branch@contoso.com"))
        self.admin("PATCH", "conditional-access/Contoso/Branch%20office%20only", {"state": "disabled"})
        self.assertReply("ok", self.login("branch@contoso.com"))
        self.assertEqual(self.sign_in_codes("branch@contoso.com"), [53003, 0])


class Tls10Device(CaseTest):
    case = "tls10-device"

    def test_tls_1_0_gets_421_4_7_66_and_the_updated_firmware_235(self):
        client = self.dialogue(context=tls10_context())
        self.assertEqual(client.sock.version(), "TLSv1")
        self.assertReply(TLS_REFUSED, client.login("printer@contoso.com", PASSWORD))
        self.assertEqual(client.file.read(), b"")  # closed after the 421
        self.assertReply("ok", self.login("printer@contoso.com"))


class LegacyTlsEndpoint(CaseTest):
    case = "legacy-tls-endpoint"
    listeners = ("submission", "submission-legacy")

    def test_the_legacy_endpoint_takes_tls_1_0_once_the_tenant_opts_in(self):
        self.assertReply(TLS_REFUSED, self.login("printer@contoso.com", listener="submission-legacy",
                                                 context=tls10_context()))
        self.admin("PATCH", "transport-config/Contoso", {"AllowLegacyTLSClients": True})
        self.assertReply("ok", self.login("printer@contoso.com", listener="submission-legacy",
                                          context=tls10_context()))
        # smtp.office365.com itself never does.
        self.assertReply(TLS_REFUSED, self.login("printer@contoso.com", context=tls10_context()))


class AnonymousOn587(CaseTest):
    case = "anonymous-on-587"

    def test_mail_without_auth_gets_530_and_with_auth_250(self):
        client = self.dialogue()
        client.line("EHLO printer.example")
        self.assertReply(r"530 5\.7\.57 Client not authenticated to send mail\." + DIAG,
                         self.send(client, "scanner@contoso.com", "alice@contoso.com"))
        client = self.dialogue()
        self.assertReply("ok", client.login("scanner@contoso.com", PASSWORD))
        self.assertReply("accepted", self.send(client, "scanner@contoso.com", "alice@contoso.com"))


class SubmissionVsDirectSend(CaseTest):
    case = "submission-vs-direct-send"
    listeners = ("submission", "mx")

    def test_587_wants_a_login_25_delivers_internal_mail_only(self):
        client = self.dialogue()
        client.line("EHLO printer.example")
        self.assertRegex(self.send(client, "scanner@contoso.com", "alice@contoso.com"), r"^530 5\.7\.57 ")
        mx = self.dialogue(listener="mx", context=False)
        mx.line("EHLO printer.example")
        self.assertRegex(self.send(mx, "scanner@contoso.com", "alice@contoso.com"), "^" + QUEUED + "$")
        self.assertRegex(self.send(mx, "scanner@contoso.com", "partner@example.net"), "^" + RELAY_DENIED + "$")


class Lockout(CaseTest):
    case = "lockout"

    def test_three_failures_lock_even_the_right_password_until_the_reset(self):
        for _ in range(3):
            self.assertReply("credentials", self.login("lockout@contoso.com", "Old-Passw0rd!" + str(_)))
        self.assertReply(LOCKED, self.login("lockout@contoso.com"))
        self.admin("POST", "users/lockout@contoso.com/reset-lockout")
        self.assertReply("ok", self.login("lockout@contoso.com"))
        self.assertEqual(self.sign_in_codes("lockout@contoso.com"), [50126, 50126, 50126, 50053, 0])

    def test_the_password_reset_takes_effect_on_the_next_attempt(self):
        self.admin("PATCH", "users/lockout@contoso.com", {"passwordProfile": {"password": "New-Passw0rd!"}})
        self.assertReply("credentials", self.login("lockout@contoso.com"))
        self.assertReply("ok", self.login("lockout@contoso.com", "New-Passw0rd!"))


class SharedMailbox(CaseTest):
    case = "shared-mailbox"

    def test_the_shared_account_cannot_sign_in_a_user_with_send_as_sends_for_it(self):
        self.assertReply(ACCOUNT_ISSUE, self.login("shared@contoso.com"))
        self.assertEqual(self.sign_in_codes("shared@contoso.com"), [50057])
        client = self.dialogue()
        self.assertReply("ok", client.login("alice@contoso.com", PASSWORD))
        self.assertReply("accepted", self.send(client, "shared@contoso.com", "bob@example.net"))


class SendAs(CaseTest):
    case = "send-as"

    def message(self, from_, sender=None):
        sender_field = f"Sender: {sender}\r\n" if sender else ""
        return (f"From: {from_}\r\n{sender_field}To: partner@example.net\r\nSubject: scan\r\n\r\n"
                "scan\r\n").encode()

    def test_from_another_mailbox_is_denied_after_data_send_on_behalf_and_own_address_pass(self):
        client = self.dialogue()
        self.assertReply("ok", client.login("scanner@contoso.com", PASSWORD))
        self.assertEqual(self.send(client, "scanner@contoso.com", "partner@example.net",
                                   message=self.message("alice@contoso.com")),
                         "554 5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as "
                         "alice@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException."
                         "MapiExceptionSendAsDenied; Failed to process message due to a permanent "
                         "exception with message [BeginDiagnosticData]Cannot submit message.")
        self.assertReply("accepted", self.send(client, "scanner@contoso.com", "partner@example.net",
                                               message=self.message("bob@contoso.com", "scanner@contoso.com")))
        self.assertReply("accepted", self.send(client, "scanner@contoso.com", "partner@example.net",
                                               message=self.message("scanner@contoso.com")))


class ThirtyPerMinute(CaseTest):
    case = "thirty-per-minute"

    def test_the_31st_message_is_accepted_and_released_a_minute_later(self):
        client = self.dialogue()
        self.assertReply("ok", client.login("scanner@contoso.com", PASSWORD))
        for n in range(31):
            self.assertReply("accepted", self.send(client, "scanner@contoso.com", "alice@contoso.com",
                                                   marker=f"batch-{n}"))
        client.line("QUIT")
        messages = self.server.messages()
        self.assertEqual(len(messages), 31)
        held = [m for m in messages if m.get("released") and m["released"] != m["received"]]
        self.assertEqual(len(held), 1, messages[-1])


class Concurrency(CaseTest):
    case = "concurrency"

    def test_the_fourth_connection_gets_432_and_goes_through_once_one_closes(self):
        clients = [self.dialogue() for _ in range(4)]
        for c in clients:
            self.assertReply("ok", c.login("scanner@contoso.com", PASSWORD))
        for c in clients[:3]:
            self.assertReply("accepted", self.send(c, "scanner@contoso.com", "alice@contoso.com"))
        self.assertRegex(self.send(clients[3], "scanner@contoso.com", "alice@contoso.com"),
                         r"^432 4\.3\.2 Concurrent connections limit exceeded\. Visit "
                         r"https://aka\.ms/concurrent_sending for more information\. "
                         r"\[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]$")
        self.assertRegex(clients[0].line("QUIT"), "^221 ")
        self.assertReply("accepted", self.send(clients[3], "scanner@contoso.com", "alice@contoso.com"))


class DailyRecipientQuota(CaseTest):
    case = "daily-recipient-quota"

    def test_past_20_recipients_554_5_2_0_until_the_window_moves_on(self):
        client = self.dialogue()
        self.assertReply("ok", client.login("scanner@contoso.com", PASSWORD))
        for n in range(20):
            self.assertReply("accepted", self.send(client, "scanner@contoso.com", f"r{n}@contoso.com"))
        self.assertEqual(self.send(client, "scanner@contoso.com", "r20@contoso.com"),
                         "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; "
                         "Failed to process message due to a permanent exception with message "
                         "[BeginDiagnosticData]Cannot submit message.")
        self.admin("POST", "clock", {"advance": "24h"})
        self.assertReply("accepted", self.send(client, "scanner@contoso.com", "r21@contoso.com"))


class MessageTooLarge(CaseTest):
    case = "message-too-large"

    def test_above_max_send_size_554_5_2_0_a_smaller_scan_passes(self):
        client = self.dialogue()
        self.assertReply("ok", client.login("scanner@contoso.com", PASSWORD))
        big = (b"From: scanner@contoso.com\r\nSubject: scan\r\n\r\n" + (b"x" * 998 + b"\r\n") * 1100)
        self.assertReply("too_large", self.send(client, "scanner@contoso.com", "alice@contoso.com", message=big))
        self.assertReply("accepted", self.send(client, "scanner@contoso.com", "alice@contoso.com"))
        self.assertEqual(len(self.server.messages()), 1)


class Port465(CaseTest):
    case = "port-465"
    listeners = ("submission", "port-465")

    def test_465_never_greets_587_does(self):
        with socket.create_connection(("127.0.0.1", self.server.port("port-465")), timeout=1) as s:
            with self.assertRaises(socket.timeout):
                s.recv(1)
        self.assertRegex(self.dialogue(context=False).greeting[0], r"^220 ")


class Port25Blocked(CaseTest):
    case = "port-25-blocked"
    listeners = ("submission", "port-25")

    def test_a_silent_drop_times_out_a_closed_port_is_refused_587_works(self):
        with socket.create_connection(("127.0.0.1", self.server.port("port-25")), timeout=1) as s:
            with self.assertRaises(socket.timeout):
                s.recv(1)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed = probe.getsockname()[1]
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", closed), timeout=1)
        self.assertReply("ok", self.login("scanner@contoso.com"))


class StarttlsNotEnabled(CaseTest):
    case = "starttls-not-enabled"

    def test_plaintext_mail_gets_451_auth_gets_504_and_with_starttls_235(self):
        client = self.dialogue(context=False)
        client.line("EHLO printer.example")
        self.assertReply(r"504 5\.7\.4 Unrecognized authentication type" + DIAG, client.line("AUTH LOGIN"))
        self.assertReply(r"451 5\.7\.3 STARTTLS is required to send mail" + DIAG,
                         client.line("MAIL FROM:<scanner@contoso.com>"))
        self.assertReply("ok", self.login("scanner@contoso.com"))


class BasicRetiredOauth(CaseTest):
    case = "basic-retired-oauth"

    def test_auth_login_gets_550_5_7_30_xoauth2_235(self):
        self.assertReply(r"550 5\.7\.30 Basic authentication is not supported for Client Submission\." + DIAG,
                         self.login("scanner@contoso.com"))
        self.assertReply("ok", self.oauth("scanner@contoso.com", "case-token-scanner"))


class BasicDefaultOff2026(CaseTest):
    case = "basic-default-off-2026"

    def test_basic_is_off_by_default_until_the_admin_turns_it_back_on(self):
        self.assertReply(r"535 5\.7\.139 Authentication unsuccessful, basic authentication is disabled\." + DIAG,
                         self.login("scanner@contoso.com"))
        self.assertReply("ok", self.oauth("scanner@contoso.com", "case-token-scanner"))
        self.admin("PATCH", "basic-auth/Contoso", {"basic_auth_reenabled": True})
        self.assertReply("ok", self.login("scanner@contoso.com"))


class DirectSendInternal(CaseTest):
    case = "direct-send-internal"
    listeners = ("mx",)

    def test_internal_recipients_are_queued_external_ones_refused_at_rcpt(self):
        mx = self.dialogue(listener="mx", context=False)
        mx.line("EHLO printer.example")
        self.assertRegex(self.send(mx, "printer@contoso.com", "alice@contoso.com"), "^" + QUEUED + "$")
        self.assertRegex(self.send(mx, "printer@contoso.com", "partner@example.net"), "^" + RELAY_DENIED + "$")


class ConnectorRelay(CaseTest):
    case = "connector-relay"
    listeners = ("mx",)

    def test_the_connector_address_relays_outward_another_does_not(self):
        mx = self.dialogue(listener="mx", context=False)
        mx.line("EHLO printer.example")
        self.assertRegex(self.send(mx, "printer@contoso.com", "partner@example.net"), "^" + RELAY_DENIED + "$")
        mx = self.dialogue(listener="mx", context=False, source="127.0.0.2")
        mx.line("EHLO printer.example")
        self.assertRegex(self.send(mx, "printer@contoso.com", "partner@example.net"), "^" + QUEUED + "$")

    def test_the_connector_certificate_relays_outward_another_does_not(self):
        """The second connector matches a TLS client certificate's subject, whatever the address."""
        certs = tempfile.mkdtemp(prefix="exomock-case-cert-")
        self.addCleanup(shutil.rmtree, certs)
        outcomes = {}
        for cn in ("scanner.contoso.com", "rogue.example"):
            pem, key = os.path.join(certs, cn + ".pem"), os.path.join(certs, cn + ".key")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                            "-subj", f"/CN={cn}", "-keyout", key, "-out", pem], check=True, capture_output=True)
            context = tls_context()
            context.load_cert_chain(pem, key)
            mx = self.dialogue(listener="mx", context=context)
            mx.line("EHLO scanner.contoso.com")
            outcomes[cn] = self.send(mx, "scanner@contoso.com", "partner@example.net", marker=cn)
        self.assertRegex(outcomes["scanner.contoso.com"], "^" + QUEUED + "$")
        self.assertRegex(outcomes["rogue.example"], "^" + RELAY_DENIED + "$")
        paths = [m["path"] for m in self.server.messages() if m["rcpt_to"] == ["partner@example.net"]]
        self.assertIn("connector:Scanner certificate", paths)


class RejectDirectSend(CaseTest):
    case = "reject-direct-send"
    listeners = ("mx",)

    def test_550_5_7_68_until_reject_direct_send_is_off(self):
        mx = self.dialogue(listener="mx", context=False)
        mx.line("EHLO printer.example")
        refused = r"550 5\.7\.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources" + DIAG
        self.assertRegex(self.send(mx, "scanner@contoso.com", "alice@contoso.com"), "^" + refused + "$")
        self.admin("PATCH", "organization-config/Contoso", {"RejectDirectSend": False})
        mx = self.dialogue(listener="mx", context=False)
        mx.line("EHLO printer.example")
        self.assertRegex(self.send(mx, "scanner@contoso.com", "alice@contoso.com"), "^" + QUEUED + "$")


class ExpiredPassword(CaseTest):
    case = "expired-password"

    def test_50055_until_the_password_is_reset_without_a_change_at_next_sign_in(self):
        self.assertReply(ACCOUNT_ISSUE, self.login("printer@contoso.com"))
        self.admin("PATCH", "users/printer@contoso.com",
                   {"passwordProfile": {"password": "New-Passw0rd!", "forceChangePasswordNextSignIn": False}})
        self.assertReply("ok", self.login("printer@contoso.com", "New-Passw0rd!"))
        self.assertEqual(self.sign_in_codes("printer@contoso.com"), [50055, 0])


class DisabledAccount(CaseTest):
    case = "disabled-account"

    def test_50057_until_sign_in_is_unblocked(self):
        self.assertReply(ACCOUNT_ISSUE, self.login("printer@contoso.com"))
        self.admin("PATCH", "users/printer@contoso.com", {"accountEnabled": True})
        self.assertReply("ok", self.login("printer@contoso.com"))
        self.assertEqual(self.sign_in_codes("printer@contoso.com"), [50057, 0])


class CertificateName(CaseTest):
    case = "certificate-name"

    def probe(self, *args):
        result = subprocess.run([str(BINARY), "probe", "--server", f"127.0.0.1:{self.server.port()}",
                                 "--verify", *args], capture_output=True, timeout=60)
        return result.returncode, result.stdout.decode().splitlines()

    def test_untrusted_then_the_wrong_name_then_the_name_the_certificate_has(self):
        code, out = self.probe("--server-name", "smtp.office365.com")
        self.assertEqual((code, out[-2:]), (1, ["*  TLS handshake failed: certificate not accepted: "
                                                 "self-signed certificate", "*  probe failed"]))
        # The device trusts the lab's certificate (as it would a local CA) but is set to another name.
        client = self.dialogue()
        pem = ssl.DER_cert_to_PEM_cert(client.sock.getpeercert(binary_form=True))
        with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as f:
            f.write(pem)
        self.addCleanup(os.unlink, f.name)
        code, out = self.probe("--ca-file", f.name, "--server-name", "smtp.office365.com")
        self.assertEqual((code, out[-2:]), (1, ["*  TLS handshake failed: certificate not accepted: "
                                                 "hostname mismatch", "*  probe failed"]))
        code, out = self.probe("--ca-file", f.name, "--server-name", "mail.contoso.com")
        self.assertEqual(code, 0, "\n".join(out))
        self.assertRegex("\n".join(out), r"\*  TLS: TLSv1\.3 \S+, certificate verified")


class Library(unittest.TestCase):

    def run_cli(self, *args):
        return subprocess.run([str(BINARY), *args], capture_output=True, timeout=30)

    def test_every_case_has_a_test_here(self):
        listed = [line.split()[0] for line in self.run_cli("cases").stdout.decode().splitlines()]
        tested = {cls.case for cls in CaseTest.__subclasses__()}
        self.assertEqual(sorted(tested), listed)

    def test_docs_cases_md_is_what_cases_markdown_prints(self):
        from exomock_harness import REPO
        self.assertEqual((REPO / "docs" / "cases.md").read_bytes(), self.run_cli("cases", "--markdown").stdout,
                         "regenerate: build/exomock cases --markdown > docs/cases.md")

    def test_an_unknown_case_is_refused_with_exit_2(self):
        result = self.run_cli("serve", "--case", "no-such-case", "--ephemeral")
        self.assertEqual(result.returncode, 2)
        self.assertIn('no case named "no-such-case": `exomock cases` lists them', result.stderr.decode())

    def test_serve_needs_a_scenario_or_a_case(self):
        result = self.run_cli("serve")
        self.assertEqual(result.returncode, 2)
        self.assertIn("serve needs --scenario FILE or --case NAME", result.stderr.decode())


if __name__ == "__main__":
    unittest.main()
