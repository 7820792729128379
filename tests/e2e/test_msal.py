"""Microsoft's own client library against the token endpoint: Python MSAL (Debian's
python3-msal) with its authority at exomock's HTTPS listener and the local CA of
certs/make-ca.sh trusted, as a tester's app would be configured. Client credentials,
ROPC and device code each give a token that smtplib's AUTH XOAUTH2 turns into the exact
235; refusals come back as Entra's AADSTS errors and land in the sign-in log.
"""

import base64
import json
import smtplib
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

try:
    import msal
    import requests
except ImportError:  # Debian's package, when the tests run under another Python 3.11
    sys.path.append("/usr/lib/python3/dist-packages")
    import msal
    import requests

from admin_client import call_json
from exomock_harness import (DEFAULT_SCENARIO, PASSWORD, REPO, reply_line, Server, tls_context)

SCAN_APP = "0b5f8c2e-5d2a-4c7e-9a51-3f1c2d4e6a70"
MAIL_CLIENT = "4a7c2e91-3b5d-4f60-8e1a-9c2b7d3f5e14"
TENANT_ID = "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12"
APP_SCOPE = ["https://outlook.office365.com/.default"]
USER_SCOPE = ["https://outlook.office.com/SMTP.Send"]


def scenario_with_ca(directory):
    """The demo scenario, its https listener serving a certificate of a fresh local CA."""
    subprocess.run([str(REPO / "certs" / "make-ca.sh"), directory, "127.0.0.1", "localhost"],
                   check=True, capture_output=True)
    text = DEFAULT_SCENARIO.read_text()
    marker = 'tls = true\n'
    assert marker in text
    text = text.replace(marker, marker + f'certificate = "{directory}/server.pem"\n'
                                          f'key = "{directory}/server.key"\n', 1)
    path = Path(directory) / "scenario.toml"
    path.write_text(text)
    return path


class MsalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="exomock-msal-")
        cls.server = Server(scenario_with_ca(cls.dir))
        cls.session = requests.Session()
        cls.session.verify = f"{cls.dir}/ca.pem"
        cls.session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace the CA above
        cls.authority = f"https://127.0.0.1:{cls.server.port('https')}/contoso.com"
        # MSAL's ROPC first asks https://HOST/common/userrealm/USER on port 443, dropping the
        # authority's port (msal/authority.py user_realm_discovery); a host it has seen answer
        # 404 is skipped, which is what a tester on another port sets up (docs/token-endpoint.md).
        msal.authority.Authority._domains_without_user_realm_discovery.add("127.0.0.1")

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    def xoauth2(self, user, token):
        with smtplib.SMTP("127.0.0.1", self.server.port("submission")) as smtp:
            smtp.starttls(context=tls_context())
            smtp.ehlo()
            blob = base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode())
            return reply_line(*smtp.docmd("AUTH", "XOAUTH2 " + blob.decode()))

    def public_app(self):
        return msal.PublicClientApplication(MAIL_CLIENT, authority=self.authority,
                                            http_client=self.session, instance_discovery=False)

    def test_confidential_client_gets_an_app_only_token_smtp_accepts(self):
        app = msal.ConfidentialClientApplication(
            SCAN_APP, client_credential="Demo-App-Secret", authority=self.authority,
            http_client=self.session, instance_discovery=False)
        result = app.acquire_token_for_client(scopes=APP_SCOPE)
        self.assertEqual(result.get("token_type"), "Bearer", result)
        self.assertEqual(self.xoauth2("scanner@contoso.com", result["access_token"]),
                         "235 2.7.0 Authentication successful")

    def test_a_wrong_client_secret_is_aadsts7000215(self):
        app = msal.ConfidentialClientApplication(
            SCAN_APP, client_credential="not-the-secret", authority=self.authority,
            http_client=self.session, instance_discovery=False)
        result = app.acquire_token_for_client(scopes=APP_SCOPE)
        self.assertEqual(result["error"], "invalid_client")
        self.assertEqual(result["error_codes"], [7000215])
        self.assertEqual(result["error_description"].split("\r\n")[0],
                         "AADSTS7000215: Invalid client secret provided. Ensure the secret being "
                         "sent in the request is the client secret value, not the client secret ID, "
                         f"for a secret added to app '{SCAN_APP}'.")

    def test_ropc_gets_a_delegated_token_smtp_accepts(self):
        result = self.public_app().acquire_token_by_username_password(
            "scanner@contoso.com", PASSWORD, scopes=USER_SCOPE)
        self.assertIn("access_token", result, result)
        self.assertEqual(result["scope"], "https://outlook.office.com/SMTP.Send")
        self.assertIn("refresh_token", result)  # MSAL asks for offline_access itself
        self.assertEqual(result["id_token_claims"]["preferred_username"], "scanner@contoso.com")
        self.assertEqual(self.xoauth2("scanner@contoso.com", result["access_token"]),
                         "235 2.7.0 Authentication successful")

    def test_ropc_refusals_are_entras(self):
        cases = [("alice@contoso.com", "wrong", "invalid_grant", 50126,
                  "AADSTS50126: Error validating credentials due to invalid username or password."),
                 ("mfa@contoso.com", PASSWORD, "invalid_grant", 50076,
                  "AADSTS50076: Due to a configuration change made by your administrator, or "
                  "because you moved to a new location, you must use multi-factor authentication "
                  "to access '00000002-0000-0ff1-ce00-000000000000'."),
                 ("disabled@contoso.com", PASSWORD, "invalid_grant", 50057,
                  "AADSTS50057: The user account is disabled."),
                 ("branch@contoso.com", PASSWORD, "interaction_required", 53003,
                  "AADSTS53003: Access has been blocked by Conditional Access policies. The access "
                  "policy does not allow token issuance.")]
        for user, password, error, code, line in cases:
            with self.subTest(user=user):
                result = self.public_app().acquire_token_by_username_password(
                    user, password, scopes=USER_SCOPE)
                self.assertEqual(result["error"], error, result)
                self.assertEqual(result["error_codes"], [code])
                self.assertEqual(result["error_description"].split("\r\n")[0], line)

    def test_an_admin_change_decides_the_next_token_request(self):
        # The admin API replaces the live scenario; the token endpoint reads it per request,
        # as SMTP AUTH does, and logs each refusal in the sign-in log.
        path = "/api/v1/admin/users/scanner@contoso.com"
        ropc = lambda: self.public_app().acquire_token_by_username_password(
            "scanner@contoso.com", PASSWORD, scopes=USER_SCOPE)
        self.assertIn("access_token", ropc())
        try:
            user = call_json(self, self.server, "PATCH", path, {"accountEnabled": False})
            self.assertEqual(user["accountEnabled"], False)
            result = ropc()
            self.assertEqual((result.get("error"), result.get("error_codes")),
                             ("invalid_grant", [50057]), result)
            self.assertEqual(result["error_description"].split("\r\n")[0],
                             "AADSTS50057: The user account is disabled.")
            call_json(self, self.server, "PATCH", path,
                      {"accountEnabled": True, "perUserMfaState": "enforced"})
            result = ropc()
            self.assertEqual((result.get("error"), result.get("error_codes")),
                             ("invalid_grant", [50076]), result)
        finally:
            call_json(self, self.server, "PATCH", path,
                      {"accountEnabled": True, "perUserMfaState": "disabled"})
        self.assertIn("access_token", ropc())
        for code, reason in [(50057, "User account is disabled. The account has been disabled by "
                                     "an administrator."),
                             (50076, "Due to a configuration change made by your administrator, "
                                     "or because you moved to a new location, you must use "
                                     "multi-factor authentication to access the resource.")]:
            url = (f"{self.server.http_url()}/api/v1/signins/wait"
                   f"?user=scanner@contoso.com&error={code}&count=1&timeout=30s")
            entries = [e for e in self.session.get(url).json()["value"]
                       if e["status"]["errorCode"] == code]
            self.assertEqual(len(entries), 1, entries)
            self.assertEqual(entries[0]["appDisplayName"], "Contoso Mail Client")
            self.assertEqual(entries[0]["clientAppUsed"], "Mobile Apps and Desktop clients")
            self.assertEqual(entries[0]["status"]["failureReason"], reason)

    def test_device_code_is_approved_and_the_token_accepted(self):
        app = self.public_app()
        flow = app.initiate_device_flow(scopes=USER_SCOPE)
        self.assertIn("user_code", flow, flow)
        self.assertEqual(flow["verification_uri"], "https://microsoft.com/devicelogin")
        result = app.acquire_token_by_device_flow(flow)
        self.assertIn("access_token", result, result)
        self.assertEqual(self.xoauth2("scanner@contoso.com", result["access_token"]),
                         "235 2.7.0 Authentication successful")

    def test_exomock_token_without_the_servers_data_dir_signs_with_its_key(self):
        # The harness serves with --data-dir; `token` is given none and still agrees.
        out = self.server.cli("token", "--scenario", str(DEFAULT_SCENARIO),
                              "--user", "scanner@contoso.com").stdout.decode()
        self.assertEqual(self.xoauth2("scanner@contoso.com", out.splitlines()[-1]),
                         "235 2.7.0 Authentication successful")

    def test_exomock_token_can_ask_the_running_server(self):
        url = self.server.http_url()
        out = self.server.cli("token", "--server", url, "--user", "scanner@contoso.com").stdout
        self.assertEqual(self.xoauth2("scanner@contoso.com", out.decode().splitlines()[-1]),
                         "235 2.7.0 Authentication successful")
        app = self.server.cli("token", "--server", url, "--user", "scanner@contoso.com",
                              "--app", SCAN_APP).stdout
        self.assertEqual(self.xoauth2("scanner@contoso.com", app.decode().splitlines()[-1]),
                         "235 2.7.0 Authentication successful")
        refused = self.server.cli("token", "--server", url, "--user", "nobody@contoso.com",
                                  check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertEqual(refused.stderr.decode(),
                         f"exomock token: {url} answered 400: no mailbox nobody@contoso.com\n")

    def test_token_requests_are_in_the_sign_in_log(self):
        self.public_app().acquire_token_by_username_password("alice@contoso.com", "nope",
                                                             scopes=USER_SCOPE)
        # The wait route answers once the store has committed the record.
        url = (f"https://127.0.0.1:{self.server.port('https')}/api/v1/signins/wait"
               "?user=alice@contoso.com&error=50126&count=1&timeout=30s")
        entries = self.session.get(url).json()["value"]
        mine = [e for e in entries if e["userPrincipalName"] == "alice@contoso.com"]
        self.assertTrue(mine, entries)
        self.assertEqual(mine[0]["clientAppUsed"], "Mobile Apps and Desktop clients")
        self.assertEqual(mine[0]["appDisplayName"], "Contoso Mail Client")
        self.assertEqual(mine[0]["status"]["failureReason"],
                         "Error validating credentials due to invalid username or password.")


if __name__ == "__main__":
    unittest.main()
