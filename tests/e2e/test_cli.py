"""The command line: --version, --help, check, serve's ready line and exit, messages, secrets."""

import json
import os
import re
import smtplib
import ssl
import subprocess
import tempfile
import time
import unittest

from exomock_harness import BINARY, DEFAULT_SCENARIO, PASSWORD, Server, b64


def run(*args, **kw):
    return subprocess.run([str(BINARY), *args], capture_output=True, timeout=60, **kw)


def write_scenario(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)
    f.write(text)
    f.close()
    return f.name


class CommandLine(unittest.TestCase):

    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout.decode(), r"^exomock \d+\.\d+\.\d+\n$")

    def test_help_on_every_command(self):
        for command in ([], ["serve"], ["check"], ["messages"]):
            result = run(*command, "--help")
            self.assertEqual(result.returncode, 0, command)
            self.assertIn("Usage", result.stdout.decode() + result.stderr.decode())

    def test_check_accepts_the_demo_scenario(self):
        result = run("check", str(DEFAULT_SCENARIO))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(result.stdout.decode().strip().splitlines()), 1)

    def test_check_reports_every_problem_with_its_position(self):
        path = write_scenario('[server]\nerror_delay = "soon"\n\n[[listener]]\nname = "submission"\n'
                              'kind = "submission"\naddress = "127.0.0.1:99999"\nbogus = 1\n')
        self.addCleanup(os.unlink, path)
        result = run("check", path)
        self.assertNotEqual(result.returncode, 0)
        problems = result.stdout.decode() + result.stderr.decode()
        self.assertRegex(problems, re.escape(path) + r":2:\d+: ")
        self.assertRegex(problems, re.escape(path) + r":7:\d+: ")
        self.assertRegex(problems, re.escape(path) + r":8:\d+: ")

    def test_check_reports_toml_syntax_errors_with_position(self):
        path = write_scenario('[server\nseed = 1\n')
        self.addCleanup(os.unlink, path)
        result = run("check", path)
        self.assertNotEqual(result.returncode, 0)
        self.assertRegex(result.stdout.decode() + result.stderr.decode(), re.escape(path) + r":1:\d+: ")

    def test_serve_refuses_a_bad_scenario(self):
        path = write_scenario("[[tenant]]\nname = 7\n")
        self.addCleanup(os.unlink, path)
        result = run("serve", "--scenario", path, "--listen", "submission=127.0.0.1:0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(path + ":2:", result.stderr.decode())
        self.assertEqual(result.stdout, b"")


class ServeLifecycle(unittest.TestCase):

    def test_ready_line_names_every_listener_with_its_port(self):
        server = Server()
        try:
            self.assertEqual(set(server.ports), {"submission", "submission-legacy", "mx", "http", "https"})
            self.assertTrue(all(p > 0 for p in server.ports.values()))
        finally:
            self.assertEqual(server.stop(), 0)

    def test_sigterm_exits_zero_and_keeps_accepted_mail(self):
        server = Server()
        context = ssl._create_unverified_context()
        with smtplib.SMTP("127.0.0.1", server.port(), timeout=30) as client:
            client.starttls(context=context)
            client.login("scanner@contoso.com", PASSWORD)
            client.sendmail("scanner@contoso.com", ["a@example.net"], b"Subject: kept\r\n\r\nkept\r\n")
        self.assertEqual(server.stop(), 0)
        messages = server.messages()
        self.assertEqual(len(messages), 1)
        self.assertEqual(set(messages[0]), {"id", "received", "session_id", "listener", "client_ip",
                                            "login", "mail_from", "rcpt_to", "size", "tls_version",
                                            "message_id", "path"} | ({"released"} & set(messages[0])))
        self.assertEqual(messages[0]["path"], "submission")
        self.assertEqual(messages[0]["client_ip"], "127.0.0.1")
        text = server.cli("messages", "--data-dir", server.data_dir).stdout.decode()
        self.assertIn("scanner@contoso.com", text)

    def test_error_replies_wait_for_the_error_delay(self):
        # A lower bound only: the reply must not come before the delay (5 s by default, as on
        # Exchange Online; set to 400 ms here). Success replies are not delayed.
        server = Server(error_delay="400ms")
        self.addCleanup(server.stop)
        context = ssl._create_unverified_context()
        with smtplib.SMTP("127.0.0.1", server.port(), timeout=30) as client:
            client.starttls(context=context)
            started = time.monotonic()
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                client.login("alice@contoso.com", PASSWORD)
            self.assertGreaterEqual(time.monotonic() - started, 0.4)

    def test_secrets_never_reach_logs_or_transcripts(self):
        server = Server(extra_args=["--log-level", "trace"])
        context = ssl._create_unverified_context()
        secret = "Very-Secret-Passw0rd"
        with smtplib.SMTP("127.0.0.1", server.port(), timeout=30) as client:
            client.starttls(context=context)
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                client.login("scanner@contoso.com", secret)
            client.login("scanner@contoso.com", PASSWORD)
            client.sendmail("scanner@contoso.com", ["a@example.net"], b"Subject: s\r\n\r\nbody\r\n")
        self.assertEqual(server.stop(), 0)
        session_id = server.messages()[0]["session_id"]
        transcript = server.cli("messages", "--data-dir", server.data_dir, "--transcript",
                                session_id).stdout.decode()
        self.assertIn("AUTH LOGIN", transcript)
        for leak in (secret, b64(secret), PASSWORD, b64(PASSWORD), b64("scanner@contoso.com")):
            self.assertNotIn(leak, server.server_log())
            self.assertNotIn(leak, transcript)


if __name__ == "__main__":
    unittest.main()
