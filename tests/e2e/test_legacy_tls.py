"""TLS 1.0/1.1 clients under each tls_mode (scenarios/legacy-tls.toml), with openssl s_client
forced to the old versions and msmtp forced through GnuTLS priorities; TLS 1.2/1.3 clients; a
TLS 1.2-only listener with its own cipher list. Each old client is checked to have really
negotiated the old version."""

import os
import re
import subprocess
import unittest

from exomock_harness import BINARY, DIAG, PASSWORD, REPO, Server, b64

SCENARIO = REPO / "scenarios" / "legacy-tls.toml"
LISTENERS = ("exchange", "refuse", "allow", "legacy", "tls12-only")
OLD_CLIENT = ("-cipher", "DEFAULT:@SECLEVEL=0")  # OpenSSL 3 offers TLS 1.0/1.1 only at level 0
TLS_4_7_66 = (r"421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\. Please upgrade/update your client to "
              r"support TLS 1\.2\. Visit https://aka\.ms/smtp_auth_tls\." + DIAG)
OLD_VERSIONS = (("-tls1", "TLSv1"), ("-tls1_1", "TLSv1.1"))
GNUTLS_OLD = (("TLS1.0", "TLSv1"), ("TLS1.1", "TLSv1.1"))


def s_client(port, *options, dialogue="QUIT\n"):
    result = subprocess.run(["openssl", "s_client", "-starttls", "smtp", "-connect", f"127.0.0.1:{port}",
                             "-crlf", "-ign_eof", *options], input=dialogue.encode(),
                            capture_output=True, timeout=60)
    out = (result.stdout + result.stderr).decode(errors="replace")
    return result.returncode, out, [l.rstrip("\r") for l in result.stdout.decode(errors="replace").splitlines()
                                    if l[:3].isdigit()]


def auth_login(user):
    return f"EHLO device.local\nAUTH LOGIN\n{b64(user)}\n{b64(PASSWORD)}\nQUIT\n"


def msmtp(port, user, priority):
    result = subprocess.run(
        ["msmtp", "--debug", "--host=127.0.0.1", f"--port={port}", "--tls=on", "--tls-starttls=on",
         "--tls-certcheck=off", f"--tls-priorities=NORMAL:-VERS-ALL:+VERS-{priority}:%NO_EXTENSIONS",
         "--auth=login", f"--user={user}", f"--passwordeval=printf %s '{PASSWORD}'", f"--from={user}",
         "--domain=device.local", "--timeout=30", "--", "someone@example.net"],
        input=b"Subject: legacy\r\n\r\nold device\r\n", capture_output=True, timeout=60)
    text = (result.stdout + result.stderr).decode(errors="replace")
    return text, [raw[4:] for raw in text.splitlines() if raw.startswith("<-- ")]


class LegacyTlsModes(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server(SCENARIO, listeners=LISTENERS)

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def negotiated(self, out, version):
        self.assertRegex(out, rf"(New, {re.escape(version)}, Cipher is |Protocol\s*: {re.escape(version)}\n)")

    def test_exomock_check_accepts_the_example(self):
        result = subprocess.run([str(BINARY), "check", str(SCENARIO)], capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("5 listeners", result.stdout.decode())

    def test_exchange_mode_completes_the_handshake_then_421_4_7_66_and_close(self):
        for option, version in OLD_VERSIONS:
            _, out, lines = s_client(self.server.port("exchange"), option, *OLD_CLIENT,
                                     dialogue=auth_login("printer@contoso.com"))
            self.negotiated(out, version)
            self.assertIn("334 UGFzc3dvcmQ6", lines)
            self.assertRegex(lines[-1], "^" + TLS_4_7_66 + "$")
            self.assertNotIn("221 2.0.0 Service closing transmission channel", lines)

    def test_refuse_mode_fails_the_handshake_with_a_protocol_version_alert(self):
        for option, _ in OLD_VERSIONS:
            code, out, lines = s_client(self.server.port("refuse"), option, *OLD_CLIENT)
            self.assertNotEqual(code, 0, out)
            self.assertRegex(out, r"(protocol version|unsupported protocol|no protocols available)")
            self.assertNotIn("221 2.0.0 Service closing transmission channel", lines)

    def test_allow_mode_serves_old_tls_like_current_tls(self):
        for option, version in OLD_VERSIONS:
            _, out, lines = s_client(self.server.port("allow"), option, *OLD_CLIENT,
                                     dialogue=auth_login("printer@contoso.com"))
            self.negotiated(out, version)
            self.assertIn("235 2.7.0 Authentication successful", lines)

    def test_legacy_endpoint_lets_opted_in_tenants_through_only(self):
        _, out, lines = s_client(self.server.port("legacy"), "-tls1_1", *OLD_CLIENT,
                                 dialogue=auth_login("carol@northwind.com"))
        self.negotiated(out, "TLSv1.1")
        self.assertIn("235 2.7.0 Authentication successful", lines)
        _, out, lines = s_client(self.server.port("legacy"), "-tls1_1", *OLD_CLIENT,
                                 dialogue=auth_login("printer@contoso.com"))
        self.assertRegex(lines[-1], "^" + TLS_4_7_66 + "$")

    def test_current_clients_pass_in_every_mode(self):
        for listener in ("exchange", "refuse", "allow", "legacy"):
            for option, version in (("-tls1_3", "TLSv1.3"), ("-tls1_2", "TLSv1.2")):
                _, out, lines = s_client(self.server.port(listener), option,
                                         dialogue=auth_login("printer@contoso.com"))
                self.negotiated(out, version)
                self.assertIn("235 2.7.0 Authentication successful", lines, (listener, version))

    def test_tls12_only_listener_has_no_tls_1_3_and_its_own_ciphers(self):
        port = self.server.port("tls12-only")
        code, out, _ = s_client(port, "-tls1_3")
        self.assertNotEqual(code, 0, out)
        _, out, lines = s_client(port, "-tls1_2")
        self.assertIn("New, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384", out)
        self.assertIn("221 2.0.0 Service closing transmission channel", lines)
        code, out, _ = s_client(port, "-tls1_2", "-cipher", "AES128-SHA")
        self.assertNotEqual(code, 0, out)

    def test_msmtp_forced_to_old_tls_by_gnutls_priorities(self):
        for priority, version in GNUTLS_OLD:
            text, lines = msmtp(self.server.port("exchange"), "printer@contoso.com", priority)
            self.assertRegex(lines[-1] if lines else text, "^" + TLS_4_7_66 + "$")
            self.assertIn(f"TLS session parameters:\n    ({priority})-", text)
            text, lines = msmtp(self.server.port("allow"), "printer@contoso.com", priority)
            self.assertIn(f"TLS session parameters:\n    ({priority})-", text)
            self.assertIn("235 2.7.0 Authentication successful", lines, text)
            text, lines = msmtp(self.server.port("refuse"), "printer@contoso.com", priority)
            self.assertNotIn("235 2.7.0 Authentication successful", lines)
            self.assertRegex(text, r"(?i)TLS handshake failed")
        # The server saw the old versions: its session records name them.
        log = self.server.server_log()
        self.assertRegex(log, r"listener=allow .* tls=TLSv1 ")
        self.assertRegex(log, r"listener=allow .* tls=TLSv1\.1 ")
        self.assertRegex(log, r"listener=exchange .* tls=TLSv1\.1 ")


if __name__ == "__main__":
    unittest.main()
