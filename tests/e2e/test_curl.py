"""curl's SMTP client against exomock: --ssl-reqd + AUTH=LOGIN, exact reply lines from -v."""

import os
import subprocess
import tempfile
import unittest

from client_cases import DemoLoginCases
from exomock_harness import ServerTestCase


class CurlSubmission(DemoLoginCases, ServerTestCase):

    def submit(self, user, password, sender, recipient, body):
        with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
            f.write(body)
        self.addCleanup(os.unlink, f.name)
        result = subprocess.run(
            ["curl", "-sS", "-v", "--url", f"smtp://127.0.0.1:{self.server.port()}/scanner.local",
             "--ssl-reqd", "--insecure", "--user", f"{user}:{password}",
             "--login-options", "AUTH=LOGIN", "--mail-from", sender, "--mail-rcpt", recipient,
             "--upload-file", f.name, "--max-time", "30"], capture_output=True, timeout=60)
        # curl -v prints each server line as "< line".
        return [raw[2:] for raw in result.stderr.decode(errors="replace").splitlines()
                if raw.startswith("< ")]


if __name__ == "__main__":
    unittest.main()
