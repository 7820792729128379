"""Durability end to end: a message that got its 250 is in the capture even when
exomock is killed with SIGKILL the moment after, for both --durability levels;
the next server on that data directory recovers the journal and goes on with
the next id; and a second server on a directory in use is refused."""

import os
import signal
import smtplib
import subprocess
import unittest

from exomock_harness import (BINARY, DEFAULT_SCENARIO, PASSWORD, REPLIES, Server, message_bytes,
                             reply_line, tls_context)

SENDER = "scanner@contoso.com"
RECIPIENT = "someone@contoso.com"


def send(server, markers):
    """Sends one message per marker on one connection; returns the 250 lines."""
    replies = []
    with smtplib.SMTP("127.0.0.1", server.port(), timeout=30) as smtp:
        smtp.starttls(context=tls_context())
        smtp.login(SENDER, PASSWORD)
        for marker in markers:
            smtp.mail(SENDER)
            smtp.rcpt(RECIPIENT)
            replies.append(reply_line(*smtp.data(message_bytes(SENDER, RECIPIENT, marker))))
    return replies


class KilledAfterThe250(unittest.TestCase):
    def check(self, durability):
        server = Server(extra_args=["--durability", durability])
        try:
            markers = [f"durable-{durability}-{i}" for i in range(25)]
            replies = send(server, markers)
            # No goodbye: the process dies right after the last 250 reached the client.
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait(timeout=15)
            for line in replies:
                self.assertRegex(line, "^" + REPLIES["accepted"] + "$")
            stored = server.messages()  # the reader applies the journal the server left
            self.assertEqual(len(stored), len(markers))
            for m, marker in zip(stored, markers):
                self.assertIn(marker.encode(), server.raw(m["id"]))
                self.assertEqual(server.raw(m["id"]),
                                 message_bytes(SENDER, RECIPIENT, marker))

            # The next server recovers the journal and numbers on from it.
            again = Server(extra_args=["--durability", durability], data_dir=server.data_dir)
            try:
                self.assertRegex(send(again, [f"after-{durability}"])[0],
                                 "^" + REPLIES["accepted"] + "$")
            finally:
                self.assertEqual(again.stop(), 0, again.server_log())
            stored = again.messages()
            self.assertEqual(len(stored), len(markers) + 1)
            ids = [m["id"] for m in stored]
            self.assertEqual(ids, sorted(set(ids)))
            self.assertIn(f"after-{durability}".encode(), again.raw(ids[-1]))
        finally:
            server.stop()

    def test_write(self):
        self.check("write")

    def test_fsync(self):
        self.check("fsync")


class OneServerPerDataDirectory(unittest.TestCase):
    def test_a_second_server_is_refused(self):
        first = Server()
        try:
            result = subprocess.run(
                [str(BINARY), "serve", "--scenario", str(DEFAULT_SCENARIO), "--data-dir",
                 first.data_dir, "--ephemeral"],
                capture_output=True, timeout=60)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stdout, b"")  # no ready line
            self.assertIn(b"another exomock server is using the data directory", result.stderr)
        finally:
            self.assertEqual(first.stop(), 0, first.server_log())


if __name__ == "__main__":
    unittest.main()
