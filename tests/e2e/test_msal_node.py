"""Microsoft's Node.js library against the token endpoint: @azure/msal-node's
ConfidentialClientApplication.acquireTokenByClientCredential with its authority at
exomock's https listener and the local CA of certs/make-ca.sh trusted through
NODE_EXTRA_CA_CERTS, as a Node daemon would be configured; the token then sends a
message with nodemailer's AUTH XOAUTH2 (the exact 235, the message captured). A wrong
secret comes back as msal-node's ServerError carrying Entra's AADSTS7000215.
"""

import base64
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from exomock_harness import ServerTestCase, message_bytes, unique_marker
from test_msal import APP_SCOPE, SCAN_APP, TENANT_ID, scenario_with_ca

HERE = Path(__file__).resolve().parent


def jwt_claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class MsalNodeTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="exomock-msal-node-")
        cls.scenario = scenario_with_ca(cls.dir)
        super().setUpClass()
        cls.authority = f"https://127.0.0.1:{cls.server.port('https')}/contoso.com"

    def node(self, script, *args):
        env = dict(os.environ, NODE_EXTRA_CA_CERTS=f"{self.dir}/ca.pem")
        for proxy in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
            env.pop(proxy, None)
        result = subprocess.run(["node", str(HERE / script), *args], capture_output=True,
                                timeout=60, cwd=HERE, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def acquire(self, secret):
        return self.node("msal_node_token.mjs", self.authority, SCAN_APP, secret, APP_SCOPE[0])

    def test_client_credentials_token_sends_over_xoauth2(self):
        result = self.acquire("Demo-App-Secret")
        token = result.pop("accessToken", None)
        self.assertIsNotNone(token, result)
        # tenantId is the id token's tid: an app-only reply has none.
        self.assertEqual(result, {"tokenType": "Bearer", "scopes": APP_SCOPE, "tenantId": "",
                                  "fromCache": False})
        claims = jwt_claims(token)
        self.assertEqual((claims["aud"], claims["appid"], claims["tid"], claims["roles"]),
                         ("https://outlook.office365.com", SCAN_APP, TENANT_ID, ["SMTP.SendAsApp"]))
        marker = unique_marker(self)
        with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
            f.write(message_bytes("scanner@contoso.com", "someone@example.net", marker))
        self.addCleanup(os.unlink, f.name)
        sent = self.node("send_nodemailer.js", "XOAUTH2", str(self.server.port()),
                         "scanner@contoso.com", token, "scanner@contoso.com",
                         "someone@example.net", f.name)
        self.assertIsNone(sent["error"], sent)
        self.assertIn("235 2.7.0 Authentication successful", sent["lines"])
        self.assertReply("accepted", sent["lines"][-2] if sent["lines"][-1].startswith("221")
                         else sent["lines"][-1])
        _, raw = self.captured_by_marker(marker)
        self.assertEqual(raw, message_bytes("scanner@contoso.com", "someone@example.net", marker))

    def test_a_wrong_secret_is_a_server_error_with_aadsts7000215(self):
        result = self.acquire("not-the-secret")
        self.assertEqual((result["name"], result["errorCode"], result["errorNo"]),
                         ("ServerError", "invalid_client", 7000215), result)
        self.assertEqual(
            result["errorMessage"].split("\r\n")[0].split(" - Description: ", 1)[1],
            "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the "
            "request is the client secret value, not the client secret ID, for a secret added to "
            f"app '{SCAN_APP}'.")


if __name__ == "__main__":
    unittest.main()
