"""`exomock admin` against the real server: a shell script's way to the admin API.
Each switch is flipped with the command line and watched through smtplib's next AUTH
(exact reply lines of the demo tenant); the server's errors come back on stderr with
their status and exit 2; an unreachable server or a bad URL exits 1; the API's token,
Basic login and the https listener's local CA are honoured; `scenario` prints what
`exomock check` accepts and `clock --advance 25h` answers the moved clock."""

import datetime
import json
import os
import subprocess
import tempfile
import unittest

from admin_client import AdminCase, first_auth
from exomock_harness import BINARY, PASSWORD, Server
from test_msal import scenario_with_ca

CAS_PRINTER = "/api/v1/admin/cas-mailbox/printer@contoso.com"


def admin(server_url, *args, env=None):
    """(exit code, stdout, stderr) of `exomock admin --server URL ARGS...`."""
    command = [str(BINARY), "admin"] + (["--server", server_url] if server_url else []) + list(args)
    result = subprocess.run(command, capture_output=True, timeout=60,
                            env={**os.environ, **(env or {})})
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def pretty(obj):
    """What the command prints for a JSON answer."""
    return json.dumps(obj, indent=2) + "\n"


def go_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class AdminCommandLine(AdminCase):

    def run_admin(self, *args, **kwargs):
        return admin(self.server.http_url(), *args, **kwargs)

    def assertPrints(self, expected, *args):
        self.assertEqual(self.run_admin(*args), (0, pretty(expected), ""))

    def test_set_cas_mailbox_decides_the_next_auth(self):
        def cas(value):
            return {"Identity": "printer@contoso.com", "PrimarySmtpAddress": "printer@contoso.com",
                    "SmtpClientAuthenticationDisabled": value}

        flag = "--smtp-client-authentication-disabled"
        self.assertPrints(cas(True), "get-cas-mailbox", "printer@contoso.com")
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))
        try:
            self.assertPrints(cas(False), "set-cas-mailbox", "printer@contoso.com", flag, "false")
            self.assertLine("ok", first_auth(self.server, "printer@contoso.com", PASSWORD))
            # null: follow the tenant, which has SMTP AUTH off.
            self.assertPrints(cas(None), "set-cas-mailbox", "printer@contoso.com", flag, "null")
            self.assertLine("tenant", first_auth(self.server, "printer@contoso.com", PASSWORD))
        finally:
            self.assertPrints(cas(True), "set-cas-mailbox", "printer@contoso.com", flag, "true")
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))

    def test_set_transport_config_decides_the_next_auth(self):
        flag = "--smtp-client-authentication-disabled"
        self.assertLine("tenant", first_auth(self.server, "alice@contoso.com", PASSWORD))
        try:
            self.assertPrints({"SmtpClientAuthenticationDisabled": False, "AllowLegacyTLSClients": False},
                              "set-transport-config", "contoso.com", flag, "false")
            self.assertLine("ok", first_auth(self.server, "alice@contoso.com", PASSWORD))
        finally:
            self.assertPrints({"SmtpClientAuthenticationDisabled": True, "AllowLegacyTLSClients": False},
                              "set-transport-config", "Contoso", flag, "true")
        self.assertLine("tenant", first_auth(self.server, "alice@contoso.com", PASSWORD))

    def test_the_server_from_the_environment(self):
        code, out, err = admin(None, "get-organization-config", "Fabrikam",
                               env={"EXOMOCK_SERVER": self.server.http_url()})
        self.assertEqual((code, out, err), (0, pretty({"RejectDirectSend": True}), ""))

    def test_a_name_with_spaces_is_one_path_segment(self):
        self.assertPrints({"displayName": "Branch office only", "state": "enabled"},
                          "get-conditional-access", "Contoso", "Branch office only")
        listed = json.loads(self.run_admin("get-conditional-access", "Contoso")[1])
        self.assertIn({"displayName": "Branch office only", "state": "enabled"}, listed["value"])

    def test_unknown_mailbox_is_the_servers_404(self):
        self.assertEqual(
            self.run_admin("set-cas-mailbox", "nobody@contoso.com",
                           "--smtp-client-authentication-disabled", "false"),
            (2, "", f"exomock admin: {self.server.http_url()} answered 404 Not Found: "
                    "no mailbox 'nobody@contoso.com' in the scenario\n"))

    def test_a_bad_value_is_left_to_the_servers_validator(self):
        self.assertEqual(
            self.run_admin("set-cas-mailbox", "printer@contoso.com",
                           "--smtp-client-authentication-disabled", "no"),
            (2, "", f"exomock admin: {self.server.http_url()} answered 400 Bad Request: "
                    "SmtpClientAuthenticationDisabled must be true, false or null, not a string\n"))
        self.assertLine("mailbox", first_auth(self.server, "printer@contoso.com", PASSWORD))

    def test_set_user_password_is_never_shown(self):
        secret = "Fresh-Passw0rd-4-cli!"
        try:
            code, out, err = self.run_admin("set-user", "scanner@contoso.com", "--password", secret)
            self.assertEqual((code, err), (0, ""))
            self.assertNotIn(secret, out)
            self.assertEqual(json.loads(out)["userPrincipalName"], "scanner@contoso.com")
            self.assertLine("ok", first_auth(self.server, "scanner@contoso.com", secret))
            self.assertLine("credentials", first_auth(self.server, "scanner@contoso.com", PASSWORD))
            code, out, err = self.run_admin("audit", "--limit", "1")
            self.assertEqual((code, err), (0, ""))
            self.assertNotIn(secret, out)
            self.assertEqual(json.loads(out)["entries"][0]["fields"]["password"], "********")
        finally:
            self.assertEqual(self.run_admin("set-user", "scanner@contoso.com", "--password", PASSWORD)[0], 0)
        self.assertLine("ok", first_auth(self.server, "scanner@contoso.com", PASSWORD))

    def test_scenario_passes_check(self):
        code, toml, err = self.run_admin("scenario")
        self.assertEqual((code, err), (0, ""))
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(toml)
        self.addCleanup(os.unlink, f.name)
        checked = subprocess.run([str(BINARY), "check", f.name], capture_output=True, timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stderr.decode())

    def test_clock_advance_answers_the_new_time(self):
        code, out, err = self.run_admin("clock")
        self.assertEqual((code, err), (0, ""))
        before = go_time(json.loads(out)["now"])
        code, out, err = self.run_admin("clock", "--advance", "25h")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(list(json.loads(out)), ["now"])
        moved = go_time(json.loads(out)["now"]) - before
        # 25 hours plus the little time between the two calls.
        self.assertGreaterEqual(moved, datetime.timedelta(hours=25))
        self.assertLess(moved, datetime.timedelta(hours=25, minutes=5))
        self.assertEqual(self.run_admin("clock", "--advance", "a day"),
                         (2, "", f"exomock admin: {self.server.http_url()} answered 400 Bad Request: "
                                 'advance must be a duration such as "90s", "25h" or "1h30m"\n'))

    def test_unreachable_server_and_bad_url_exit_1(self):
        with socket_closed_port() as port:
            self.assertEqual(admin(f"http://127.0.0.1:{port}", "scenario"),
                             (1, "", f"exomock admin: cannot reach http://127.0.0.1:{port}: "
                                     "Connection refused\n"))
        self.assertEqual(admin("ftp://127.0.0.1:21", "scenario"),
                         (1, "", "exomock admin: the server URL must be http://HOST:PORT or "
                                 "https://HOST:PORT, got 'ftp://127.0.0.1:21'\n"))
        code, out, err = admin("http://user:s3cret@127.0.0.1:1", "scenario")
        self.assertEqual((code, out), (1, ""))
        self.assertNotIn("s3cret", err)

    def test_usage_errors_exit_2(self):
        code, _, err = self.run_admin("clock", "--advance", "1h", "--set", "2026-12-31T09:00:00Z")
        self.assertEqual(code, 2)
        self.assertIn("excludes", err)
        self.assertEqual(self.run_admin("set-cas-mailbox")[0], 2)


class socket_closed_port:
    """A port on 127.0.0.1 nobody listens on (bound, then closed)."""

    def __enter__(self):
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def __exit__(self, *exc):
        return False


class AdminCommandLineAccess(unittest.TestCase):
    """serve --http-token and --http-auth: the command sends what it is given."""

    @classmethod
    def setUpClass(cls):
        cls.token = "cli-test-token-7f3a"
        cls.server = Server(extra_args=["--http-token", cls.token, "--http-auth", "ops:op-Passw0rd"])

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def test_token_and_login(self):
        url = self.server.http_url()
        expected = (0, pretty({"RejectDirectSend": True}), "")
        self.assertEqual(admin(url, "--http-token", self.token, "get-organization-config", "Fabrikam"),
                         expected)
        self.assertEqual(admin(url, "get-organization-config", "Fabrikam", "--http-auth", "ops:op-Passw0rd"),
                         expected)

    def test_a_wrong_token_is_the_servers_401(self):
        url = self.server.http_url()
        unauthorized = (2, "", f"exomock admin: {url} answered 401 Unauthorized: Unauthorized.\n")
        self.assertEqual(admin(url, "--http-token", "wrong-token-9b2c", "get-organization-config",
                               "Fabrikam"), unauthorized)
        self.assertEqual(admin(url, "--http-auth", "ops:wrong-Passw0rd", "get-organization-config",
                               "Fabrikam"), unauthorized)
        self.assertEqual(admin(url, "get-organization-config", "Fabrikam"), unauthorized)


class AdminCommandLineHttps(unittest.TestCase):
    """The https listener with a certificate of a local CA: --ca-file trusts it; without it
    the system store does not, and the command says so."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="exomock-admin-cli-")
        cls.server = Server(scenario_with_ca(cls.dir))

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def test_ca_file(self):
        for host in ("127.0.0.1", "localhost"):
            url = f"https://{host}:{self.server.port('https')}"
            self.assertEqual(admin(url, "--ca-file", f"{self.dir}/ca.pem", "get-security-defaults",
                                   "fabrikam.com"),
                             (0, pretty({"isEnabled": True}), ""))

    def test_without_the_ca_the_certificate_is_refused(self):
        url = f"https://127.0.0.1:{self.server.port('https')}"
        code, out, err = admin(url, "get-security-defaults", "fabrikam.com")
        self.assertEqual((code, out), (1, ""))
        self.assertTrue(err.startswith(f"exomock admin: cannot reach {url}: certificate verify failed"),
                        err)


if __name__ == "__main__":
    unittest.main()

    def test_a_tenant_per_test_from_a_shell_script(self):
        code, out, err = self.run_admin(
            "create-tenant", "--domain", "cli-run.example.test",
            "--json", '{"smtp_client_authentication_disabled": false, "mailboxes": [{"address": "printer"}]}')
        self.assertEqual((code, err), (0, ""))
        created = json.loads(out)
        self.assertEqual(created["domain"], "cli-run.example.test")
        printer = created["mailboxes"][0]
        self.assertEqual(printer["address"], "printer@cli-run.example.test")
        self.assertAuth("ok", printer["address"], printer["password"])
        self.assertEqual(json.loads(self.run_admin("get-tenant", created["id"])[1])["domains"],
                         ["cli-run.example.test"])
        self.assertEqual(self.run_admin("create-tenant", "--json", "[1]"),
                         (2, "", f"exomock admin: {self.server.http_url()} answered 400 Bad Request: "
                                 "the body must be a JSON object, not an array\n"))
        self.assertPrints({"id": created["id"], "messages_deleted": 0, "sign_ins_deleted": 1},
                          "delete-tenant", created["id"])
        self.assertEqual(self.run_admin("get-tenant", created["id"])[0], 2)
