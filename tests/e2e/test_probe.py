"""exomock probe against the real binary: the transcript line for line with secrets masked,
a refusal explained, TLS 1.0, XOAUTH2 from a token file, an MX endpoint without AUTH, a
connection refused, and bad options."""

import os
import re
import socket
import subprocess
import tempfile
import unittest

from exomock_harness import BINARY, DIAG, PASSWORD, ServerTestCase

GREETING_LINE = r"S: 220 [A-Z0-9]+\.outlook\.office365\.com Microsoft ESMTP MAIL Service ready at .+ \[[0-9A-F]{16}\]"
EHLO_TLS = ["S: 250-SN7PR04CA0123.outlook.office365.com Hello [127.0.0.1]", "S: 250-SIZE 157286400",
            "S: 250-PIPELINING", "S: 250-DSN", "S: 250-ENHANCEDSTATUSCODES", "S: 250-AUTH LOGIN XOAUTH2",
            "S: 250-8BITMIME", "S: 250-BINARYMIME", "S: 250-CHUNKING", "S: 250 SMTPUTF8"]


class Probe(ServerTestCase):

    def probe(self, *args, env=None):
        full_env = dict(os.environ, PROBE_PASSWORD=PASSWORD, **(env or {}))
        result = subprocess.run([str(BINARY), "probe", *args], capture_output=True, timeout=60,
                                env=full_env)
        self.assertNotIn(PASSWORD.encode(), result.stdout + result.stderr)
        return result.returncode, result.stdout.decode().splitlines()

    def server_arg(self, listener="submission"):
        return f"127.0.0.1:{self.server.port(listener)}"

    def test_a_successful_submission_line_for_line(self):
        code, out = self.probe("--server", self.server_arg(), "--user", "scanner@contoso.com",
                               "--password-env", "PROBE_PASSWORD", "--from", "scanner@contoso.com",
                               "--to", "probe@example.net")
        self.assertEqual(code, 0, "\n".join(out))
        self.assertEqual(out[0], f"*  connecting to {self.server_arg()}")
        self.assertRegex(out[1], "^" + GREETING_LINE + "$")
        self.assertEqual(out[2], "C: EHLO exomock-probe")
        self.assertIn("S: 250-STARTTLS", out)
        start = out.index("C: STARTTLS")
        self.assertEqual(out[start + 1], "S: 220 2.0.0 SMTP server ready")
        self.assertRegex(out[start + 2], r"^\*  TLS: TLSv1\.3 \S+, certificate not verified \(--verify\)$")
        self.assertEqual(out[start + 3:start + 14], ["C: EHLO exomock-probe"] + EHLO_TLS)
        self.assertEqual(out[start + 14:start + 20], [
            "C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: ******** (the user name)", "S: 334 UGFzc3dvcmQ6",
            "C: ******** (the password)", "S: 235 2.7.0 Authentication successful"])
        self.assertEqual(out[start + 20:start + 26], [
            "C: MAIL FROM:<scanner@contoso.com>", "S: 250 2.1.0 Sender OK", "C: RCPT TO:<probe@example.net>",
            "S: 250 2.1.5 Recipient OK", "C: DATA", "S: 354 Start mail input; end with <CRLF>.<CRLF>"])
        self.assertRegex(out[start + 26], r"^C: <message: \d+ octets>$")
        self.assertRegex(out[start + 27], r"^S: 250 2\.0\.0 OK <[^>]+> \[Hostname=SN7PR04MB1234\.namprd04\.prod\.outlook\.com\]$")
        self.assertEqual(out[start + 28:], ["C: QUIT", "S: 221 2.0.0 Service closing transmission channel",
                                            "*  probe succeeded"])

    def test_a_refusal_is_explained_and_exits_1(self):
        code, out = self.probe("--server", self.server_arg(), "--user", "printer@contoso.com",
                               "--password-env", "PROBE_PASSWORD")
        self.assertEqual(code, 1)
        refusal = out.index("explain:") - 2
        self.assertRegex(out[refusal], r"^S: 535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication "
                                       r"is disabled for the Mailbox\. .+" + DIAG + "$")
        self.assertEqual(out[refusal + 1], "")
        self.assertEqual(out[refusal + 5], "  meaning: SMTP AUTH is turned off for this mailbox.")
        self.assertEqual(out[-2], "  case: exomock serve --case mailbox-smtp-auth-off")
        self.assertEqual(out[-1], "*  probe failed")

    def test_tls_1_0_gets_the_421_and_its_explanation(self):
        code, out = self.probe("--server", self.server_arg(), "--user", "carol@northwind.com",
                               "--password-env", "PROBE_PASSWORD", "--tls-version", "1.0")
        self.assertEqual(code, 1)
        self.assertRegex("\n".join(out), r"\*  TLS: TLSv1 ")
        self.assertRegex("\n".join(out), r"S: 421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\.")
        self.assertIn("  >  1. TLS version (1.2 or later, or the tenant's legacy TLS opt-in on smtp-legacy)", out)

    def test_xoauth2_from_a_token_file_is_masked(self):
        with tempfile.NamedTemporaryFile("w", suffix=".token", delete=False) as f:
            f.write("demo-token-bob\n")
        self.addCleanup(os.unlink, f.name)
        code, out = self.probe("--server", self.server_arg(), "--user", "bob@fabrikam.com",
                               "--token-file", f.name)
        self.assertEqual(code, 0, "\n".join(out))
        self.assertIn("C: AUTH XOAUTH2 ********", out)
        self.assertNotIn("demo-token-bob", "\n".join(out))

    def test_plaintext_as_a_device_with_tls_off(self):
        code, out = self.probe("--server", self.server_arg(), "--no-starttls", "--from",
                               "scanner@contoso.com", "--to", "a@contoso.com")
        self.assertEqual(code, 1)
        self.assertRegex(out[out.index("C: MAIL FROM:<scanner@contoso.com>") + 1],
                         r"^S: 451 5\.7\.3 STARTTLS is required to send mail" + DIAG + "$")

    def test_an_mx_endpoint_without_auth_takes_the_message(self):
        code, out = self.probe("--server", self.server_arg("mx"), "--from", "printer@contoso.com",
                               "--to", "alice@contoso.com")
        self.assertEqual(code, 0, "\n".join(out))
        self.assertRegex(out[-4], r"^S: 250 2\.6\.0 <[^>]+> \[InternalId=\d+, Hostname=.+\] Queued mail for delivery$")

    def test_a_closed_port_and_bad_options(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        code, out = self.probe("--server", f"127.0.0.1:{closed}")
        self.assertEqual((code, out), (1, [f"*  connecting to 127.0.0.1:{closed}",
                                           "*  cannot connect: Connection refused", "*  probe failed"]))
        code, _ = self.probe("--server", self.server_arg(), "--user", "x@contoso.com")
        self.assertEqual(code, 2)
        code, _ = self.probe("--server", "no-port")
        self.assertEqual(code, 2)


if __name__ == "__main__":
    unittest.main()
