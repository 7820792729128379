"""The web page in a real browser (Debian's chromium, driven by playwright-core in
web_page.mjs): mail sent by smtplib appears without a reload, search narrows the
list, the message's HTML is sandboxed with remote content blocked, its headers,
text and raw source show; flipping a mailbox's Authenticated SMTP on the page
changes smtplib's next AUTH (exact reply lines); the sign-in log shows what Graph
holds. Screenshots of each view go to $EXOMOCK_SCREENSHOTS (the build folder)."""

import datetime
import http.server
import json
import os
import smtplib
import subprocess
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request
from email.message import EmailMessage
from pathlib import Path

from admin_client import Session, call_json, first_auth, old_tls_context
from exomock_harness import DIAG, PASSWORD, REPLIES, Server, b64, reply_line, tls_context
from test_identity import EXACT
from test_legacy_tls import TLS_4_7_66

HERE = Path(__file__).resolve().parent
MAILBOX = "scanner@contoso.com"  # Authenticated SMTP on in the demo tenant, whose org switch is off


REPLY_OK = "235 2.7.0 Authentication successful"


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def refused_session(server, listener, context, user=MAILBOX, mail_first=False):
    """(SID, reply line) of a session refused at MAIL before AUTH (mail_first) or at AUTH; the
    SID is the last word of the refusal's diagnostic suffix, as Exchange's ends."""
    client = smtplib.SMTP("127.0.0.1", server.port(listener), timeout=30)
    try:
        client.ehlo("device.local")
        client.starttls(context=context)
        client.ehlo("device.local")
        if mail_first:
            code, text = client.docmd("MAIL", f"FROM:<{user}>")
        else:
            code, text = client.docmd("AUTH", "LOGIN " + b64(user))
            if code == 334:
                code, text = client.docmd(b64(PASSWORD))
        line = reply_line(code, text)
        return line.rsplit(" ", 1)[1].rstrip("]"), line
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


class RemoteContent(http.server.BaseHTTPRequestHandler):
    """Counts requests: the page must never let a message's HTML reach it."""
    hits = []

    def do_GET(self):
        RemoteContent.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class WebPage(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.remote = http.server.HTTPServer(("127.0.0.1", 0), RemoteContent)
        threading.Thread(target=cls.remote.serve_forever, daemon=True).start()
        cls.shots = os.environ.get("EXOMOCK_SCREENSHOTS") or tempfile.mkdtemp(prefix="exomock-web-")
        os.makedirs(cls.shots, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.remote.shutdown()
        cls.remote.server_close()
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    def send(self, subject, html=None, server=None):
        message = EmailMessage()
        message["From"] = MAILBOX
        message["To"] = "alice@contoso.com"
        message["Subject"] = subject
        message["X-Web-Test"] = "seen <in> the page & escaped"
        message.set_content(f"plain text of {subject}\n")
        if html:
            message.add_alternative(html, subtype="html")
        with smtplib.SMTP("127.0.0.1", (server or self.server).port(), timeout=30) as client:
            client.starttls(context=tls_context())
            client.login(MAILBOX, PASSWORD)
            client.send_message(message)

    def graph_sign_ins(self, user):
        query = urllib.parse.urlencode({"$filter": f"userPrincipalName eq '{user}'"})
        with urllib.request.urlopen(f"{self.server.http_url()}/v1.0/auditLogs/signIns?{query}",
                                    timeout=30) as response:
            return json.loads(response.read())["value"]

    def browser(self, mode, server=None):
        """(step, answer, process) for web_page.mjs in MODE against SERVER: step(name) reads
        the script's next line, which must be that step, and gives its data; answer(data)
        lets it go on."""
        server = server or self.server
        browser = subprocess.Popen(["node", str(HERE / "web_page.mjs"), server.http_url(), self.shots, mode],
                                   cwd=HERE, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: (browser.kill(), browser.wait(), browser.stdin.closed or browser.stdin.close(),
                                 browser.stdout.close(), browser.stderr.close()))

        def step(name):
            line = browser.stdout.readline()
            if not line:
                browser.wait(timeout=30)
                self.fail(f"the browser script ended before {name}: {browser.stderr.read()}")
            data = json.loads(line)
            self.assertEqual(data.pop("step"), name)
            return data

        def answer(data):
            browser.stdin.write(json.dumps(data) + "\n")
            browser.stdin.flush()

        return step, answer, browser

    def finish(self, step, browser, blocked):
        self.assertEqual(step("done"), {"problems": [], "blocked": blocked, "login": False})
        browser.stdin.close()
        self.assertEqual(browser.wait(timeout=60), 0, browser.stderr.read())

    def message_named(self, subject):
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/messages", timeout=30) as response:
            summary = next(m for m in json.loads(response.read())["messages"] if m["Subject"] == subject)
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/message/{summary['ID']}/smtp",
                                    timeout=30) as response:
            return json.loads(response.read())

    def live_session(self, step, answer):
        """An open session is listed live with its state and login, then among the finished."""
        step("live-open")
        session = Session(self.server)
        try:
            self.assertRegex(session.auth(MAILBOX, PASSWORD), "^" + REPLIES["ok"] + "$")
            answer({})
            live = step("live")
            self.assertEqual(live["title"], f"Session {live['id']} (open: authenticated)")
            self.assertIn(f"authenticated: {MAILBOX}", live["row"])
            # Its transcript so far, secrets masked (what the stored one begins with: below).
            self.assertEqual(live["lines"][-2:], ["S: " + REPLY_OK, "(open: more lines as the session goes on)"])
            self.assertIn("C: AUTH LOGIN ********", live["lines"])
            self.assertNotIn(PASSWORD, "\n".join(live["lines"]))
        finally:
            session.close()
        answer({})
        self.assertEqual(step("live-finished"), {"id": live["id"]})
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/session/{live['id']}?format=text",
                                    timeout=30) as response:
            stored = response.read().decode().splitlines()
        self.assertEqual(stored[:len(live["lines"]) - 1], live["lines"][:-1])

    def explained_refusals(self, step, answer):
        """A 530 5.7.57 (MAIL before AUTH) and a 421 4.7.66 (TLS 1.0) session link to their explanations."""
        sid, line = refused_session(self.server, "submission", tls_context(), mail_first=True)
        self.assertRegex(line, r"^530 5\.7\.57 Client not authenticated to send mail\." + DIAG + "$")
        step("explain")
        answer({"sid": sid})
        self.assertEqual(step("explained"), {"title": f"Session {sid} (refused)",
                                             "why": "Why: 530 5.7.57"})
        call_json(self, self.server, "PATCH", "/api/v1/admin/transport-config/northwind.com",
                  {"AllowLegacyTLSClients": False})
        try:
            sid, line = refused_session(self.server, "submission-legacy", old_tls_context(),
                                        user="carol@northwind.com")
        finally:
            call_json(self, self.server, "PATCH", "/api/v1/admin/transport-config/northwind.com",
                      {"AllowLegacyTLSClients": True})
        self.assertRegex(line, "^" + TLS_4_7_66 + "$")
        step("explain")
        answer({"sid": sid})
        explained = step("explained")
        self.assertEqual(explained["why"], "Why: 421 4.7.66")
        step("explain")
        answer({})

    def admin_controls(self, step, answer):
        """Each remaining switch, flipped on the page, changes a real client's next AUTH."""
        before = call_json(self, self.server, "GET", "/api/v1/admin/clock")["now"]  # the page moves it last
        legacy = ("carol@northwind.com", PASSWORD, "submission-legacy", old_tls_context())
        for checked in (False, True):
            self.assertEqual(step("legacy-tls"), {"checked": checked})
            self.assertRegex(first_auth(self.server, *legacy), "^" + (REPLIES["ok"] if checked else TLS_4_7_66) + "$")
            answer({})
        for enabled in (False, True):
            self.assertEqual(step("security-defaults"), {"enabled": enabled})
            self.assertRegex(first_auth(self.server, "bob@fabrikam.com", PASSWORD),
                             "^" + (EXACT["defaults"] if enabled else REPLIES["ok"]) + "$")
            answer({})
        for state in ("disabled", "enabledForReportingButNotEnforced", "enabled"):
            self.assertEqual(step("conditional-access"), {"state": state})
            policy = call_json(self, self.server, "GET",
                               "/api/v1/admin/conditional-access/Contoso/Block legacy authentication")
            self.assertEqual(policy["state"], state)
            self.assertRegex(first_auth(self.server, "ca-blocked@contoso.com", PASSWORD),
                             "^" + (EXACT["criteria"] if state == "enabled" else REPLIES["ok"]) + "$")
            answer({})
        for state in ("available", "retired"):
            self.assertEqual(step("basic-auth"), {"state": state})
            self.assertRegex(first_auth(self.server, "dave@tailspin.com", PASSWORD),
                             "^" + (EXACT["retired"] if state == "retired" else REPLIES["ok"]) + "$")
            answer({})
        for state in ("enforced", "disabled"):
            self.assertEqual(step("mfa"), {"state": state})
            self.assertRegex(first_auth(self.server, MAILBOX, PASSWORD),
                             "^" + (EXACT["criteria"] if state == "enforced" else REPLIES["ok"]) + "$")
            answer({})
        created = step("app-password")
        self.assertRegex(created["secret"], "^[a-z]{16}$")
        self.assertEqual(created["count"], "2 app passwords")
        self.assertRegex(first_auth(self.server, "mfa@contoso.com", created["secret"]), "^" + REPLIES["ok"] + "$")
        self.assertNotIn(created["secret"], json.dumps(call_json(self, self.server, "GET", "/api/v1/admin/audit")))
        answer({})
        shown = step("clock")
        now = call_json(self, self.server, "GET", "/api/v1/admin/clock")["now"]
        shown_iso = shown["now"].rsplit("(", 1)[1].rstrip(")")
        self.assertLess(abs(parse_time(now) - parse_time(shown_iso)), 60)  # the server's time, as it answered
        self.assertGreaterEqual(parse_time(now) - parse_time(before), 25 * 3600)
        answer({})

    def test_with_a_token_only_the_login_form_until_it_is_given(self):
        server = Server(extra_args=["--http-token", "web-Token-1"])
        self.addCleanup(server.stop)
        self.send("Before the login", server=server)
        step, answer, browser = self.browser("token", server)
        self.assertEqual(step("login"), {"views": False, "messages": 0})
        step("token")
        answer({"value": "not-the-token"})
        self.assertEqual(step("refused"), {"login": True})
        step("token")
        answer({"value": "web-Token-1"})
        self.assertEqual(step("shown"), {"subjects": ["Before the login"], "live": "live"})
        self.send("After the login", server=server)
        answer({"subject": "After the login"})
        self.finish(step, browser, blocked=True)  # the 401s before the login

    def test_no_serious_accessibility_violations_light_or_dark(self):
        server = Server()  # its own: the tour counts the messages of the class's server
        self.addCleanup(server.stop)
        self.send("Accessibility check", html="<html><body><p>checked</p></body></html>", server=server)
        step, _, browser = self.browser("axe", server)
        self.assertEqual(step("axe"), {"violations": [], "ran": True})
        self.finish(step, browser, blocked=False)

    def test_the_page_in_a_browser(self):
        step, answer, browser = self.browser("tour")
        step("loaded")
        remote = f"http://127.0.0.1:{self.remote.server_address[1]}/pixel.png"
        self.send("First <b>web</b> message",
                  f'<html><body><p id="marker">rendered &amp; sandboxed</p>'
                  f'<p id="scripted">script did not run</p>'
                  f'<script>document.getElementById("scripted").textContent = "script ran"</script>'
                  f'<img src="{remote}"><link rel="stylesheet" href="{remote}"></body></html>')
        self.send("Second web message")
        answer({"first": "First <b>web</b> message", "second": "Second web message", "mailbox": MAILBOX,
                "search": "subject:first"})

        self.assertEqual(step("listed")["subjects"], ["Second web message", "First <b>web</b> message"])
        searched = step("searched")
        self.assertEqual(searched["subjects"], ["First <b>web</b> message"])
        self.assertEqual(searched["count"], '1 matching "subject:first"')
        self.assertEqual(step("html"), {"marker": "rendered & sandboxed", "scripted": "script did not run",
                                        "sandbox": ""})
        self.assertEqual(step("header"), {"value": "seen <in> the page & escaped"})
        self.assertIn("Subject: First <b>web</b> message", step("raw")["starts"])
        self.assertEqual(step("text"), {"text": "plain text of First <b>web</b> message\r\n"})
        carried = step("carried")
        first = self.message_named("First <b>web</b> message")
        self.assertEqual(carried["sid"], first["SessionID"])
        self.assertEqual(carried["href"], "#/sessions/" + first["SessionID"])
        self.assertIn("C: AUTH LOGIN ********", carried["lines"])
        self.assertEqual(RemoteContent.hits, [])  # the message's remote image and style stayed blocked

        self.assertEqual(step("admin"), {"orgSmtpOff": True, "legacyTls": False, "on": True})
        switched = []  # the exact reply lines smtplib got
        for expected in ("mailbox", "tenant", "ok"):
            self.assertEqual(step("smtp-auth")["state"], {"mailbox": "off", "tenant": "org", "ok": "on"}[expected])
            switched.append(first_auth(self.server, MAILBOX, PASSWORD))
            self.assertRegex(switched[-1], "^" + REPLIES[expected] + "$")
            answer({})

        step("lock")
        session = Session(self.server)
        try:
            for n in range(10):  # the demo tenant's lockout threshold
                session.auth("lockout@contoso.com", f"Wrong-{n}")
            self.assertRegex(session.auth("lockout@contoso.com", PASSWORD), "^" + EXACT["locked"] + "$")
            answer({})
            self.assertEqual(step("reset"), {"before": "Locked out until … (1 lockout)",
                                             "after": "Not locked out (0 lockouts so far)"})
            self.assertRegex(session.auth("lockout@contoso.com", PASSWORD), "^" + REPLIES["ok"] + "$")
        finally:
            session.close()
        wrong = first_auth(self.server, MAILBOX, "Wrong-password")
        self.assertRegex(wrong, "^" + REPLIES["credentials"] + "$")
        # Sign-ins are stored just after the reply: wait for all six (two sends, three AUTHs
        # Exchange refused or took after Entra's success, one wrong password).
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/signins/wait?user={MAILBOX}&count=6",
                                    timeout=30) as response:
            self.assertEqual(response.status, 200)
        answer({})

        graph = self.graph_sign_ins(MAILBOX)
        shown = step("signins")
        rows = shown["rows"]
        # Beside each sign-in, the exact line its client got, newest first: the wrong password,
        # the three AUTHs of the switches, the two sends' logins.
        self.assertEqual(shown["replies"], [wrong, *reversed(switched), REPLY_OK, REPLY_OK])
        self.assertEqual(len(rows), len(graph))
        self.assertEqual([r[1] for r in rows], [f"Scanner ({MAILBOX})"] * len(graph))
        self.assertEqual([r[3] for r in rows], [g["clientAppUsed"] for g in graph])
        self.assertEqual([r[6] for r in rows], [str(g["status"]["errorCode"]) for g in graph])
        self.assertEqual([r[5] for r in rows],
                         ["Success" if g["status"]["errorCode"] == 0 else "Failure" for g in graph])
        failures = [g for g in graph if g["status"]["errorCode"] != 0]
        self.assertEqual([g["status"]["errorCode"] for g in failures], [50126])
        self.assertEqual([(r[6], r[7]) for r in step("failures")["rows"]],
                         [(str(g["status"]["errorCode"]), g["status"]["failureReason"]) for g in failures])
        session = step("session")
        with urllib.request.urlopen(f"{self.server.http_url()}/api/v1/session/{session['id']}?format=text",
                                    timeout=30) as response:
            transcript = response.read().decode()
        self.assertEqual(session["lines"], transcript.splitlines())
        self.assertEqual(session["rows"], 3)  # Authenticated SMTP off, then following the tenant, then a wrong password
        self.assertIn("C: AUTH LOGIN ********", session["lines"])
        self.assertNotIn(PASSWORD, transcript)
        self.assertTrue(any(line.startswith("S: 535 5.7.139 Authentication unsuccessful, the user credentials")
                            for line in session["lines"]), session["lines"])
        # The refusal links to the server's explanation of that very line (GET /api/v1/explain).
        explained = call_json(self, self.server, "GET", "/api/v1/explain?line=" + wrong)  # call() quotes it
        self.assertEqual(step("why"), {
            "link": "Why: 535 5.7.139", "line": wrong,
            "reply": [f"{r['code']} {r['text']}" for r in explained["replies"]],
            "meaning": [r["meaning"] for r in explained["replies"]]})
        self.assertEqual(explained["replies"][0]["text"],
                         "5.7.139 Authentication unsuccessful, the user credentials were incorrect.")
        self.live_session(step, answer)
        self.explained_refusals(step, answer)
        self.admin_controls(step, answer)
        self.finish(step, browser, blocked=True)  # the message's script, image and stylesheet
        for view in ("messages", "admin", "signins", "sessions", "sessions-live", "help", "admin-entra"):
            self.assertTrue(os.path.getsize(os.path.join(self.shots, view + ".png")) > 10_000, view)


if __name__ == "__main__":
    unittest.main()
