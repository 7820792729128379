"""TLS on the submission listeners: versions, the 421 4.7.66 of old clients, no implicit TLS."""

import os
import subprocess
import tempfile
import unittest

from exomock_harness import DIAG, PASSWORD, Server, ServerTestCase, b64

OLD_CLIENT = ("-cipher", "DEFAULT:@SECLEVEL=0")  # OpenSSL 3 offers TLS 1.0/1.1 only at level 0


def s_client(port, *options, dialogue="QUIT\n"):
    return subprocess.run(["openssl", "s_client", "-starttls", "smtp", "-connect", f"127.0.0.1:{port}",
                           "-crlf", "-ign_eof", *options], input=dialogue.encode(),
                          capture_output=True, timeout=60)


def auth_login(user):
    return f"EHLO device.local\nAUTH LOGIN\n{b64(user)}\n{b64(PASSWORD)}\nQUIT\n"


class DemoTlsVersions(ServerTestCase):

    def test_tls_1_3_and_1_2_handshakes_succeed(self):
        for option, version in (("-tls1_3", "TLSv1.3"), ("-tls1_2", "TLSv1.2")):
            out = s_client(self.server.port(), option).stdout.decode(errors="replace")
            self.assertIn(f"New, {version}, Cipher is ", out)
            self.assertIn("221 2.0.0 Service closing transmission channel", out)

    def test_old_tls_gets_421_4_7_66_at_auth_then_close(self):
        for option in ("-tls1_1", "-tls1"):
            out = s_client(self.server.port(), option, *OLD_CLIENT,
                           dialogue=auth_login("scanner@contoso.com")).stdout.decode(errors="replace")
            lines = [l.rstrip("\r") for l in out.splitlines() if l[:3].isdigit()]
            self.assertIn("334 UGFzc3dvcmQ6", lines)
            last = lines[-1]
            self.assertRegex(last, r"^421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\. Please "
                             r"upgrade/update your client to support TLS 1\.2\. Visit "
                             r"https://aka\.ms/smtp_auth_tls\." + DIAG + "$")
            self.assertNotIn("221 2.0.0 Service closing transmission channel", lines)

    def test_legacy_endpoint_accepts_tls_1_1_for_an_opted_in_tenant(self):
        out = s_client(self.server.port("submission-legacy"), "-tls1_1", *OLD_CLIENT,
                       dialogue=auth_login("carol@northwind.com")).stdout.decode(errors="replace")
        self.assertIn("235 2.7.0 Authentication successful", out.splitlines())

    def test_self_signed_certificate_names_smtp_office365_com(self):
        out = s_client(self.server.port()).stdout.decode(errors="replace")
        self.assertRegex(out, r"subject=.*CN\s*=\s*smtp\.office365\.com")

    def test_implicit_tls_on_the_starttls_port_fails_like_the_real_service(self):
        result = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{self.server.port()}"],
                                input=b"", capture_output=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"wrong version number", result.stdout + result.stderr)


STRICT = """
[server]
error_delay = "0"

[[listener]]
name = "submission"
kind = "submission"
address = "127.0.0.1:0"
min_tls = "1.2"

[[tenant]]
name = "Contoso"
domains = ["contoso.com"]
"""


class MinimumTls12(unittest.TestCase):
    """min_tls = "1.2" (without tls_mode) means tls_mode "refuse", as before tls_mode existed."""

    def test_a_listener_with_min_tls_1_2_refuses_tls_1_1_and_1_0_in_the_handshake(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(STRICT)
        self.addCleanup(os.unlink, f.name)
        server = Server(f.name, listeners=("submission",))
        self.addCleanup(server.stop)
        for option in ("-tls1_1", "-tls1"):
            result = s_client(server.port(), option, *OLD_CLIENT)
            out = (result.stdout + result.stderr).decode(errors="replace")
            self.assertNotEqual(result.returncode, 0, out)
            self.assertRegex(out, r"(protocol version|unsupported protocol|no protocols available)")
        self.assertIn("New, TLSv1.2,", s_client(server.port(), "-tls1_2").stdout.decode())


if __name__ == "__main__":
    unittest.main()
