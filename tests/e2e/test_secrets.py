"""No password, token or AUTH line reaches any file of the data directory or any output.

A printer that ignores reply codes goes on with its AUTH LOGIN dialogue after AUTH was refused
(504 before STARTTLS) or cancelled ('*'), so its base64 user name and password arrive as command
lines. They are answered 500 5.3.3 like any unknown command and must never be stored: not in the
journal, not in SQLite, not in the log, not in `messages --transcript` or `signins` output.
"""

import json
import os
import tempfile
import unittest
import urllib.request
from pathlib import Path

from exomock_harness import b64, LineClient, PASSWORD, Server

USER = "scanner@contoso.com"


def http_get(server, path):
    with urllib.request.urlopen(server.http_url() + path, timeout=30) as response:
        return response.read().decode()


def unknown(length):
    return f"500 5.3.3 Unrecognized command 'Length: {length}'"


class SecretsAfterRefusedAuth(unittest.TestCase):

    def test_no_secret_in_any_file_or_output(self):
        server = Server(extra_args=["--log-level", "trace"])
        leaks = (PASSWORD, b64(PASSWORD), b64(USER), b64(f"\0{USER}\0{PASSWORD}"))
        try:
            # Before STARTTLS: 504, then the two base64 lines as "commands".
            client = LineClient(server.port())
            self.assertEqual(client.send("EHLO printer.example")[-1], "250 SMTPUTF8")
            self.assertTrue(client.send("AUTH LOGIN")[0].startswith("504 5.7.4 "))
            self.assertTrue(client.send(b64(USER))[0].startswith(unknown(28) + " ["))
            self.assertTrue(client.send(b64(PASSWORD))[0].startswith(unknown(20) + " ["))
            # After STARTTLS: a cancelled dialogue, then the password anyway, then a real login.
            client.starttls()
            client.send("EHLO printer.example")
            self.assertEqual(client.send("AUTH LOGIN"), ["334 VXNlcm5hbWU6"])
            self.assertTrue(client.send("*")[0].startswith("501 5.5.4 Authentication cancelled"))
            self.assertTrue(client.send(b64(PASSWORD))[0].startswith(unknown(20) + " ["))
            self.assertEqual(client.send("AUTH LOGIN " + b64(USER)), ["334 UGFzc3dvcmQ6"])
            self.assertEqual(client.send(b64(PASSWORD)), ["235 2.7.0 Authentication successful"])
            self.assertEqual(client.send("MAIL FROM:<scanner@contoso.com>"), ["250 2.1.0 Sender OK"])
            self.assertEqual(client.send("RCPT TO:<a@example.net>"), ["250 2.1.5 Recipient OK"])
            self.assertTrue(client.send("DATA")[0].startswith("354 "))
            self.assertTrue(client.send("Subject: s\r\n\r\nbody\r\n.")[0].startswith("250 2.0.0 OK"))
            # The web page's views of it while it is open: the live list and its transcript so far.
            live = json.loads(http_get(server, "/api/v1/sessions/live"))
            self.assertEqual(live["count"], 1)
            api = {"sessions/live": json.dumps(live),
                   "sessions/live/SID": http_get(server, "/api/v1/sessions/live/" + live["sessions"][0]["ID"])}
            self.assertIn('"Text":"AUTH LOGIN ********"', api["sessions/live/SID"])
            self.assertTrue(client.send("QUIT")[0].startswith("221 "))
            client.close()
            http_get(server, f"/api/v1/signins/wait?user={USER}&count=1")
            api["signins/replies"] = http_get(server, "/api/v1/signins/replies")
            self.assertIn('"smtpReply":"235 2.7.0 Authentication successful"', api["signins/replies"])
        finally:
            self.assertEqual(server.stop(), 0)

        messages = server.messages()
        self.assertEqual(len(messages), 1)
        transcript = server.cli("messages", "--data-dir", server.data_dir, "--transcript",
                                messages[0]["session_id"]).stdout.decode()
        self.assertIn("C: ******** <28 octets, not a command>", transcript)
        self.assertIn("C: ******** <20 octets, not a command>", transcript)
        self.assertIn("C: AUTH LOGIN ********", transcript)
        outputs = {
            "server log": server.server_log(),
            "messages --transcript": transcript,
            "messages --json": server.cli("messages", "--data-dir", server.data_dir,
                                          "--json").stdout.decode(),
            "signins --json": server.cli("signins", "--data-dir", server.data_dir,
                                         "--json").stdout.decode(),
            **api,
        }
        for where, text in outputs.items():
            for leak in leaks:
                self.assertNotIn(leak, text, f"{where} shows a secret")
        files = [p for p in Path(server.data_dir).rglob("*") if p.is_file()]
        self.assertGreater(len(files), 1, "the data directory holds no store")
        for path in files:
            data = path.read_bytes()
            for leak in leaks:
                self.assertNotIn(leak.encode(), data, f"{os.path.relpath(path, server.data_dir)}")


if __name__ == "__main__":
    unittest.main()


class DataAtRest(unittest.TestCase):
    """Issue 13, defect 10: the data directory is 0700 and every file the server writes 0600."""

    def test_the_data_directory_and_its_files_are_for_the_owner_only(self):
        parent = Path(tempfile.mkdtemp(prefix="exomock-e2e-modes-"))
        data_dir = parent / "fresh" / "data"  # created by the server, under a umask of 022
        previous = os.umask(0o022)
        try:
            server = Server(data_dir=str(data_dir))
        finally:
            os.umask(previous)
        try:
            client = LineClient(server.port())
            client.starttls()
            client.send("EHLO printer.example")
            client.send("AUTH LOGIN " + b64(USER))
            self.assertEqual(client.send(b64(PASSWORD))[0][:4], "235 ")
            client.send("MAIL FROM:<scanner@contoso.com>")
            client.send("RCPT TO:<someone@example.net>")
            client.send("DATA")
            self.assertEqual(client.send("Subject: modes\r\n\r\nbody\r\n.")[0][:4], "250 ")
            client.send("QUIT")
            client.close()
        finally:
            self.assertEqual(server.stop(), 0, server.server_log())
        self.assertEqual(data_dir.stat().st_mode & 0o777, 0o700)
        seen = 0
        for root, dirs, files in os.walk(data_dir):
            for name in dirs:
                self.assertEqual(os.stat(os.path.join(root, name)).st_mode & 0o777, 0o700, name)
            for name in files:
                if name == "server.log":  # the test harness's own log of stderr
                    continue
                seen += 1
                self.assertEqual(os.stat(os.path.join(root, name)).st_mode & 0o777, 0o600, name)
        self.assertGreaterEqual(seen, 2)  # at least the SQLite file and a journal segment


class RecordedWhenTheClientSeesTheEnd(unittest.TestCase):
    """Issue 13, defect 9: a script that checks right after QUIT finds the session and its sign-ins."""

    def test_signins_and_transcript_are_queryable_when_221_arrives(self):
        server = Server()
        try:
            for attempt in range(5):
                client = LineClient(server.port())
                client.starttls()
                client.send("EHLO printer.example")
                client.send("AUTH LOGIN " + b64(USER))
                self.assertEqual(client.send(b64("wrong password " + str(attempt)))[0][:4], "535 ")
                greeting_sid = client.greeting[0].rsplit("[", 1)[1].rstrip("]")
                self.assertEqual(client.send("QUIT")[0][:4], "221 ")
                # No wait at all: the record was written before the 221 was sent.
                signins = server.cli("signins", "--data-dir", server.data_dir, "--json").stdout
                self.assertEqual(len(signins.decode().splitlines()), attempt + 1, attempt)
                transcript = server.cli("messages", "--data-dir", server.data_dir, "--transcript",
                                        greeting_sid).stdout.decode()
                self.assertIn("S: 221 2.0.0 Service closing transmission channel", transcript)
                client.close()
        finally:
            self.assertEqual(server.stop(), 0, server.server_log())
