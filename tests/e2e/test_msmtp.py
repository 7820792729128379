"""msmtp (GnuTLS) against exomock: STARTTLS + AUTH LOGIN, exact reply lines from --debug."""

import subprocess
import unittest

from client_cases import DemoLoginCases
from exomock_harness import ServerTestCase


class MsmtpSubmission(DemoLoginCases, ServerTestCase):

    def submit(self, user, password, sender, recipient, body):
        result = subprocess.run(
            ["msmtp", "--debug", "--host=127.0.0.1", f"--port={self.server.port()}", "--tls=on",
             "--tls-starttls=on", "--tls-certcheck=off", "--auth=login", f"--user={user}",
             f"--passwordeval=printf %s '{password}'", f"--from={sender}", "--domain=scanner.local",
             "--timeout=30", "--", recipient], input=body, capture_output=True, timeout=60)
        # msmtp --debug prints server lines as "<-- line".
        text = (result.stdout + result.stderr).decode(errors="replace")
        return [raw[4:] for raw in text.splitlines() if raw.startswith("<-- ")]


if __name__ == "__main__":
    unittest.main()
