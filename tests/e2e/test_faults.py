"""Fault injection end to end: scenarios/faults.toml served as shipped, driven by
Python smtplib and raw sockets. Asserts the scripted reply lines, what the client
sees of closes, stalls, trickles and handshake failures, and the firing counts the
server logs and stores at exit.
"""

import signal
import socket
import sqlite3
import smtplib
import ssl
import subprocess
import unittest
from pathlib import Path

from exomock_harness import (BINARY, DIAG, message_bytes, REPLIES, reply_line, REPO, Server,
                             smtp_login, tls_context)

SCENARIO = REPO / "scenarios" / "faults.toml"


class Faults(unittest.TestCase):
    """One server for the class; the exit report is checked in tearDownClass."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(SCENARIO, listeners=("submission", "broken-tls"))

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"
        log = cls.server.server_log()
        assert 'fault rule counts rule=1 name="greylist" occurrences=2 firings=1' in log, log
        db = sqlite3.connect(Path(cls.server.data_dir) / "exomock.sqlite3")
        rows = dict(db.execute("SELECT name, firings FROM fault_firings").fetchall())
        assert rows["greylist"] == 1 and rows["no common cipher"] >= 1, rows
        assert rows["lost 250"] == 1 and rows["stalled DATA"] == 1, rows

    def login(self, timeout=30):
        return smtp_login(self, self.server, timeout=timeout)

    def test_example_passes_check(self):
        result = subprocess.run([str(BINARY), "check", str(SCENARIO)], capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_greylisting_defers_the_first_rcpt_only(self):
        client = self.login()
        client.mail("app@contoso.com")
        self.assertEqual(reply_line(*client.rcpt("user@greylist.example")),
                         "451 4.7.1 Greylisted, please try again later")
        self.assertEqual(reply_line(*client.rcpt("user@greylist.example")), "250 2.1.5 Recipient OK")

    def test_every_second_mail_gets_a_multi_line_reply_with_diag(self):
        client = self.login()
        replies = []
        for _ in range(2):
            replies.append(reply_line(*client.mail("ops@contoso.com")))
            client.rset()
        self.assertEqual(replies[0], "250 2.1.0 Sender OK")
        self.assertRegex(replies[1], r"^451 4\.7\.0 Temporary server error\.\n4\.7\.0 Please try "
                                     r"again later\. PRX4 " + DIAG + "$")

    def test_trickled_250_arrives_whole(self):
        client = self.login()
        client.mail("app@contoso.com")
        client.rcpt("x@slow.example")
        code, text = client.data(message_bytes("app@contoso.com", "x@slow.example", "trickle"))
        self.assertRegex(reply_line(code, text), "^" + REPLIES["accepted"] + "$")

    def test_closed_before_the_250_but_the_message_was_captured(self):
        client = self.login()
        client.mail("app@contoso.com")
        client.rcpt("x@drop.example")
        with self.assertRaises(smtplib.SMTPServerDisconnected):
            client.data(message_bytes("app@contoso.com", "x@drop.example", "lost-250"))
        self.assertIn(["x@drop.example"], [m["rcpt_to"] for m in self.server.messages()])

    def test_stalled_data_times_the_client_out(self):
        client = self.login(timeout=1.5)
        client.mail("stall@contoso.com")
        client.rcpt("x@contoso.com")
        # smtplib reports its read timeout as a disconnection "timed out".
        with self.assertRaisesRegex(smtplib.SMTPServerDisconnected, "timed out"):
            client.docmd("DATA")

    def test_tls_handshake_fails_with_an_alert(self):
        with socket.create_connection(("127.0.0.1", self.server.port("broken-tls")), timeout=10) as raw:
            raw.recv(1024)  # greeting
            raw.sendall(b"EHLO client.example\r\n")
            while not raw.recv(4096).endswith(b"250 SMTPUTF8\r\n"):
                pass
            raw.sendall(b"STARTTLS\r\n")
            self.assertEqual(raw.recv(1024), b"220 2.0.0 SMTP server ready\r\n")
            with self.assertRaises(ssl.SSLError) as caught:
                tls_context().wrap_socket(raw, server_hostname="smtp.office365.com")
            self.assertIn("HANDSHAKE_FAILURE", str(caught.exception).upper())


class CountsSurviveAKill(unittest.TestCase):
    """A run killed with SIGKILL and restarted on its data directory goes on counting
    ("busy front end" fires at every second MAIL from ops@); a clean stop ends the run."""

    BUSY = "451 4.7.0 Temporary server error."

    def mail_replies(self, server, count):
        client = smtp_login(self, server)
        replies = []
        for _ in range(count):
            replies.append(reply_line(*client.mail("ops@contoso.com")).split("\n")[0])
            client.rset()
        client.quit()
        return replies

    def test_counts_go_on_after_sigkill_and_restart_from_zero_after_a_clean_stop(self):
        first = Server(SCENARIO, listeners=("submission",))
        try:
            self.assertEqual(self.mail_replies(first, 3), ["250 2.1.0 Sender OK", self.BUSY,
                                                           "250 2.1.0 Sender OK"])
        finally:
            first.proc.send_signal(signal.SIGKILL)
            first.proc.wait(timeout=15)
        second = Server(SCENARIO, listeners=("submission",), data_dir=first.data_dir)
        try:
            # Occurrence 4: it fires, as it would have without the kill.
            self.assertEqual(self.mail_replies(second, 2), [self.BUSY, "250 2.1.0 Sender OK"])
        finally:
            self.assertEqual(second.stop(), 0, second.server_log())
        log = second.server_log()
        self.assertIn("fault rule counts of an interrupted run resumed rules=", log)
        self.assertIn('fault rule counts rule=2 name="busy front end" occurrences=5 firings=2', log)
        db = sqlite3.connect(Path(first.data_dir) / "exomock.sqlite3")
        self.addCleanup(db.close)
        self.assertEqual(db.execute("SELECT occurrences, firings FROM fault_firings "
                                    "WHERE name = 'busy front end'").fetchall(), [(5, 2)])
        self.assertEqual(db.execute("SELECT count(*) FROM fault_counts").fetchone(), (0,))
        third = Server(SCENARIO, listeners=("submission",), data_dir=first.data_dir)
        try:
            self.assertEqual(self.mail_replies(third, 2), ["250 2.1.0 Sender OK", self.BUSY])
        finally:
            self.assertEqual(third.stop(), 0, third.server_log())


if __name__ == "__main__":
    unittest.main()
