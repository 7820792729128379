"""Every login of the demo spec (Contoso, Fabrikam, Tailspin) through two real clients each.

AUTH LOGIN through Python smtplib and swaks; AUTH XOAUTH2 through Python smtplib and
nodemailer with tokens from `exomock token`. Each attempt must give the exact reply line of
the spec and exactly one matching event in `exomock signins --json`; send-as is checked in
the captured store; smart lockout is shared across sessions and times out.
"""

import base64
import json
import os
import re
import smtplib
import ssl
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from admin_client import call
from exomock_harness import (BINARY, DEFAULT_SCENARIO, DIAG, message_bytes, PASSWORD, REPLIES,
                             reply_line, ServerTestCase, tls_context, unique_marker)

HERE = Path(__file__).resolve().parent
SCAN_APP = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70"

EXACT = dict(REPLIES)
EXACT.update({
    "criteria": (r"535 5\.7\.139 Authentication unsuccessful, the request did not meet the criteria "
                 r"to be authenticated successfully\. Contact your administrator\." + DIAG),
    "basic": r"535 5\.7\.139 Authentication unsuccessful, basic authentication is disabled\." + DIAG,
    "issue": (r"535 5\.7\.139 Authentication unsuccessful, account has an issue\. Contact your "
              r"administrator\." + DIAG),
    "locked": (r"535 5\.7\.139 Authentication unsuccessful, account locked\. Contact your "
               r"administrator\." + DIAG),
    "defaults": (r"535 5\.7\.139 Authentication unsuccessful, user is locked by your organization's "
                 r"security defaults policy\. Contact your administrator\." + DIAG),
    "retired": r"550 5\.7\.30 Basic authentication is not supported for Client Submission\." + DIAG,
    "token": r"535 5\.7\.3 Authentication unsuccessful" + DIAG,
})

# (login, secret, reply, errorCode, conditionalAccessStatus): the AUTH LOGIN tables of demo-tenant.md.
LOGIN_ROWS = [
    ("scanner@contoso.com", PASSWORD, "ok", 0, "notApplied"),
    ("alice@contoso.com", PASSWORD, "tenant", 0, "notApplied"),
    ("printer@contoso.com", PASSWORD, "mailbox", 0, "notApplied"),
    ("mfa@contoso.com", PASSWORD, "criteria", 50076, "notApplied"),
    ("mfa@contoso.com", "abcdefghijklmnop", "ok", 0, "notApplied"),
    ("legacy@contoso.com", PASSWORD, "basic", 0, "notApplied"),
    ("ca-blocked@contoso.com", PASSWORD, "criteria", 53003, "failure"),
    ("branch@contoso.com", PASSWORD, "criteria", 53003, "failure"),
    ("disabled@contoso.com", PASSWORD, "issue", 50057, "notApplied"),
    ("shared@contoso.com", PASSWORD, "issue", 50057, "notApplied"),
    ("nobody@contoso.com", PASSWORD, "credentials", 50034, "notApplied"),
    ("scanner@contoso.com", "Not-The-Passw0rd", "credentials", 50126, "notApplied"),
    ("bob@fabrikam.com", PASSWORD, "defaults", 530035, "notApplied"),
    ("dave@tailspin.com", PASSWORD, "retired", 0, "notApplied"),
]

# (login, token options, reply, errorCode): the XOAUTH2 column, app-only and refused tokens.
XOAUTH2_ROWS = [
    ("legacy@contoso.com", {}, "ok", 0),
    ("bob@fabrikam.com", {}, "ok", 0),
    ("dave@tailspin.com", {}, "ok", 0),
    ("scanner@contoso.com", {"app": SCAN_APP}, "ok", 0),
    ("alice@contoso.com", {}, "tenant", 0),
    ("printer@contoso.com", {}, "mailbox", 0),
    ("alice@contoso.com", {"app": SCAN_APP}, "token", 65001),
    ("bob@fabrikam.com", {"audience": "https://graph.microsoft.com"}, "token", 500011),
    ("bob@fabrikam.com", {"expires_in": -60}, "token", 500133),
]

GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def xoauth2(user, token):
    return base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode()


class IdentityCase(ServerTestCase):
    """Clients, tokens and the sign-in log of the class's server."""

    def token(self, user, app=None, audience=None, expires_in=None):
        # No --data-dir: the key never depends on the server's (it has one).
        args = ["token", "--scenario", str(self.scenario), "--user", user]
        if app:
            args += ["--app", app]
        if audience:
            args += ["--audience", audience]
        if expires_in is not None:
            args += [f"--expires-in={expires_in}"]
        return self.server.cli(*args).stdout.decode().splitlines()[-1]

    def signins(self):
        result = self.server.cli("signins", "--data-dir", self.server.data_dir, "--json")
        return result.stdout.decode()

    def new_events(self, before, upn):
        """Events logged since `before` events, waiting for the store's lazy commit."""
        deadline = time.monotonic() + 10
        while True:
            lines = [l for l in self.signins().splitlines() if l.strip()]
            fresh = [json.loads(l) for l in lines[before:]]
            if any(e["userPrincipalName"] == upn for e in fresh) or time.monotonic() > deadline:
                return [e for e in fresh if e["userPrincipalName"] == upn], lines[before:]
            time.sleep(0.05)

    def event_count(self):
        """Events logged so far, once earlier attempts' lazy commits (200 ms) have landed."""
        count = -1
        while True:
            now = len([l for l in self.signins().splitlines() if l.strip()])
            if now == count:
                return now
            count = now
            time.sleep(0.3)

    def assertSignIn(self, before, upn, error_code, ca, method, secret, app_id=None):
        events, raw = self.new_events(before, upn)
        self.assertEqual(len(events), 1, f"expected one event for {upn}, got {events}")
        e = events[0]
        self.assertRegex(e["id"], "^" + GUID + "$")
        self.assertRegex(e["createdDateTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(e["appDisplayName"], "Office 365 Exchange Online")
        self.assertEqual(e["clientAppUsed"], "Authenticated SMTP")
        self.assertEqual(e["ipAddress"], "127.0.0.1")
        self.assertEqual(e["conditionalAccessStatus"], ca)
        self.assertEqual(e["status"]["errorCode"], error_code)
        self.assertTrue(e["status"]["failureReason"])
        self.assertEqual(e["authenticationMethod"], method)
        if app_id:
            self.assertEqual(e["appId"], app_id)
        for line in raw:
            self.assertNotIn(secret, line, "a secret reached the sign-in log")

    def assertLine(self, kind, line):
        self.assertRegex(line, "^" + EXACT.get(kind, kind) + "$")

    # --- clients -------------------------------------------------------------------------
    def smtplib_client(self):
        client = smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30)
        self.addCleanup(client.close)
        client.starttls(context=tls_context())
        client.ehlo("scanner.local")
        return client

    def smtplib_login(self, user, secret):
        client = self.smtplib_client()
        try:
            code, text = client.login(user, secret)
        except smtplib.SMTPAuthenticationError as e:
            code, text = e.smtp_code, e.smtp_error
        return f"{code} {text.decode()}"

    def swaks_login(self, user, secret):
        result = subprocess.run(
            ["swaks", "--server", "127.0.0.1", "--port", str(self.server.port()), "--tls",
             "--auth", "LOGIN", "--auth-user", user, "--auth-password", secret, "--quit-after",
             "AUTH", "--helo", "scanner.local", "--timeout", "30"], capture_output=True, timeout=60)
        lines = [raw[4:] for raw in result.stdout.decode(errors="replace").splitlines()
                 if raw[:2] in ("<-", "<~")]
        return [l for l in lines if l[:3] in ("235", "535", "550")][-1]

    def smtplib_xoauth2(self, user, token):
        client = self.smtplib_client()
        code, text = client.docmd("AUTH", "XOAUTH2 " + xoauth2(user, token))
        return f"{code} {text.decode()}"

    def nodemailer_xoauth2(self, user, token, sender=None, recipient="someone@example.net",
                           body=None):
        body = body or message_bytes(sender or user, recipient, unique_marker(self))
        with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
            f.write(body)
        self.addCleanup(os.unlink, f.name)
        result = subprocess.run(
            ["node", str(HERE / "send_nodemailer.js"), "XOAUTH2", str(self.server.port()), user, token,
             sender or user, recipient, f.name], capture_output=True, timeout=60, cwd=HERE)
        self.assertEqual(result.returncode, 0, result.stderr)
        outcome = json.loads(result.stdout)
        lines = outcome["lines"] + ([outcome["error"]] if outcome["error"] else [])
        auth = [l for l in lines if re.match(r"^(235|535|550) ", l)]
        return auth[-1] if auth else "\n".join(lines), lines


class DemoLogins(IdentityCase):

    def test_auth_login_rows_through_smtplib_and_swaks(self):
        for client in (self.smtplib_login, self.swaks_login):
            for user, secret, kind, code, ca in LOGIN_ROWS:
                with self.subTest(client=client.__name__, user=user, secret=secret == PASSWORD):
                    before = self.event_count()
                    self.assertLine(kind, client(user, secret))
                    self.assertSignIn(before, user, code, ca, "LOGIN", secret)

    def test_xoauth2_rows_through_smtplib_and_nodemailer(self):
        for client in ("smtplib", "nodemailer"):
            for user, options, kind, code in XOAUTH2_ROWS:
                with self.subTest(client=client, user=user, **options):
                    token = self.token(user, **options)
                    before = self.event_count()
                    if client == "smtplib":
                        line = self.smtplib_xoauth2(user, token)
                    else:
                        line, _ = self.nodemailer_xoauth2(user, token)
                    self.assertLine(kind, line)
                    self.assertSignIn(before, user, code, "notApplied", "XOAUTH2", token,
                                      options.get("app"))

    def test_scenario_opaque_tokens_still_work(self):
        self.assertLine("ok", self.smtplib_xoauth2("bob@fabrikam.com", "demo-token-bob"))
        self.assertLine("token", self.smtplib_xoauth2("bob@fabrikam.com", "demo-token-wrong"))

    def test_tampered_token_is_refused(self):
        header, payload, signature = self.token("bob@fabrikam.com").split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["upn"] = claims["unique_name"] = "legacy@contoso.com"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        self.assertLine("token", self.smtplib_xoauth2("legacy@contoso.com",
                                                      f"{header}.{forged}.{signature}"))

    def test_token_claims_as_entra_puts_them(self):
        delegated = self.decoded(self.token("bob@fabrikam.com"))
        self.assertEqual(delegated["aud"], "https://outlook.office.com")
        self.assertEqual(delegated["iss"], f"https://sts.windows.net/{delegated['tid']}/")
        self.assertEqual(delegated["upn"], "bob@fabrikam.com")
        self.assertEqual(delegated["scp"], "SMTP.Send")
        self.assertEqual(delegated["exp"] - delegated["iat"], 3600)
        app = self.decoded(self.token("scanner@contoso.com", app=SCAN_APP))
        self.assertEqual(app["aud"], "https://outlook.office365.com")
        self.assertEqual(app["appid"], SCAN_APP)
        self.assertEqual(app["roles"], ["SMTP.SendAsApp"])
        self.assertNotIn("scp", app)
        self.assertNotIn("upn", app)

    @staticmethod
    def decoded(token):
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class SendAs(IdentityCase):

    def send(self, client, sender, marker):
        client.mail(sender)
        client.rcpt("someone@example.net")
        try:
            code, text = client.data(message_bytes(sender, "someone@example.net", marker))
        except smtplib.SMTPDataError as e:
            code, text = e.smtp_code, e.smtp_error
        return f"{code} {text.decode()}"

    def captured(self, marker):
        return [m for m in self.server.messages() if marker.encode() in self.server.raw(m["id"])]

    def test_send_as_allowed_and_denied_over_auth_login(self):
        client = self.smtplib_client()
        client.login("scanner@contoso.com", PASSWORD)
        allowed, denied = unique_marker(self) + "-shared", unique_marker(self) + "-alice"
        self.assertLine("accepted", self.send(client, "shared@contoso.com", allowed))
        self.assertLine(r"554 5\.2\.252 SendAsDenied; scanner@contoso\.com not allowed to send as "
                        r"alice@contoso\.com; .*", self.send(client, "alice@contoso.com", denied))
        [stored] = self.captured(allowed)
        self.assertEqual((stored["login"], stored["mail_from"]),
                         ("scanner@contoso.com", "shared@contoso.com"))
        self.assertEqual(self.captured(denied), [])

    def test_app_only_token_sends_as_the_user_mailbox(self):
        token = self.token("scanner@contoso.com", app=SCAN_APP)
        client = self.smtplib_client()
        self.assertLine("ok", f"{client.docmd('AUTH', 'XOAUTH2 ' + xoauth2('scanner@contoso.com', token))[0]}"
                              " 2.7.0 Authentication successful")
        marker = unique_marker(self)
        self.assertLine("accepted", self.send(client, "scanner@contoso.com", marker))
        self.assertEqual(self.captured(marker)[0]["login"], "scanner@contoso.com")

    def test_nodemailer_xoauth2_send_as_denied_and_allowed(self):
        token = self.token("scanner@contoso.com", app=SCAN_APP)
        marker = unique_marker(self)
        _, lines = self.nodemailer_xoauth2("scanner@contoso.com", token, sender="alice@contoso.com",
                                           body=message_bytes("alice@contoso.com",
                                                              "someone@example.net", marker))
        self.assertTrue(any(l.startswith("554 5.2.252 SendAsDenied; scanner@contoso.com") for l in lines),
                        lines)
        self.assertEqual(self.captured(marker), [])
        marker = unique_marker(self) + "-ok"
        _, lines = self.nodemailer_xoauth2("scanner@contoso.com", token, sender="shared@contoso.com",
                                           body=message_bytes("shared@contoso.com",
                                                              "someone@example.net", marker))
        self.assertEqual(self.captured(marker)[0]["mail_from"], "shared@contoso.com")


class SmartLockoutAcrossSessions(IdentityCase):

    def test_ten_wrong_passwords_lock_every_session(self):
        for i in range(10):
            self.assertLine("credentials", self.smtplib_login("lockout@contoso.com", f"Wrong-{i}"))
        before = self.event_count()
        self.assertLine("locked", self.swaks_login("lockout@contoso.com", PASSWORD))
        self.assertSignIn(before, "lockout@contoso.com", 50053, "notApplied", "LOGIN", PASSWORD)
        before = self.event_count()
        self.assertLine("locked", self.smtplib_login("lockout@contoso.com", PASSWORD))
        self.assertSignIn(before, "lockout@contoso.com", 50053, "notApplied", "LOGIN", PASSWORD)


class SmartLockoutTiming(IdentityCase):
    """The demo's 60 s first lockout, waited out by moving the scenario clock through the
    admin API (POST /api/v1/admin/clock) rather than by sleeping: a loaded machine cannot
    make a lockout end before its check."""

    def advance(self, duration):
        status, text = call(self.server, "POST", "/api/v1/admin/clock", {"advance": duration})
        self.assertEqual(status, 200, text)

    def test_lockout_ends_and_the_next_one_lasts_longer(self):
        for i in range(10):
            self.smtplib_login("lockout@contoso.com", f"Wrong-{i}")
        self.assertLine("locked", self.smtplib_login("lockout@contoso.com", PASSWORD))
        self.advance("61s")
        # Locked again after one more failure, now for 120 s.
        self.assertLine("credentials", self.smtplib_login("lockout@contoso.com", "Wrong-after"))
        self.assertLine("locked", self.swaks_login("lockout@contoso.com", PASSWORD))
        self.advance("61s")
        self.assertLine("locked", self.smtplib_login("lockout@contoso.com", PASSWORD))
        self.advance("60s")
        self.assertLine("ok", self.swaks_login("lockout@contoso.com", PASSWORD))


if __name__ == "__main__":
    unittest.main()
