"""The ports devices try besides 587: implicit TLS (465-style) and a blackhole that never answers."""

import socket
import subprocess
import time
import unittest

from exomock_harness import PASSWORD, REPO, Server

SCENARIO = REPO / "scenarios" / "device-ports.toml"


class DevicePorts(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server(SCENARIO, listeners=("submission", "smtps", "port-465"))

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def test_example_passes_check(self):
        self.assertEqual(self.server.cli("check", str(SCENARIO)).returncode, 0)

    def test_swaks_implicit_tls_authenticates_and_sends(self):
        result = subprocess.run(
            ["swaks", "--server", "127.0.0.1", "--port", str(self.server.port("smtps")), "--tlsc",
             "--auth", "LOGIN", "--auth-user", "scanner@contoso.com", "--auth-password", PASSWORD,
             "--from", "scanner@contoso.com", "--to", "someone@example.net", "--timeout", "30"],
            capture_output=True, timeout=60)
        lines = [l[4:] for l in result.stdout.decode(errors="replace").splitlines() if l[:2] == "<~"]
        self.assertRegex(lines[0], r"^220 [A-Z0-9]+\.outlook\.office365\.com Microsoft ESMTP MAIL "
                         r"Service ready at .+ \[[0-9A-F]{16}\]$")
        self.assertIn("235 2.7.0 Authentication successful", lines)
        self.assertTrue(any(l.startswith("250 2.0.0 OK <") for l in lines), lines)
        captured = self.server.messages()[-1]
        self.assertEqual(captured["listener"], "smtps")
        self.assertIn(captured["tls_version"], ("TLSv1.2", "TLSv1.3"))

    def test_blackhole_accepts_and_never_answers_until_its_idle_timeout(self):
        with socket.create_connection(("127.0.0.1", self.server.port("port-465")), timeout=1) as s:
            s.sendall(b"EHLO device.local\r\n")
            with self.assertRaises(socket.timeout):
                s.recv(1)  # no banner, no reply: the device waits as it would at :465
            s.settimeout(30)
            started = time.monotonic()
            self.assertEqual(s.recv(1), b"")  # closed without a word at the idle timeout
            self.assertLess(time.monotonic() - started, 30)


if __name__ == "__main__":
    unittest.main()
