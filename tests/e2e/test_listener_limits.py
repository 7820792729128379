"""Per-listener connection limits (total and per client IP: 421 4.3.2 then close) and the idle
timeout, with raw sockets bound to 127.0.0.x source addresses (Linux routes all of 127/8 to lo)."""

import json
import os
import signal
import smtplib
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from exomock_harness import BINARY, DIAG, PASSWORD, REPO, Server, tls_context

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

    def idle_server(self):
        """A server whose submission listener gives up after 1 s of silence."""
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(IDLE)
        self.addCleanup(os.unlink, f.name)
        server = Server(f.name, listeners=("submission",))
        self.addCleanup(server.stop)
        return server

    def test_a_silent_client_is_disconnected_after_the_listener_idle_timeout(self):
        server = self.idle_server()
        sock, reader = connect(server.port(), "127.0.0.1")
        self.addCleanup(sock.close)
        self.assertTrue(first_line(reader).startswith("220 "))
        started = time.monotonic()
        # Issue 13 defect 8: told why, as Exchange does, then EOF.
        self.assertRegex(first_line(reader), "^421 4\\.4\\.2 Connection dropped due to timeout" + DIAG + "$")
        self.assertEqual(reader.read(), b"")
        self.assertLess(time.monotonic() - started, 20)
        reader.close()

    def test_a_silent_tls_client_gets_the_421_inside_tls(self):
        server = self.idle_server()
        with smtplib.SMTP(timeout=30) as client:
            greeting = client.connect("127.0.0.1", server.port())[1].decode()
            sid = greeting.rsplit("[", 1)[1].rstrip("]")
            client._host = "127.0.0.1"  # connect() leaves it empty when SMTP() had no host
            client.starttls(context=tls_context())
            client.ehlo("printer.example")
            code, text = client.getreply()  # nothing sent: the next line is the server's own
            self.assertEqual(code, 421)
            self.assertRegex(text.decode(), "^4\\.4\\.2 Connection dropped due to timeout" + DIAG + "$")
        transcript = server.cli("messages", "--data-dir", server.data_dir, "--transcript",
                                sid).stdout.decode()
        self.assertIn("S: 421 4.4.2 Connection dropped due to timeout", transcript)


class Shutdown(unittest.TestCase):

    def test_sigterm_tells_a_waiting_client_the_service_is_not_active(self):
        server = Server()
        sock, reader = connect(server.port(), "127.0.0.1")
        self.addCleanup(sock.close)
        self.assertTrue(first_line(reader).startswith("220 "))
        sock.sendall(b"EHLO printer.example\r\n")
        while not first_line(reader).startswith("250 "):
            pass
        server.proc.send_signal(signal.SIGTERM)
        self.assertRegex(first_line(reader), "^421 4\\.3\\.2 Service not active" + DIAG + "$")
        self.assertEqual(reader.read(), b"")
        self.assertEqual(server.proc.wait(timeout=15), 0)


if __name__ == "__main__":
    unittest.main()


class ProgressDeadlines(unittest.TestCase):
    """Issue 13 defect 5: only progress keeps a connection alive. A trickle that completes no
    command is timed from the last reply; a message's octets may arrive slowly, but only until
    the per-message deadline."""

    def server(self, *extra):
        server = Server(extra_args=["--idle-timeout", "1s", *extra])
        self.addCleanup(server.stop)
        return server

    def test_a_command_trickled_a_byte_at_a_time_does_not_outlive_the_idle_timeout(self):
        server = self.server()
        sock, reader = connect(server.port(), "127.0.0.1")
        self.addCleanup(sock.close)
        self.assertTrue(first_line(reader).startswith("220 "))
        started = time.monotonic()
        for byte in b"NOOP NOOP NOOP":  # 14 bytes, one per 0.25 s: 3.5 s without a line end
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.25)
        self.assertRegex(first_line(reader), "^421 4\\.4\\.2 Connection dropped due to timeout" + DIAG + "$")
        self.assertLess(time.monotonic() - started, 3.5)
        # The server's goodbye is not a refusal: the session is listed as timed out.
        self.assertEqual(reader.read(), b"")
        listed = json.loads(urllib.request.urlopen(
            server.http_url() + "/api/v1/sessions?outcome=timed-out", timeout=30).read())
        self.assertEqual(listed["count"], 1, listed)
        self.assertEqual(listed["sessions"][0]["Outcome"], "timed-out")

    def slow_message(self, server, seconds):
        """Sends a message whose text takes SECONDS to arrive; the final reply, or the 421."""
        client = smtplib.SMTP("127.0.0.1", server.port(), timeout=30)
        self.addCleanup(client.close)
        client.starttls(context=tls_context())
        client.login("scanner@contoso.com", PASSWORD)
        client.mail("scanner@contoso.com")
        client.rcpt("someone@example.net")
        self.assertEqual(client.docmd("DATA")[0], 354)
        client.sock.sendall(b"Subject: slow\r\n\r\n")
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                client.sock.sendall(b"a line of a slow scan\r\n")
                time.sleep(0.3)
            client.sock.sendall(b".\r\n")
        except OSError:  # the server gave up and closed (ssl.SSLEOFError, a reset...)
            pass
        return client.getreply()

    def test_a_slow_message_keeps_the_connection_alive_past_the_idle_timeout(self):
        server = self.server()
        code, text = self.slow_message(server, 2.5)
        self.assertEqual(code, 250, text)

    def test_a_message_slower_than_the_message_timeout_is_cut_off(self):
        server = self.server("--message-timeout", "1500ms")
        code, text = self.slow_message(server, 4)
        self.assertEqual(code, 421)
        self.assertRegex(text.decode(), "^4\\.4\\.2 Connection dropped due to timeout" + DIAG + "$")
        self.assertEqual(server.messages(), [])  # nothing half-received was stored
