"""openssl s_client -starttls smtp against exomock: a whole pipelined dialogue, exact lines."""

import subprocess
import unittest

from client_cases import DemoLoginCases
from exomock_harness import ServerTestCase, b64


class OpensslSubmission(DemoLoginCases, ServerTestCase):

    def submit(self, user, password, sender, recipient, body):
        # s_client -crlf turns each LF into CRLF, so the dialogue is written with LF only;
        # -ign_eof keeps reading replies after stdin ends, until the server closes on QUIT.
        text = "".join("." + l if l.startswith(".") else l  # dot-stuffing, RFC 5321 4.5.2
                       for l in body.decode().replace("\r\n", "\n").splitlines(keepends=True))
        dialogue = (f"EHLO scanner.local\nAUTH LOGIN\n{b64(user)}\n{b64(password)}\n"
                    f"MAIL FROM:<{sender}>\nRCPT TO:<{recipient}>\nDATA\n{text}.\nQUIT\n")
        result = subprocess.run(
            ["openssl", "s_client", "-starttls", "smtp", "-connect",
             f"127.0.0.1:{self.server.port()}", "-crlf", "-quiet", "-ign_eof"],
            input=dialogue.encode(), capture_output=True, timeout=60)
        return [l.rstrip("\r") for l in result.stdout.decode(errors="replace").splitlines()]

    def test_pipelined_dialogue_exact_transcript(self):
        from exomock_harness import PASSWORD, message_bytes, unique_marker
        marker = unique_marker(self)
        body = message_bytes("scanner@contoso.com", "bob@example.org", marker,
                             message_id=f"<{marker}@openssl>")
        lines = self.submit("scanner@contoso.com", PASSWORD, "scanner@contoso.com",
                            "bob@example.org", body)
        expected = [r"250-[A-Z0-9]+\.outlook\.office365\.com Hello \[127\.0\.0\.1\]",
                    r"250-SIZE 157286400", r"250-PIPELINING", r"250-DSN", r"250-ENHANCEDSTATUSCODES",
                    r"250-AUTH LOGIN XOAUTH2", r"250-8BITMIME", r"250-BINARYMIME", r"250-CHUNKING",
                    r"250 SMTPUTF8", r"334 VXNlcm5hbWU6", r"334 UGFzc3dvcmQ6",
                    r"235 2\.7\.0 Authentication successful", r"250 2\.1\.0 Sender OK",
                    r"250 2\.1\.5 Recipient OK", r"354 Start mail input; end with <CRLF>\.<CRLF>",
                    r"250 2\.0\.0 OK <" + marker + r"@openssl> \[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]",
                    r"221 2\.0\.0 Service closing transmission channel"]
        self.assertEqual(len(lines), len(expected), "\n".join(lines))
        for pattern, line in zip(expected, lines):
            self.assertRegex(line, "^" + pattern + "$")


if __name__ == "__main__":
    unittest.main()
