"""Mailpit's mailbox API on real mail: Python smtplib sends through the demo
scenario (scanner@contoso.com on `submission` after STARTTLS, or Direct Send on
`mx`), then urllib, the npm package mailpit-api 2.1.0 and a WebSocket client
(ws, speaking mailpit-ws's protocol) read it back.

Tests whose names mention MIME read what the MIME layer fills at index time
(Subject, addresses, Message-ID, snippet) and GET /api/v1/message/{ID}.
"""

import base64
import http.client
import json
import os
import re
import smtplib
import subprocess
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from exomock_harness import PASSWORD, Server, ServerTestCase, message_bytes, tls_context, unique_marker

HERE = Path(__file__).resolve().parent
ENVELOPE = ["total", "unread", "count", "messages_count", "messages_unread", "start", "tags", "messages"]
SUMMARY = ["ID", "MessageID", "Read", "From", "To", "Cc", "Bcc", "ReplyTo", "Subject", "Created",
           "Username", "Tags", "Size", "Attachments", "Snippet"]
TOKEN = "e2e-bearer-token"
BASIC = ("ci", "e2e-basic-secret")


def api(server, method, path, body=None, headers=None):
    """(status, content type, body text) of one request to the HTTP API."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(server.http_url() + path, data=data, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def api_json(server, path, headers=None):
    status, kind, text = api(server, "GET", path, headers=headers)
    assert status == 200 and kind == "application/json", (path, status, text)
    return json.loads(text)


def submit(server, marker, recipient="alice@contoso.com"):
    """Sends one message as scanner@contoso.com; returns (its bytes, when the 250 came)."""
    body = message_bytes("scanner@contoso.com", recipient, marker, message_id=f"<{marker}@scanner.contoso.com>")
    with smtplib.SMTP("127.0.0.1", server.port(), timeout=30) as client:
        client.starttls(context=tls_context())
        client.login("scanner@contoso.com", PASSWORD)
        client.mail("scanner@contoso.com")
        client.rcpt(recipient)
        code, _ = client.data(body)
        accepted = time.monotonic()
        assert code == 250, code
    return body, accepted


class MailboxRoutes(ServerTestCase):

    def setUp(self):
        self.assertEqual(api(self.server, "DELETE", "/api/v1/messages")[0], 200)

    def test_list_envelope_and_summary_from_smtp(self):
        marker = unique_marker(self)
        body, _ = submit(self.server, marker)
        stored = self.captured_by_marker(marker)[0]
        listing = api_json(self.server, "/api/v1/messages")
        self.assertEqual(list(listing), ENVELOPE)
        self.assertEqual([listing[k] for k in ENVELOPE[:6]], [1, 1, 1, 1, 1, 0])
        self.assertEqual(listing["tags"], [])
        summary = listing["messages"][0]
        self.assertEqual(list(summary), SUMMARY)
        self.assertEqual(summary["ID"], str(stored["id"]))
        self.assertEqual(summary["Username"], "scanner@contoso.com")
        self.assertEqual(summary["Size"], len(body))
        self.assertIs(summary["Read"], False)
        self.assertEqual([summary[k] for k in ("Cc", "Bcc", "ReplyTo", "Tags")], [[], [], [], []])
        self.assertRegex(summary["Created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$")
        self.assertEqual(summary["Created"].rstrip("Z").rstrip("0").rstrip("."),
                         stored["received"].rstrip("Z").rstrip("0").rstrip("."))

    def test_mime_fields_of_the_summary(self):
        marker = unique_marker(self)
        submit(self.server, marker)
        summary = api_json(self.server, "/api/v1/messages")["messages"][0]
        self.assertEqual(summary["Subject"], f"exomock e2e {marker}")
        self.assertEqual(summary["MessageID"], f"{marker}@scanner.contoso.com")
        self.assertEqual(summary["From"], {"Name": "", "Address": "scanner@contoso.com"})
        self.assertEqual(summary["To"], [{"Name": "", "Address": "alice@contoso.com"}])
        self.assertIn(f"Marker {marker}.", summary["Snippet"])
        for query in (f"subject:{marker}", "to:alice@contoso.com", f"message-id:{marker}", marker,
                      f'"marker {marker}"'):
            found = api_json(self.server, "/api/v1/search?query=" + urllib.parse.quote(query))
            self.assertEqual(found["messages_count"], 1, query)

    def test_exomock_search_words_over_smtp_and_direct_send(self):
        submit(self.server, unique_marker(self))
        with smtplib.SMTP("127.0.0.1", self.server.port("mx"), timeout=30) as mx:
            mx.ehlo("printer.contoso.com")
            mx.mail("printer@contoso.com")
            mx.rcpt("alice@contoso.com")
            self.assertEqual(mx.data(message_bytes("printer@contoso.com", "alice@contoso.com",
                                                   unique_marker(self)))[0], 250)
        counts = {}
        for query in ("login:scanner@contoso.com", "listener:submission", "listener:mx", "path:submission",
                      "path:direct-send", "-path:submission", "tls:none", "-tls:none", "client-ip:127.0.0.1",
                      "tenant:contoso", "tenant:contoso.com", "tenant:fabrikam", "is:unread"):
            counts[query] = api_json(self.server, "/api/v1/search?query=" + urllib.parse.quote(query))[
                "messages_count"]
        self.assertEqual(counts, {
            "login:scanner@contoso.com": 1, "listener:submission": 1, "listener:mx": 1, "path:submission": 1,
            "path:direct-send": 1, "-path:submission": 1, "tls:none": 1, "-tls:none": 1,
            "client-ip:127.0.0.1": 2, "tenant:contoso": 2, "tenant:contoso.com": 2, "tenant:fabrikam": 0,
            "is:unread": 2})
        tls = api_json(self.server, "/api/v1/search?query=login:scanner")["messages"][0]["ID"]
        versions = [api_json(self.server, f"/api/v1/search?query=tls:{v}")["messages"] for v in ("1.2", "1.3")]
        self.assertEqual([m["ID"] for found in versions for m in found], [tls])

    def test_read_tags_and_deletion_through_the_api(self):
        submit(self.server, unique_marker(self))
        submit(self.server, unique_marker(self))
        first, second = [m["ID"] for m in api_json(self.server, "/api/v1/messages")["messages"]]
        self.assertEqual(api(self.server, "PUT", "/api/v1/messages", {"ids": [first], "read": True}),
                         (200, "text/plain", "ok"))
        self.assertEqual(api_json(self.server, "/api/v1/search?query=is:read")["messages"][0]["ID"], first)
        self.assertEqual(api(self.server, "PUT", "/api/v1/messages", b""), (400, "text/plain", "EOF"))
        self.assertEqual(api(self.server, "PUT", "/api/v1/messages", {"IDs": [first], "Search": "x"})[2],
                         "You may specify either IDs or a search query, not both")
        self.assertEqual(api(self.server, "PUT", "/api/v1/tags", {"IDs": [first, second], "Tags": ["CI run", "ci run"]})[2],
                         "ok")
        self.assertEqual(api_json(self.server, "/api/v1/tags"), ["CI run"])
        self.assertEqual(api(self.server, "PUT", "/api/v1/tags/CI%20run", {"Name": "Done"})[2], "ok")
        self.assertEqual(api(self.server, "DELETE", "/api/v1/tags/Nope"), (400, "text/plain", "tag not found: Nope"))
        self.assertEqual(api_json(self.server, "/api/v1/search?query=tag:done")["messages_count"], 2)
        self.assertEqual(api(self.server, "DELETE", "/api/v1/search"), (400, "text/plain", "Error: no search query"))
        self.assertEqual(api(self.server, "DELETE", "/api/v1/search?query=is:read")[2], "ok")
        self.assertEqual([m["ID"] for m in api_json(self.server, "/api/v1/messages")["messages"]], [second])
        self.assertEqual(api(self.server, "DELETE", "/api/v1/messages", {"IDs": [second, "999"]})[2], "ok")
        self.assertEqual(api_json(self.server, "/api/v1/messages")["total"], 0)

    def test_info_webui_and_routes_exomock_does_not_run(self):
        body, _ = submit(self.server, unique_marker(self))
        info = api_json(self.server, "/api/v1/info")
        self.assertEqual(info["Version"], "v" + self.server.cli("--version").stdout.decode().split()[-1])
        self.assertEqual(info["Database"], str(Path(self.server.data_dir) / "exomock.sqlite3"))
        self.assertEqual(info["DatabaseSize"], (Path(self.server.data_dir) / "exomock.sqlite3").stat().st_size)
        self.assertEqual((info["Messages"], info["Unread"], info["Tags"]), (1, 1, {}))
        stats = info["RuntimeStats"]
        self.assertGreater(stats["Memory"], 1_000_000)
        self.assertGreaterEqual(stats["SMTPAccepted"], 1)
        self.assertGreaterEqual(stats["SMTPAcceptedSize"], len(body))
        self.assertEqual(api_json(self.server, "/api/v1/webui")["MessageRelay"]["Enabled"], False)
        latest = api_json(self.server, "/api/v1/messages")["messages"][0]["ID"]
        status, _, text = api(self.server, "POST", f"/api/v1/message/{latest}/release", {"To": ["x@example.test"]})
        self.assertEqual(status, 400)
        self.assertTrue(text.startswith("SMTP error: relay not configured"), text)
        self.assertEqual(api(self.server, "GET", f"/api/v1/message/{latest}/sa-check")[0:3:2],
                         (404, "File not found\n"))
        self.assertEqual(api(self.server, "GET", "/api/v1/message/latest/html-check")[0], 400)


class WaitForMessage(ServerTestCase):

    def test_wait_answers_right_after_the_250(self):
        query = "login:scanner@contoso.com"
        before = api_json(self.server, "/api/v1/search?query=" + query)["messages_count"]
        answered = {}

        def wait():
            status, _, text = api(self.server, "GET", f"/api/v1/wait?query={query}&count={before + 1}&timeout=20s")
            answered.update(status=status, at=time.monotonic(), body=json.loads(text))

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.3)  # the wait is held by the server before the mail goes
        self.assertEqual(answered, {})
        _, accepted = submit(self.server, unique_marker(self))
        waiter.join(30)
        self.assertEqual(answered["status"], 200)
        self.assertEqual(list(answered["body"]), ENVELOPE)
        self.assertEqual(answered["body"]["messages_count"], before + 1)
        delay_ms = (answered["at"] - accepted) * 1000
        print(f"\nwait answered {delay_ms:.1f} ms after the 250 reached the client")
        self.assertLess(delay_ms, 2000)

    def test_wait_times_out_with_408_and_refuses_bad_values(self):
        started = time.monotonic()
        status, kind, text = api(self.server, "GET", "/api/v1/wait?query=nothing-matches-this&timeout=300ms")
        self.assertGreaterEqual(time.monotonic() - started, 0.3)
        self.assertEqual((status, kind), (408, "application/json"))
        self.assertEqual(json.loads(text), {"Error": "timed out after 300ms: 0 of 1 message matches",
                                            "messages_count": 0, "wanted": 1})
        self.assertEqual(api(self.server, "GET", "/api/v1/wait?count=0")[0], 400)
        self.assertEqual(api(self.server, "GET", "/api/v1/wait?timeout=10")[0], 400)


class MailpitClients(ServerTestCase):
    """mailpit-api and a WebSocket client against the server, mail from smtplib."""

    user = None

    def run_client(self, mode):
        env = None
        if self.user:
            env = dict(os.environ, MAILPIT_USER=self.user[0], MAILPIT_PASSWORD=self.user[1])
        with subprocess.Popen(["node", str(HERE / "mailpit_client.mjs"), mode, self.server.http_url()],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=HERE) as proc:
            timer = threading.Timer(120, proc.kill)
            timer.start()
            try:
                for line in proc.stdout:
                    if line.startswith("ready "):
                        marker = unique_marker(self) + "-" + str(time.monotonic_ns())
                        for i in range(int(line.split()[1])):
                            submit(self.server, f"{marker}-{i}" if i else marker)
                        proc.stdin.write(f"sent {marker}\n")
                        proc.stdin.flush()
                    elif line.strip() == "done":
                        break
                proc.stdin.close()
                code = proc.wait(30)
                errors = proc.stderr.read()
            finally:
                timer.cancel()
        self.assertEqual(code, 0, errors)

    def test_mailpit_api_and_live_events(self):
        self.run_client("core")

    def test_mailpit_api_wait_for_message_and_mime_fields(self):
        self.run_client("mime")


class AccessEnforced(MailpitClients):
    """--http-token and --http-auth: every route family and the upgrade need one of them."""

    user = BASIC

    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--http-token", TOKEN, "--http-auth", ":".join(BASIC)])

    def test_every_family_refuses_without_credentials(self):
        basic = "Basic " + base64.b64encode(":".join(BASIC).encode()).decode()
        for method, path in (("GET", "/api/v1/messages"), ("PUT", "/api/v1/messages"),
                             ("DELETE", "/api/v1/search?query=x"), ("GET", "/api/v1/search?query=x"),
                             ("GET", "/api/v1/tags"), ("PUT", "/api/v1/tags/x"), ("GET", "/api/v1/info"),
                             ("GET", "/api/v1/webui"), ("GET", "/api/v1/wait?timeout=0"),
                             ("POST", "/api/v1/message/1/release")):
            body = b"{}" if method in ("PUT", "POST") else None
            self.assertEqual(api(self.server, method, path, body)[0:3:2], (401, "Unauthorized.\n"), path)
            self.assertEqual(api(self.server, method, path, body, {"Authorization": "Bearer nope"})[0], 401)
            for good in ("Bearer " + TOKEN, basic):
                self.assertNotEqual(api(self.server, method, path, body, {"Authorization": good})[0], 401, path)

    def test_the_websocket_upgrade_needs_them_too(self):
        def upgrade(authorization=None):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.ports["http"], timeout=10)
            headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                       "Sec-WebSocket-Key": base64.b64encode(b"exomock-e2e-key!").decode()}
            if authorization:
                headers["Authorization"] = authorization
            conn.request("GET", "/api/events", headers=headers)
            status = conn.getresponse().status
            conn.close()
            return status
        self.assertEqual(upgrade(), 401)
        self.assertEqual(upgrade("Bearer nope"), 401)
        self.assertEqual(upgrade("Bearer " + TOKEN), 101)


if __name__ == "__main__":
    unittest.main()
