"""exomock explain on replies a real client received: the line as smtplib reports it, a
session's transcript from the HTTP API on standard input, and GET /api/v1/explain."""

import json
import smtplib
import subprocess
import unittest
import urllib.parse
import urllib.request

from exomock_harness import BINARY, PASSWORD, ServerTestCase, reply_line, tls_context


def explain(*args, stdin=None):
    return subprocess.run([str(BINARY), "explain", *args], input=stdin, capture_output=True,
                          timeout=30)


class Explain(ServerTestCase):

    def refused_auth(self, user, password=PASSWORD):
        """The reply line a real client got for AUTH LOGIN as user."""
        with smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30) as client:
            client.starttls(context=tls_context())
            with self.assertRaises(smtplib.SMTPAuthenticationError) as refused:
                client.login(user, password)
        return reply_line(refused.exception.smtp_code, refused.exception.smtp_error)

    def test_a_refused_mailbox_line_names_the_step_the_fix_and_the_case(self):
        line = self.refused_auth("printer@contoso.com")
        result = explain(line)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout.decode().splitlines()
        self.assertEqual(out[0], line)
        self.assertEqual(out[1], "  535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication "
                                 "is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled "
                                 "for more information.")
        self.assertEqual(out[2], "  meaning: SMTP AUTH is turned off for this mailbox.")
        self.assertIn("  >  8. SMTP AUTH switch (the mailbox's SmtpClientAuthenticationDisabled, "
                      "else the tenant's)", out)
        self.assertIn("     1. TLS version (1.2 or later, or the tenant's legacy TLS opt-in on "
                      "smtp-legacy)", out)
        self.assertIn("    - or: Set-CASMailbox -Identity USER -SmtpClientAuthenticationDisabled $false",
                      out)
        self.assertEqual(out[-1], "  case: exomock serve --case mailbox-smtp-auth-off")

    def test_json_for_tools(self):
        line = self.refused_auth("alice@contoso.com")
        result = explain("--json", line)
        self.assertEqual(result.returncode, 0)
        body = json.loads(result.stdout)
        self.assertEqual(body["match"], "exact")
        self.assertEqual([r["cases"] for r in body["replies"]],
                         [["tenant-smtp-auth-off", "mailbox-enabled-under-disabled-tenant"]])

    def test_a_session_transcript_on_standard_input_explains_its_failures(self):
        self.refused_auth("ca-blocked@contoso.com")
        url = self.server.http_url()
        with urllib.request.urlopen(url + "/api/v1/sessions?outcome=auth-failed&limit=1") as r:
            sid = json.load(r)["sessions"][0]["ID"]  # newest first: the one above
        with urllib.request.urlopen(f"{url}/api/v1/session/{sid}?format=text") as r:
            transcript = r.read()
        self.assertNotIn(PASSWORD.encode(), transcript)
        result = explain(stdin=transcript)
        self.assertEqual(result.returncode, 0)
        out = result.stdout.decode().splitlines()
        self.assertRegex(out[0], r"^S: 535 5\.7\.139 Authentication unsuccessful, the request did "
                                 r"not meet the criteria to be authenticated successfully\. Contact "
                                 r"your administrator\. \[.+\]$")
        self.assertIn("  >  5. Conditional Access policies (legacy-authentication block, "
                      "locations, MFA)", out)
        # Only the failure: the greeting, EHLO, STARTTLS and the prompts are passed over.
        self.assertEqual(sum(1 for l in out if l.startswith("S: ")), 1)

    def test_the_http_route_answers_what_the_command_prints(self):
        line = self.refused_auth("lockout@contoso.com", "wrong-password")
        query = urllib.parse.urlencode({"line": line})
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/explain?{query}") as r:
            over_http = json.load(r)
        self.assertEqual(over_http, json.loads(explain("--json", line).stdout))
        self.assertEqual(over_http["replies"][0]["meaning"],
                         "Entra ID refused the user name or password.")

    def test_unknown_lines_say_so_and_exit_1(self):
        result = explain("599 9.9.9 Something else")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout.decode().splitlines(), [
            "599 9.9.9 Something else",
            "  not a reply exomock knows: Exchange Online gives no reply with this code and text "
            "(check the code and enhanced code, e.g. 535 5.7.139)"])
        empty = explain(stdin=b"C: EHLO x\nS: 250 2.0.0 OK\n")
        self.assertEqual(empty.stdout.decode(), "no failure reply among 2 lines read\n")


if __name__ == "__main__":
    unittest.main()
