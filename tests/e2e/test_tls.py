"""TLS on the submission listener: TLS 1.2 minimum, no implicit TLS, version recorded."""

import subprocess
import unittest

from exomock_harness import ServerTestCase


def s_client(port, *options):
    return subprocess.run(["openssl", "s_client", "-starttls", "smtp", "-connect", f"127.0.0.1:{port}",
                           "-crlf", *options], input=b"QUIT\n", capture_output=True, timeout=60)


class TlsVersions(ServerTestCase):

    def test_tls_1_3_and_1_2_handshakes_succeed(self):
        for option, version in (("-tls1_3", "TLSv1.3"), ("-tls1_2", "TLSv1.2")):
            result = s_client(self.server.port(), option)
            out = result.stdout.decode(errors="replace")
            self.assertIn(f"Protocol  : {version}", out)
            self.assertIn("221 2.0.0 Service closing transmission channel", out)

    def test_tls_1_1_and_1_0_are_refused_in_the_handshake_by_default(self):
        # The client must really offer the old version: OpenSSL 3 needs security level 0 for it.
        for option in ("-tls1_1", "-tls1"):
            result = s_client(self.server.port(), option, "-cipher", "DEFAULT:@SECLEVEL=0")
            out = (result.stdout + result.stderr).decode(errors="replace")
            self.assertNotEqual(result.returncode, 0, out)
            self.assertRegex(out, r"(protocol version|unsupported protocol|no protocols available)")

    def test_self_signed_certificate_names_smtp_office365_com(self):
        result = s_client(self.server.port(), "-showcerts")
        out = result.stdout.decode(errors="replace")
        self.assertRegex(out, r"subject=.*CN\s*=\s*smtp\.office365\.com")

    def test_implicit_tls_on_the_starttls_port_fails_like_the_real_service(self):
        result = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{self.server.port()}"],
                                input=b"", capture_output=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)


if __name__ == "__main__":
    unittest.main()
