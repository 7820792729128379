"""Mailpit's chaos triggers through the npm mailpit-api client and curl: set
over HTTP, carried out on real SMTP sessions (Python smtplib) as fault rules."""

import json
import smtplib
import subprocess
import unittest

from exomock_harness import PASSWORD, Server, tls_context
from mailpit_client import mailpit

DEFAULTS = {"Sender": {"ErrorCode": 451, "Probability": 0},
            "Recipient": {"ErrorCode": 451, "Probability": 0},
            "Authentication": {"ErrorCode": 535, "Probability": 0}}


def curl(*args):
    result = subprocess.run(["curl", "-s", "-w", "\n%{http_code}", *args], capture_output=True,
                            timeout=30)
    body, _, status = result.stdout.decode().rpartition("\n")
    return int(status), body


class ChaosDisabled(unittest.TestCase):
    def test_both_routes_answer_400_as_mailpit_does_without_enable_chaos(self):
        server = Server()
        self.addCleanup(server.stop)
        self.assertEqual(curl(server.http_url() + "/api/v1/chaos"), (400, "Chaos is not enabled"))
        ok, error = mailpit(server.http_url(), "getChaosTriggers")
        self.assertFalse(ok)
        self.assertIn("400", error)


class ChaosEnabled(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--enable-chaos"])

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def tearDown(self):
        mailpit(self.server.http_url(), "setChaosTriggers", {})

    def session(self):
        client = smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30)
        client.starttls(context=tls_context())
        return client

    def test_the_client_reads_the_defaults(self):
        self.assertEqual(mailpit(self.server.http_url(), "getChaosTriggers"), (True, DEFAULTS))

    def test_a_sender_trigger_at_100_percent_refuses_every_mail_from(self):
        ok, value = mailpit(self.server.http_url(), "setChaosTriggers",
                            {"Sender": {"ErrorCode": 452, "Probability": 100}})
        self.assertTrue(ok, value)
        self.assertEqual(value["Sender"], {"ErrorCode": 452, "Probability": 100})
        with self.session() as client:
            client.login("scanner@contoso.com", PASSWORD)
            self.assertEqual(client.mail("scanner@contoso.com"), (452, b"Chaos sender error"))
            # As in Mailpit, the sender was not recorded.
            self.assertEqual(client.rcpt("a@example.net")[0], 503)

    def test_recipient_and_authentication_triggers(self):
        status, body = curl("-X", "PUT", "-H", "Content-Type: application/json", "--data",
                            json.dumps({"Recipient": {"ErrorCode": 550, "Probability": 100},
                                        "Authentication": {"Probability": 100}}),
                            self.server.http_url() + "/api/v1/chaos")
        self.assertEqual(status, 200, body)
        with self.session() as client:
            with self.assertRaises(smtplib.SMTPAuthenticationError) as refused:
                client.login("scanner@contoso.com", PASSWORD)
            self.assertEqual(refused.exception.smtp_code, 535)
            self.assertEqual(refused.exception.smtp_error, b"Chaos authentication error")
        mailpit(self.server.http_url(), "setChaosTriggers",
                {"Recipient": {"ErrorCode": 550, "Probability": 100}})
        with self.session() as client:
            client.login("scanner@contoso.com", PASSWORD)
            self.assertEqual(client.mail("scanner@contoso.com")[0], 250)
            self.assertEqual(client.rcpt("a@example.net"), (550, b"Chaos recipient error"))

    def test_a_bad_value_is_answered_400_with_mailpits_text(self):
        self.assertEqual(curl("-X", "PUT", "--data", '{"Sender":{"Probability":150}}',
                              self.server.http_url() + "/api/v1/chaos"),
                         (400, "probability must be between 0 and 100"))


if __name__ == "__main__":
    unittest.main()
