"""Exchange Online's sending limits end to end, with Python smtplib.

Each class serves a small scenario (scenarios/limits.toml or one written from
LIMITS below) and asserts the exact reply lines at the stage Exchange gives them.
Time is the scenario clock's: a fixed start and a rate make minutes and days pass
on purpose, so outcomes do not depend on how fast the machine is.
"""

import smtplib
import subprocess
import time
import unittest

from exomock_harness import (BINARY, class_scenario, DIAG, message_bytes, REPLIES, reply_line, REPO,
                             Server, smtp_login)

EXAMPLE = REPO / "scenarios" / "limits.toml"
HOSTNAME = r" \[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]"

LIMITS = """
[server]
error_delay = "0"
clock_start = "2026-11-28T09:00:00Z"
clock_rate = {rate}

[[listener]]
name = "submission"
kind = "submission"
address = "127.0.0.1:0"

[[tenant]]
name = "Contoso"
domains = ["contoso.com"]
smtp_client_authentication_disabled = false

[tenant.limits]
{limits}

[[tenant.mailbox]]
address = "app@contoso.com"
password = "Demo-Passw0rd!"
"""


class LimitsCase(unittest.TestCase):
    """One server per class, from `rate` and `limits`, or the example file."""

    rate = None
    limits = ""

    @classmethod
    def setUpClass(cls):
        scenario = EXAMPLE
        if cls.rate is not None:
            scenario = class_scenario(cls, LIMITS.format(rate=cls.rate, limits=cls.limits),
                                      "exomock-limits-")
        cls.server = Server(scenario, listeners=("submission",))

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    def login(self, user="app@contoso.com"):
        return smtp_login(self, self.server, user)

    def send(self, client, recipients, sender="app@contoso.com", marker="m"):
        """MAIL, RCPTs, DATA: the reply to the first refused step, or that of DATA."""
        code, text = client.mail(sender)
        if code != 250:
            return reply_line(code, text)
        for r in recipients:
            code, text = client.rcpt(r)
            if code != 250:
                client.rset()
                return reply_line(code, text)
        code, text = client.data(message_bytes(sender, recipients[0], marker))
        return reply_line(code, text)


class ExampleScenario(LimitsCase):
    """scenarios/limits.toml as shipped."""

    def test_example_passes_check(self):
        result = subprocess.run([str(BINARY), "check", str(EXAMPLE)], capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.decode().strip(), "1 tenant, 3 mailboxes, 1 listener")

    def test_recipient_limit_at_the_rcpt_beyond(self):
        client = self.login("few@contoso.com")
        client.mail("few@contoso.com")
        self.assertEqual(client.rcpt("a@contoso.com")[0], 250)
        self.assertEqual(client.rcpt("b@contoso.com")[0], 250)
        self.assertRegex(reply_line(*client.rcpt("c@contoso.com")),
                         r"^452 4\.5\.3 Too many recipients" + DIAG + "$")
        code, text = client.data(message_bytes("few@contoso.com", "a@contoso.com", "two-of-three"))
        self.assertRegex(reply_line(code, text), "^" + REPLIES["accepted"] + "$")

    def test_max_send_size_at_end_of_data(self):
        client = self.login("few@contoso.com")
        body = message_bytes("few@contoso.com", "a@contoso.com", "big") + (b"x" * 98 + b"\r\n") * 11000
        self.assertRegex(self.send_raw(client, "few@contoso.com", "a@contoso.com", body),
                         "^" + REPLIES["too_large"] + "$")

    def send_raw(self, client, sender, recipient, body):
        client.mail(sender)
        client.rcpt(recipient)
        return reply_line(*client.data(body))

    def test_mailbox_full(self):
        client = self.login("full@contoso.com")
        self.assertEqual(
            self.send(client, ["a@contoso.com"], sender="full@contoso.com"),
            "554 5.2.2 mailbox full; "
            "STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded")

    def test_fourth_submitting_connection_gets_432_at_end_of_data(self):
        clients = [self.login() for _ in range(4)]
        for client in clients[:3]:
            self.assertRegex(self.send(client, ["a@contoso.com"]), "^" + REPLIES["accepted"] + "$")
        self.assertRegex(
            self.send(clients[3], ["a@contoso.com"]),
            r"^432 4\.3\.2 Concurrent connections limit exceeded\. Visit "
            r"https://aka\.ms/concurrent_sending for more information\." + HOSTNAME + "$")
        clients[0].quit()
        # The server counts the first connection out when it has closed it.
        for _ in range(100):
            reply = self.send(clients[3], ["a@contoso.com"])
            if not reply.startswith("432"):
                break
            time.sleep(0.05)
        self.assertRegex(reply, "^" + REPLIES["accepted"] + "$")


class RateDelays(LimitsCase):
    """3 a minute at real-time rate from 09:00:00: the 4th and 5th wait for 09:01."""

    rate = 1.0
    limits = "messages_per_minute = 3"

    def test_excess_is_accepted_and_released_in_the_next_minute(self):
        client = self.login()
        for i in range(5):
            self.assertRegex(self.send(client, ["a@contoso.com"], marker=f"rate-{i}"),
                             "^" + REPLIES["accepted"] + "$")
        messages = self.server.messages()
        self.assertEqual(len(messages), 5)
        for m in messages[:3]:
            self.assertEqual(m["released"], m["received"])
            self.assertTrue(m["received"].startswith("2026-11-28T09:00:"), m)
        for m in messages[3:]:
            self.assertEqual(m["released"], "2026-11-28T09:01:00.000Z")


class RateRejects(LimitsCase):
    rate = 1.0
    limits = 'messages_per_minute = 2\nmessage_rate = "reject"'

    def test_older_behaviour_refuses_at_mail_and_closes(self):
        client = self.login()
        for _ in range(2):
            self.assertRegex(self.send(client, ["a@contoso.com"]), "^" + REPLIES["accepted"] + "$")
        with self.assertRaises(smtplib.SMTPServerDisconnected):
            code, text = client.mail("app@contoso.com")
            self.assertRegex(reply_line(code, text),
                             r"^421 4\.4\.2 Message submission rate for this client has exceeded "
                             r"the configured limit" + DIAG + "$")
            client.noop()


class DailyQuotas(LimitsCase):
    """24 h of scenario time pass in 4.3 s: the sliding windows empty on their own."""

    rate = 20000.0
    limits = ("recipients_per_day = 3\nexternal_recipients_per_day = 1\n"
              "[tenant.limits.throttling]\nerrors = 2\nwindow = \"1h\"\nperiod = \"1h\"")

    def test_quotas_and_throttling_then_a_day_later(self):
        client = self.login()
        self.assertRegex(self.send(client, ["x@example.net", "a@contoso.com"]),
                         "^" + REPLIES["accepted"] + "$")
        self.assertEqual(
            self.send(client, ["y@example.org"]),
            "550 5.7.233 Your message can't be sent because your tenant exceeded its daily limit "
            "for sending email to external recipients (tenant external recipient rate limit)")
        self.assertRegex(self.send(client, ["b@contoso.com"]), "^" + REPLIES["accepted"] + "$")
        self.assertEqual(
            self.send(client, ["c@contoso.com"]),
            "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
            "process message due to a permanent exception with message [BeginDiagnosticData]Cannot "
            "submit message.")
        for _ in range(2):  # two send-as denials in the window throttle the sender
            self.assertTrue(self.send(client, ["c@contoso.com"], sender="boss@contoso.com")
                            .startswith("554 5.2.252 SendAsDenied;"))
        self.assertEqual(self.send(client, ["c@contoso.com"]),
                         "550 5.2.252 Sender throttled due to continuous send as denied errors.")
        time.sleep(24 * 3600 / self.rate + 0.3)  # one scenario day
        self.assertRegex(self.send(client, ["z@example.org", "d@contoso.com"]),
                         "^" + REPLIES["accepted"] + "$")


if __name__ == "__main__":
    unittest.main()
