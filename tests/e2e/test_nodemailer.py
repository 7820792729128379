"""nodemailer (Node.js) against exomock: STARTTLS + AUTH LOGIN, exact reply lines it reports."""

import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from client_cases import DemoLoginCases
from exomock_harness import ServerTestCase

HERE = Path(__file__).resolve().parent


class NodemailerSubmission(DemoLoginCases, ServerTestCase):

    def submit(self, user, password, sender, recipient, body):
        with tempfile.NamedTemporaryFile(suffix=".eml", delete=False) as f:
            f.write(body)
        self.addCleanup(os.unlink, f.name)
        result = subprocess.run(
            ["node", str(HERE / "send_nodemailer.js"), "LOGIN", str(self.server.port()), user, password,
             sender, recipient, f.name], capture_output=True, timeout=60, cwd=HERE)
        self.assertEqual(result.returncode, 0, result.stderr)
        outcome = json.loads(result.stdout)
        return outcome["lines"] + ([outcome["error"]] if outcome["error"] else [])


if __name__ == "__main__":
    unittest.main()
