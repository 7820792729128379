"""Every row of hostile_rows.py end to end against the real binary: the exact replies, a
fresh client served afterwards, nothing half-received stored, and no secret in the data
directory at the end."""

import os
import re
import socket
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))

from exomock_harness import PASSWORD, REPO, Server, b64, tls_context  # noqa: E402
from hostile_rows import CLOSE, ROWS  # noqa: E402
import make_table  # noqa: E402


class Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buffer = b""

    def line(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.rstrip(b"\r").decode(errors="replace")

    def reply(self):
        """The last line of the next whole reply, or None when the connection closed."""
        while True:
            line = self.line()
            if line is None or len(line) < 4 or line[3] != "-":
                return line

    def command(self, text):
        self.sock.sendall(text.encode() + b"\r\n")
        return self.reply()

    def starttls(self):
        assert self.command("STARTTLS").startswith("220 ")
        self.sock = tls_context().wrap_socket(self.sock)

    def closed(self):
        try:
            return self.sock.recv(1) == b""
        except (ConnectionResetError, OSError):
            return True


def prepare(port, stage):
    c = Connection(port)
    assert c.reply().startswith("220 ")
    if stage == "connect":
        return c
    assert c.command("EHLO hostile.example").startswith("250 ")
    if stage == "ehlo":
        return c
    c.starttls()
    assert c.command("EHLO hostile.example").startswith("250 ")
    if stage == "tls":
        return c
    c.command("AUTH LOGIN")
    c.command(b64("scanner@contoso.com"))
    assert c.command(b64(PASSWORD)).startswith("235 ")
    if stage == "auth":
        return c
    assert c.command("MAIL FROM:<scanner@contoso.com>").startswith("250 ")
    assert c.command("RCPT TO:<someone@example.net>").startswith("250 ")
    if stage == "mail":
        return c
    assert c.command("DATA").startswith("354 ")
    return c


class HostileInputs(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    def stored(self):
        return len(self.server.messages())

    def test_every_row(self):
        for row in ROWS:
            with self.subTest(row.name):
                self.run_row(row)

    def run_row(self, row):
        port = self.server.port(row.listener)
        before = self.stored()
        c = prepare(port, row.stage)
        c.sock.sendall(row.send)
        closes = row.expect and row.expect[-1] == CLOSE
        if closes:
            # The client gives up: a TCP half close (for TLS too: no close_notify, as a
            # device that drops the connection sends none).
            socket.socket.shutdown(c.sock, socket.SHUT_WR)
        got = []
        for pattern in row.expect:
            if pattern == CLOSE:
                self.assertTrue(c.buffer == b"" and c.closed(), f"{row.name}: not closed, got {got}")
                continue
            line = c.reply()
            got.append(line)
            self.assertIsNotNone(line, f"{row.name}: closed after {got[:-1]}")
            self.assertRegex(line, "^" + pattern + "$", row.name)
        c.sock.close()
        fresh = prepare(port, "ehlo")
        self.assertEqual(fresh.command("QUIT")[:4], "221 ", row.name)
        self.assertEqual(self.stored() - before, row.stores, row.name)

    def test_no_secret_in_the_data_directory_after_the_rows(self):
        self.test_every_row()
        secrets = [PASSWORD.encode(), b64(PASSWORD).encode()]
        for path in Path(self.server.data_dir).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                for secret in secrets:
                    self.assertNotIn(secret, data, str(path))

    def test_docs_table_is_generated_from_the_rows(self):
        self.assertEqual((REPO / "docs" / "hostile-inputs.md").read_text(), make_table.table(),
                         "regenerate: python3 tests/hostile/make_table.py > docs/hostile-inputs.md")


if __name__ == "__main__":
    unittest.main()
