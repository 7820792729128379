"""The audit side of the HTTP API against real SMTP clients: the sign-in log as
Microsoft Graph returns it (curl, every filter, paging), the sessions routes and
the Prometheus metrics (promtool, exact counts).

One server for the class. Its SMTP traffic happens once, in setUpClass: a
successful AUTH that sends one message, a wrong password, and alice, whose
tenant has SMTP AUTH switched off (Entra logs that sign-in as a success: the
refusal is Exchange's). The tests only read.
"""

import json
import re
import shutil
import smtplib
import subprocess
import time
import unittest
import urllib.parse

from exomock_harness import (message_bytes, PASSWORD, REPLIES, reply_line, Server, tls_context,
                             unique_marker)

GRAPH_CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns"
SIGNINS = "/v1.0/auditLogs/signIns"


def curl(url, *extra):
    """Status, headers (lower-case names) and body of a GET made with curl."""
    out = subprocess.run(["curl", "-s", "-D", "-", *extra, url], capture_output=True, timeout=60,
                         check=True).stdout.decode()
    head, _, body = out.partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def sid_of(banner):
    """The session id at the end of the greeting: "... [08DF4D4F5EE94201]"."""
    return re.search(r"\[([0-9A-F]{16})\]$", banner).group(1)


class HttpAudit(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.base = cls.server.http_url()
        cls.sids = [cls.session("scanner@contoso.com", PASSWORD, send=True),
                    cls.session("scanner@contoso.com", "Wrong-Passw0rd!"),
                    cls.session("alice@contoso.com", PASSWORD)]
        # Sign-ins and sessions reach the store within 200 ms of the session's end.
        status, _, body = curl(cls.base + "/api/v1/signins/wait?count=3&timeout=10s")
        assert status == 200, body
        cls.signins = json.loads(body)["value"]
        deadline = time.monotonic() + 10
        while json.loads(curl(cls.base + "/api/v1/sessions")[2])["total"] < 3:
            assert time.monotonic() < deadline, "the sessions were not recorded"
            time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    @classmethod
    def session(cls, user, password, send=False):
        """One SMTP session: STARTTLS, AUTH LOGIN, a message if asked and allowed, QUIT."""
        client = smtplib.SMTP(timeout=30)
        client._host = "smtp.office365.com"  # the SNI name starttls() sends; connect() leaves it unset
        code, banner = client.connect("127.0.0.1", cls.server.port())
        client.starttls(context=tls_context())
        try:
            code, text = client.login(user, password)
            assert re.match("^" + REPLIES["ok"] + "$", reply_line(code, text))
        except smtplib.SMTPAuthenticationError as refused:
            assert not send, refused
        if send:
            cls.body = message_bytes(user, "someone@example.net", "audit-e2e")
            client.mail(user)
            client.rcpt("someone@example.net")
            client.data(cls.body)
        client.quit()
        return sid_of(banner.decode())

    def graph(self, query="", *extra):
        status, headers, body = curl(self.base + SIGNINS + query, *extra)
        return status, headers, json.loads(body)

    def users_of(self, query):
        status, _, body = self.graph(query)
        self.assertEqual(status, 200, body)
        return [(s["userPrincipalName"], s["status"]["errorCode"]) for s in body["value"]]

    def filter(self, text):
        return "?$filter=" + urllib.parse.quote(text, safe="$'(),/@:")

    # ---------------------------------------------------------------- sign-ins

    def test_the_log_lists_each_attempt_newest_first_in_graphs_envelope(self):
        status, headers, body = self.graph()
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"],
                         "application/json;odata.metadata=minimal;odata.streaming=true;"
                         "IEEE754Compatible=false;charset=utf-8")
        self.assertEqual(list(body), ["@odata.context", "value"])
        self.assertEqual(body["@odata.context"], GRAPH_CONTEXT)
        self.assertEqual([(s["userPrincipalName"], s["status"]["errorCode"]) for s in body["value"]],
                         [("alice@contoso.com", 0), ("scanner@contoso.com", 50126),
                          ("scanner@contoso.com", 0)])
        self.assertEqual(body["value"], self.signins)

    def test_a_sign_in_carries_the_scenarios_names(self):
        alice, wrong, scanner = self.graph()[2]["value"]
        self.assertEqual(scanner["userDisplayName"], "Scanner")
        self.assertEqual(scanner["appDisplayName"], "Office 365 Exchange Online")
        self.assertEqual(scanner["appId"], "00000002-0000-0ff1-ce00-000000000000")
        self.assertEqual(scanner["clientAppUsed"], "Authenticated SMTP")
        self.assertEqual(scanner["ipAddress"], "127.0.0.1")
        self.assertEqual(scanner["homeTenantId"], "3c1f2a9e-6b7d-4e21-9f3a-5d8c0b4e7a12")
        self.assertEqual(scanner["status"], {"errorCode": 0, "failureReason": "Other.",
                                             "additionalDetails": None})
        self.assertEqual(scanner["correlationId"],
                         "00000000-0000-0000-" + self.sids[0][:4].lower() + "-" +
                         self.sids[0][4:].lower())
        self.assertEqual(wrong["status"]["failureReason"],
                         "Error validating credentials due to invalid username or password.")
        self.assertEqual(wrong["userId"], scanner["userId"])
        self.assertEqual(alice["userDisplayName"], "Alice")
        self.assertEqual(alice["conditionalAccessStatus"], "notApplied")
        self.assertEqual([(p["displayName"], p["result"])
                          for p in alice["appliedConditionalAccessPolicies"]],
                         [("Block legacy authentication", "notApplied"),
                          ("Branch office only", "notApplied")])

    def test_each_filter(self):
        self.assertEqual(self.users_of(self.filter("userPrincipalName eq 'ALICE@contoso.com'")),
                         [("alice@contoso.com", 0)])
        self.assertEqual(self.users_of(self.filter("startswith(userPrincipalName,'scan')")),
                         [("scanner@contoso.com", 50126), ("scanner@contoso.com", 0)])
        self.assertEqual(self.users_of(self.filter("status/errorCode eq 50126")),
                         [("scanner@contoso.com", 50126)])
        self.assertEqual(self.users_of(self.filter("status/errorCode eq 0 and "
                                                   "startsWith(userPrincipalName,'al')")),
                         [("alice@contoso.com", 0)])
        middle = self.signins[1]["createdDateTime"]
        self.assertEqual(self.users_of(self.filter("createdDateTime ge " + middle)),
                         [("alice@contoso.com", 0), ("scanner@contoso.com", 50126)])
        self.assertEqual(self.users_of(self.filter("createdDateTime le " + middle)),
                         [("scanner@contoso.com", 50126), ("scanner@contoso.com", 0)])

    def test_top_pages_through_the_next_link(self):
        status, _, first = self.graph("?$top=2")
        self.assertEqual(status, 200)
        self.assertEqual(list(first), ["@odata.context", "@odata.nextLink", "value"])
        link = first["@odata.nextLink"]
        self.assertTrue(link.startswith(self.base + SIGNINS + "?$top=2&$skiptoken="), link)
        status, _, second = curl(link)
        self.assertEqual(status, 200)
        second = json.loads(second)
        self.assertEqual(list(second), ["@odata.context", "value"])
        self.assertEqual(first["value"] + second["value"], self.signins)

    def test_a_bad_query_is_graphs_400(self):
        for query, message in [
                (self.filter("appDisplayName eq 'x'"), "Invalid filter clause"),
                (self.filter("createdDateTime ge '2026-12-01T10:00:00Z'"), "Invalid filter clause"),
                ("?$top=1001", "Invalid page size specified: '1001'. Must be between 1 and 1000 "
                               "inclusive."),
                ("?$top=ten", "Invalid value 'ten' for $top query option found. The $top query "
                              "option requires a non-negative integer value.")]:
            status, headers, body = self.graph(query, "-H", "client-request-id: e2e-audit-1")
            self.assertEqual(status, 400, query)
            self.assertEqual(body["error"]["code"], "BadRequest")
            self.assertEqual(body["error"]["message"], message)
            inner = body["error"]["innerError"]
            self.assertRegex(inner["date"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
            self.assertEqual(inner["request-id"], headers["request-id"])
            self.assertEqual(inner["client-request-id"], "e2e-audit-1")

    def test_wait_times_out_with_the_count(self):
        status, _, body = curl(self.base + "/api/v1/signins/wait?user=scanner@contoso.com&count=3"
                                           "&timeout=200ms")
        self.assertEqual(status, 408)
        body = json.loads(body)
        self.assertEqual(body["error"]["code"], "RequestTimeout")
        self.assertEqual(body["error"]["message"], "2 of 3 sign-ins matched within 200ms")
        self.assertEqual(body["count"], 2)
        status, _, body = curl(self.base + "/api/v1/signins/wait?user=scanner@contoso.com"
                                           "&error=50126")
        self.assertEqual(status, 200)
        self.assertEqual([s["status"]["errorCode"] for s in json.loads(body)["value"]], [50126])

    # ---------------------------------------------------------------- sessions

    def sessions(self, query=""):
        status, _, body = curl(self.base + "/api/v1/sessions" + query)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def test_sessions_list_every_session_with_its_outcome(self):
        body = self.sessions()
        self.assertEqual((body["total"], body["count"], body["start"]), (3, 3, 0))
        self.assertEqual([(s["ID"], s["Login"], s["Outcome"], s["Messages"])
                          for s in body["sessions"]],
                         [(self.sids[2], "", "auth-failed", 0), (self.sids[1], "", "auth-failed", 0),
                          (self.sids[0], "scanner@contoso.com", "delivered", 1)])
        first = body["sessions"][2]
        self.assertEqual(sorted(first), ["ClientIP", "ClientPort", "Ended", "ID", "Listener", "Login",
                                         "Messages", "Outcome", "Started", "TLSCipher", "TLSVersion"])
        self.assertEqual((first["Listener"], first["ClientIP"], first["TLSVersion"]),
                         ("submission", "127.0.0.1", "TLSv1.3"))

    def test_sessions_filters(self):
        self.assertEqual([s["ID"] for s in self.sessions("?outcome=auth-failed")["sessions"]],
                         [self.sids[2], self.sids[1]])
        self.assertEqual([s["ID"] for s in self.sessions("?login=scanner@contoso.com")["sessions"]],
                         [self.sids[0]])
        self.assertEqual(self.sessions("?client_ip=127.0.0.1")["total"], 3)
        self.assertEqual(self.sessions("?client_ip=192.0.2.1")["total"], 0)
        self.assertEqual([s["ID"] for s in self.sessions("?start=1&limit=1")["sessions"]],
                         [self.sids[1]])

    def test_a_session_transcript_as_json_lines_and_as_text(self):
        status, _, body = curl(self.base + "/api/v1/session/" + self.sids[1])
        self.assertEqual(status, 200)
        body = json.loads(body)
        self.assertEqual(body["Outcome"], "auth-failed")
        lines = body["Lines"]
        self.assertEqual(lines[0]["Direction"], "S")
        self.assertTrue(lines[0]["Text"].startswith("220 "))
        self.assertIn({"Direction": "C", "Text": "STARTTLS"}, lines)
        self.assertIn({"Direction": "C", "Text": "AUTH LOGIN ********"}, lines)
        self.assertIn({"Direction": "C", "Text": "********"}, lines)
        self.assertEqual(lines[-2], {"Direction": "C", "Text": "quit"})  # as smtplib sends it
        self.assertRegex(lines[-1]["Text"], "^221 ")
        status, headers, text = curl(self.base + "/api/v1/session/" + self.sids[1] + "?format=text")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/plain; charset=utf-8")
        prefix = {"C": "C: ", "S": "S: ", "*": "*  "}
        self.assertEqual(text, "\n".join(prefix[l["Direction"]] + l["Text"] for l in lines))
        for secret in ("Wrong-Passw0rd!", "V3JvbmctUGFzc3cwcmQh"):
            self.assertNotIn(secret, text)

    def test_an_unknown_session_is_404(self):
        status, _, body = curl(self.base + "/api/v1/session/0123456789ABCDEF")
        self.assertEqual((status, body), (404, "404 page not found"))

    # ---------------------------------------------------------------- metrics

    def metrics(self):
        status, headers, body = curl(self.base + "/metrics")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        return body

    def test_promtool_accepts_the_live_output(self):
        self.assertIsNotNone(shutil.which("promtool"), "promtool (Debian package prometheus)")
        result = subprocess.run(["promtool", "check", "metrics"], input=self.metrics().encode(),
                                capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_counters_after_the_known_sequence(self):
        samples = {}
        for line in self.metrics().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = value
        size = str(len(self.body))
        expected = {
            'exomock_sessions_total{listener="submission",tls_version="TLSv1.3"}': "3",
            'exomock_auth_attempts_total{outcome="success",reason="ok"}': "1",
            'exomock_auth_attempts_total{outcome="failure",reason="AADSTS50126"}': "1",
            'exomock_auth_attempts_total{outcome="failure",reason="disabled_for_tenant"}': "1",
            # Per session: greeting and STARTTLS 220, two EHLO 250s, a 334 for the
            # password, then 235 or 535, and QUIT's 221; the message adds MAIL, RCPT, 354, 250.
            'exomock_replies_total{code="220"}': "6",
            'exomock_replies_total{code="221"}': "3",
            'exomock_replies_total{code="235"}': "1",
            'exomock_replies_total{code="250"}': "9",
            'exomock_replies_total{code="334"}': "3",
            'exomock_replies_total{code="354"}': "1",
            'exomock_replies_total{code="535"}': "2",
            "exomock_messages_accepted_total": "1",
            "exomock_stored_bytes_total": size,
            "exomock_messages_throttled_total": "0",
            "exomock_messages_delayed_total": "0",
            "exomock_store_commit_seconds_count": "1",
            'exomock_store_commit_seconds_bucket{le="+Inf"}': "1",
            "mailpit_messages": "1",
            "mailpit_smtp_accepted_total": "1",
            "mailpit_smtp_accepted_size_bytes_total": size,
            "mailpit_smtp_rejected_total": "0",
        }
        self.assertEqual({k: samples.get(k) for k in expected}, expected)
        self.assertEqual(sorted(k for k in samples if k.startswith("exomock_replies_total")),
                         sorted(k for k in expected if k.startswith("exomock_replies_total")))
        self.assertEqual(sorted(k for k in samples if k.startswith("exomock_auth_attempts_total")),
                         sorted(k for k in expected if k.startswith("exomock_auth_attempts_total")))

    def test_http_requests_are_counted_by_route_pattern(self):
        def count(text, key):
            for line in text.splitlines():
                if line.startswith(key + " "):
                    return int(line.rsplit(" ", 1)[1])
            return 0
        key = 'exomock_http_requests_total{route="/api/v1/session/{id}",status="404"}'
        before = count(self.metrics(), key)
        curl(self.base + "/api/v1/session/FFFFFFFFFFFFFFF0")
        curl(self.base + "/api/v1/session/FFFFFFFFFFFFFFF1")
        self.assertEqual(count(self.metrics(), key), before + 2)
        self.assertGreater(count(self.metrics(), 'exomock_http_requests_total{route="/metrics",'
                                                 'status="200"}'), 0)


if __name__ == "__main__":
    unittest.main()
