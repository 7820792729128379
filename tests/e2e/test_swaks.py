"""swaks against exomock: STARTTLS + AUTH LOGIN, exact reply lines from its transcript."""

import os
import subprocess
import tempfile
import unittest

from client_cases import DemoLoginCases
from exomock_harness import ServerTestCase


class SwaksSubmission(DemoLoginCases, ServerTestCase):

    def submit(self, user, password, sender, recipient, body):
        with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
            f.write(body[:-2] if body.endswith(b"\r\n") else body)  # swaks adds CRLF before the dot
        self.addCleanup(os.unlink, f.name)
        result = subprocess.run(
            ["swaks", "--server", "127.0.0.1", "--port", str(self.server.port()), "--tls",
             "--auth", "LOGIN", "--auth-user", user, "--auth-password", password,
             "--from", sender, "--to", recipient, "--data", f.name, "--helo", "scanner.local",
             "--timeout", "30"], capture_output=True, timeout=60)
        # swaks marks server lines "<-  " (plaintext), "<~  " (TLS), "<~* " (TLS, error).
        lines = []
        for raw in result.stdout.decode(errors="replace").splitlines():
            if raw[:2] in ("<-", "<~"):
                lines.append(raw[4:])
        return lines


if __name__ == "__main__":
    unittest.main()
