"""Per-listener connection limits (total and per client IP: 421 4.3.2 then close) and the idle
timeout, with raw sockets bound to 127.0.0.x source addresses (Linux routes all of 127/8 to lo)."""

import os
import socket
import subprocess
import tempfile
import time
import unittest

from exomock_harness import BINARY, DIAG, REPO, Server

SCENARIO = REPO / "scenarios" / "connection-limits.toml"
OVER_LIMIT = ("421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, "
              "closing transmission channel")


def connect(port, source):
    sock = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0))
    return sock, sock.makefile("rb")


def first_line(reader):
    return reader.readline().decode().rstrip("\r\n")


class ConnectionLimits(unittest.TestCase):
    """connection-limits.toml: at most 4 connections, 2 per client address."""

    def setUp(self):
        self.server = Server(SCENARIO, listeners=("submission",))
        self.open = []

    def tearDown(self):
        for sock, reader in self.open:
            reader.close()
            sock.close()
        self.assertEqual(self.server.stop(), 0, self.server.server_log())

    def greeted(self, source):
        sock, reader = connect(self.server.port(), source)
        self.open.append((sock, reader))
        return first_line(reader)

    def refused(self, source):
        sock, reader = connect(self.server.port(), source)
        try:
            line = first_line(reader)
            self.assertRegex(line, "^" + OVER_LIMIT.replace(".", r"\.") + DIAG + "$")
            self.assertEqual(reader.read(), b"", "the server closes after the 421")
        finally:
            reader.close()
            sock.close()

    def test_exomock_check_accepts_the_example(self):
        result = subprocess.run([str(BINARY), "check", str(SCENARIO)], capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_per_ip_then_total_limit_give_421_4_3_2_and_close(self):
        for source in ("127.0.0.1", "127.0.0.1"):
            self.assertTrue(self.greeted(source).startswith("220 "))
        self.refused("127.0.0.1")
        for source in ("127.0.0.2", "127.0.0.3"):
            self.assertTrue(self.greeted(source).startswith("220 "))
        self.refused("127.0.0.4")

    def test_a_place_frees_when_a_connection_ends(self):
        for _ in range(2):
            self.greeted("127.0.0.5")
        self.refused("127.0.0.5")
        sock, reader = self.open.pop()
        sock.sendall(b"QUIT\r\n")
        self.assertTrue(first_line(reader).startswith("221 "))
        reader.close()
        sock.close()
        # The server releases the place when it has seen the close; retry until it has.
        for _ in range(100):
            sock, reader = connect(self.server.port(), "127.0.0.5")
            line = first_line(reader)
            if line.startswith("220 "):
                self.open.append((sock, reader))
                return
            reader.close()
            sock.close()
            time.sleep(0.05)
        self.fail("no place was freed")


IDLE = """
[[listener]]
name = "submission"
kind = "submission"
address = "127.0.0.1:0"
idle_timeout = "1s"

[[tenant]]
name = "Contoso"
domains = ["contoso.com"]
"""


class IdleTimeout(unittest.TestCase):

    def test_a_silent_client_is_disconnected_after_the_listener_idle_timeout(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(IDLE)
        self.addCleanup(os.unlink, f.name)
        server = Server(f.name, listeners=("submission",))
        self.addCleanup(server.stop)
        sock, reader = connect(server.port(), "127.0.0.1")
        self.addCleanup(sock.close)
        self.assertTrue(first_line(reader).startswith("220 "))
        started = time.monotonic()
        self.assertEqual(reader.read(), b"")  # EOF: the server gave up on us
        self.assertLess(time.monotonic() - started, 20)
        reader.close()


if __name__ == "__main__":
    unittest.main()
