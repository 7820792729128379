"""The Entra ID admin settings over HTTP, watched through a real client's next
AUTH (smtplib, exact reply lines), for the demo tenant's rows: a disabled
account, a password set and expired, per-user MFA and app passwords, smart
lockout and its reset, Conditional Access state, security defaults, the
authentication policy, Basic-auth retirement, and an application's grants
(XOAUTH2 with an app-only token from `exomock token`)."""

import base64
import unittest

from admin_client import AdminCase, Session, call, call_json
from exomock_harness import DEFAULT_SCENARIO, PASSWORD
from test_identity import EXACT, SCAN_APP

NEW_PASSWORD = "N3w-Demo-Passw0rd!"
APP_PASSWORD = "abcdefghijklmnop"


def xoauth2(user, token):
    return base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode()


class AdminEntra(AdminCase):

    patterns = EXACT

    def test_user_object(self):
        self.assertEqual(call_json(self, self.server, "GET", "/api/v1/admin/users/MFA@contoso.com"), {
            "userPrincipalName": "mfa@contoso.com", "displayName": "MFA User", "accountEnabled": True,
            "passwordProfile": {"forceChangePasswordNextSignIn": False}, "perUserMfaState": "enforced",
            "appPasswordCount": 1, "lockout": {"locked": False, "lockouts": 0, "lockedUntil": None}})
        self.assertEqual(call(self.server, "GET", "/api/v1/admin/users/nobody@contoso.com"),
                         (404, "no user 'nobody@contoso.com' in the scenario"))

    def test_account_enabled(self):
        path = "/api/v1/admin/users/disabled@contoso.com"
        self.assertAuth("issue", "disabled@contoso.com", PASSWORD)
        try:
            self.assertTrue(self.patch(path, {"accountEnabled": True})["accountEnabled"])
            self.assertAuth("ok", "disabled@contoso.com", PASSWORD)
        finally:
            self.patch(path, {"accountEnabled": False})
        self.assertAuth("issue", "disabled@contoso.com", PASSWORD)

    def test_password_set_and_expired(self):
        path = "/api/v1/admin/users/branch@contoso.com"
        ca = "/api/v1/admin/conditional-access/Contoso/Branch office only"
        self.patch(ca, {"state": "disabled"})
        try:
            self.assertAuth("ok", "branch@contoso.com", PASSWORD)
            self.patch(path, {"passwordProfile": {"password": NEW_PASSWORD}})
            self.assertAuth("credentials", "branch@contoso.com", PASSWORD)
            self.assertAuth("ok", "branch@contoso.com", NEW_PASSWORD)
            user = self.patch(path, {"passwordProfile": {"forceChangePasswordNextSignIn": True}})
            self.assertEqual(user["passwordProfile"], {"forceChangePasswordNextSignIn": True})
            self.assertAuth("issue", "branch@contoso.com", NEW_PASSWORD)
        finally:
            self.patch(path, {"passwordProfile": {"password": PASSWORD, "forceChangePasswordNextSignIn": False}})
            self.patch(ca, {"state": "enabled"})
        self.assertAuth("criteria", "branch@contoso.com", PASSWORD)
        # The new password is nowhere in the log.
        self.assertNotIn(NEW_PASSWORD, self.server.server_log())

    def test_per_user_mfa_and_app_passwords(self):
        path = "/api/v1/admin/users/mfa@contoso.com"
        self.assertAuth("criteria", "mfa@contoso.com", PASSWORD)
        self.assertAuth("ok", "mfa@contoso.com", APP_PASSWORD)
        # The loader's rule: app passwords need per-user MFA.
        self.assertEqual(call(self.server, "PATCH", path, {"perUserMfaState": "disabled"}),
                         (400, "app passwords of mailbox mfa@contoso.com need per_user_mfa = true"))
        try:
            user = self.patch(path, {"perUserMfaState": "disabled", "appPasswords": {"remove": [APP_PASSWORD]}})
            self.assertEqual((user["perUserMfaState"], user["appPasswordCount"]), ("disabled", 0))
            self.assertAuth("ok", "mfa@contoso.com", PASSWORD)
            self.assertAuth("credentials", "mfa@contoso.com", APP_PASSWORD)
        finally:
            self.patch(path, {"perUserMfaState": "enforced", "appPasswords": {"add": [APP_PASSWORD]}})
        self.assertAuth("criteria", "mfa@contoso.com", PASSWORD)
        self.assertAuth("ok", "mfa@contoso.com", APP_PASSWORD)
        self.assertEqual(call(self.server, "PATCH", path, {"perUserMfaState": "on"}),
                         (400, 'perUserMfaState must be one of "disabled", "enforced", not a string'))
        self.assertEqual(call(self.server, "PATCH", path, {"appPasswords": {"remove": ["zzzz"]}}),
                         (400, "appPasswords.remove: not an app password of mfa@contoso.com"))
        self.assertNotIn(APP_PASSWORD, self.server.server_log())

    def test_lockout_and_its_reset(self):
        session = Session(self.server)
        try:
            for n in range(10):  # the demo tenant's threshold, each a different wrong password
                session.auth("lockout@contoso.com", f"Wrong-{n}")
            self.assertLine("locked", session.auth("lockout@contoso.com", PASSWORD))
            locked = call_json(self, self.server, "GET", "/api/v1/admin/users/lockout@contoso.com")["lockout"]
            self.assertEqual((locked["locked"], locked["lockouts"]), (True, 1))
            user = call_json(self, self.server, "POST", "/api/v1/admin/users/lockout@contoso.com/reset-lockout")
            self.assertEqual(user["lockout"], {"locked": False, "lockouts": 0, "lockedUntil": None})
            self.assertLine("ok", session.auth("lockout@contoso.com", PASSWORD))
        finally:
            session.close()

    def test_conditional_access_state(self):
        path = "/api/v1/admin/conditional-access/contoso.com/Block legacy authentication"
        self.assertEqual(call_json(self, self.server, "GET", "/api/v1/admin/conditional-access/Contoso"), {
            "value": [{"displayName": "Block legacy authentication", "state": "enabled"},
                      {"displayName": "Branch office only", "state": "enabled"}]})
        self.assertAuth("criteria", "ca-blocked@contoso.com", PASSWORD)
        try:
            for state in ("disabled", "enabledForReportingButNotEnforced"):
                self.assertEqual(self.patch(path, {"state": state}),
                                 {"displayName": "Block legacy authentication", "state": state})
                self.assertAuth("ok", "ca-blocked@contoso.com", PASSWORD)
        finally:
            self.patch(path, {"state": "enabled"})
        self.assertAuth("criteria", "ca-blocked@contoso.com", PASSWORD)
        self.assertEqual(call(self.server, "PATCH", path, {"state": "off"}),
                         (400, "'state' in [[tenant.conditional_access]] must be one of \"enabled\", "
                               "\"disabled\", \"enabledForReportingButNotEnforced\""))
        self.assertEqual(call(self.server, "GET", "/api/v1/admin/conditional-access/Contoso/Nope"),
                         (404, "no Conditional Access policy 'Nope' in tenant 'Contoso'"))

    def test_security_defaults(self):
        path = "/api/v1/admin/security-defaults/fabrikam.com"
        self.assertAuth("defaults", "bob@fabrikam.com", PASSWORD)
        try:
            self.assertEqual(self.patch(path, {"isEnabled": False}), {"isEnabled": False})
            self.assertAuth("ok", "bob@fabrikam.com", PASSWORD)
        finally:
            self.patch(path, {"isEnabled": True})
        self.assertAuth("defaults", "bob@fabrikam.com", PASSWORD)

    def test_authentication_policy(self):
        path = "/api/v1/admin/authentication-policy/Contoso/Block Basic SMTP"
        self.assertAuth("basic", "legacy@contoso.com", PASSWORD)
        try:
            self.assertEqual(self.patch(path, {"AllowBasicAuthSmtp": True}),
                             {"Name": "Block Basic SMTP", "AllowBasicAuthSmtp": True})
            self.assertAuth("ok", "legacy@contoso.com", PASSWORD)
        finally:
            self.patch(path, {"AllowBasicAuthSmtp": False})
        self.assertAuth("basic", "legacy@contoso.com", PASSWORD)

    def test_basic_auth_retirement(self):
        path = "/api/v1/admin/basic-auth/Tailspin"
        self.assertAuth("retired", "dave@tailspin.com", PASSWORD)
        try:
            self.assertEqual(self.patch(path, {"basic_auth": "disabled"}),
                             {"basic_auth": "disabled", "basic_auth_reenabled": False})
            self.assertAuth("basic", "dave@tailspin.com", PASSWORD)
            self.patch(path, {"basic_auth_reenabled": True})
            self.assertAuth("ok", "dave@tailspin.com", PASSWORD)
            self.patch(path, {"basic_auth": "available", "basic_auth_reenabled": False})
            self.assertAuth("ok", "dave@tailspin.com", PASSWORD)
        finally:
            self.patch(path, {"basic_auth": "retired", "basic_auth_reenabled": False})
        self.assertAuth("retired", "dave@tailspin.com", PASSWORD)
        self.assertEqual(call(self.server, "PATCH", path, {"basic_auth": "gone"}),
                         (400, "'basic_auth' in [[tenant]] must be one of \"available\", \"disabled\", "
                               "\"retired\""))

    def test_application_grants(self):
        path = f"/api/v1/admin/applications/{SCAN_APP}"
        token = self.server.cli("token", "--scenario", str(DEFAULT_SCENARIO), "--user",
                                "scanner@contoso.com", "--app", SCAN_APP).stdout.decode().splitlines()[-1]

        def auth():
            session = Session(self.server)
            try:
                code, text = session.smtp.docmd("AUTH", "XOAUTH2 " + xoauth2("scanner@contoso.com", token))
                return f"{code} {text.decode()}"
            finally:
                session.close()

        self.assertLine("ok", auth())
        granted = {"appId": SCAN_APP, "displayName": "Contoso Scan App", "roles": ["SMTP.SendAsApp"],
                   "FullAccess": ["scanner@contoso.com"]}
        self.assertEqual(call_json(self, self.server, "GET", path), granted)
        try:
            self.assertEqual(self.patch(path, {"roles": []})["roles"], [])
            self.assertLine("token", auth())
            self.patch(path, {"roles": ["SMTP.SendAsApp"], "FullAccess": []})
            self.assertLine("token", auth())
        finally:
            self.patch(path, {"roles": ["SMTP.SendAsApp"], "FullAccess": ["scanner@contoso.com"]})
        self.assertLine("ok", auth())
        self.assertEqual(call(self.server, "PATCH", path, {"FullAccess": ["nobody@contoso.com"]}),
                         (400, "'nobody@contoso.com' (full_access of application 'Contoso Scan App') is "
                               "not a mailbox of this scenario"))


if __name__ == "__main__":
    unittest.main()
