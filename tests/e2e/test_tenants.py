"""A tenant per test, end to end: POST /api/v1/tenants gives a domain, an id and
mailbox passwords that a real client's AUTH LOGIN takes (smtplib, exact reply
lines); two tenants created side by side each see only their own mail through
tenant: searches and waits; DELETE takes a tenant's mail and sign-ins and leaves
the other's; the tenant's settings decide its AUTH as a scenario file's would;
and the README's examples (docs/examples: a pytest fixture and a Node test) run
against the server as written."""

import json
import os
import select
import shutil
import smtplib
import subprocess
import sys
from pathlib import Path

from admin_client import AdminCase, call, call_json, first_auth
from exomock_harness import REPO, reply_line, tls_context

EXAMPLES = REPO / "docs" / "examples"
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"


class Tenants(AdminCase):

    def create(self, body):
        status, text = call(self.server, "POST", "/api/v1/tenants", body)
        self.assertEqual(status, 201, text)
        created = json.loads(text)
        self.addCleanup(call, self.server, "DELETE", "/api/v1/tenants/" + created["id"])
        return created

    def send(self, mailbox, subject):
        with smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30) as smtp:
            smtp.starttls(context=tls_context())
            code, text = smtp.login(mailbox["address"], mailbox["password"])
            self.assertLine("ok", reply_line(code, text))
            smtp.sendmail(mailbox["address"], ["qa@example.org"],
                          f"From: {mailbox['address']}\r\nTo: qa@example.org\r\n"
                          f"Subject: {subject}\r\n\r\nbody\r\n")

    def wait(self, query, count=1):
        return call_json(self, self.server, "GET",
                         f"/api/v1/wait?query={query}&count={count}&timeout=30s")  # call() quotes it

    def search(self, query):
        return call_json(self, self.server, "GET", f"/api/v1/search?query={query}")

    def test_a_created_mailbox_signs_in_with_the_password_it_was_given(self):
        t = self.create({"smtp_client_authentication_disabled": False,
                         "mailboxes": [{"address": "printer"}, {"address": "scanner", "password": "Sc4n-it!"}]})
        self.assertRegex(t["id"], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertRegex(t["domain"], r"^t-[0-9a-f]{4}\.example\.test$")
        printer, scanner = t["mailboxes"]
        self.assertEqual(printer["address"], "printer@" + t["domain"])
        self.assertRegex(printer["password"], r"^[0-9a-f]{32}$")
        self.assertEqual(scanner, {"address": "scanner@" + t["domain"], "password": "Sc4n-it!"})
        self.assertAuth("ok", printer["address"], printer["password"])
        self.assertAuth("ok", scanner["address"], "Sc4n-it!")
        self.assertAuth("credentials", printer["address"], "wrong")
        shown = call_json(self, self.server, "GET", "/api/v1/tenants/" + t["id"])
        self.assertEqual(shown, {"id": t["id"], "name": t["domain"], "domains": [t["domain"]],
                                 "mailboxes": [printer["address"], scanner["address"]]})
        # The audit and the live scenario name the tenant but never its passwords.
        audit = json.dumps(call_json(self, self.server, "GET", "/api/v1/admin/audit"))
        self.assertIn(t["domain"], audit)
        self.assertNotIn(printer["password"], audit)
        self.assertNotIn("Sc4n-it!", audit)
        self.assertNotIn(printer["password"], self.server.server_log())
        self.assertNotIn("Sc4n-it!", self.server.server_log())

    def test_a_new_tenant_has_smtp_auth_off_as_microsoft_ships_it(self):
        t = self.create({"mailboxes": [{"address": "printer"}]})
        box = t["mailboxes"][0]
        self.assertAuth("tenant", box["address"], box["password"])
        self.patch(f"/api/v1/admin/transport-config/{t['domain']}", {"SmtpClientAuthenticationDisabled": False})
        self.assertAuth("ok", box["address"], box["password"])

    def test_two_tenants_see_only_their_own_mail_and_deleting_one_leaves_the_other(self):
        a = self.create({"smtp_client_authentication_disabled": False, "mailboxes": [{"address": "printer"}]})
        b = self.create({"domain": "fabrikam-ci.example.test", "smtp_client_authentication_disabled": False,
                         "mailboxes": [{"address": "printer"}]})
        self.assertEqual(b["domain"], "fabrikam-ci.example.test")
        self.send(a["mailboxes"][0], "from a")
        self.send(b["mailboxes"][0], "from b")
        self.send(b["mailboxes"][0], "from b again")
        got_a = self.wait(f"tenant:{a['id']}")
        self.assertEqual([m["Subject"] for m in got_a["messages"]], ["from a"])
        got_b = self.wait(f"tenant:{b['domain']}", count=2)
        self.assertEqual([m["Subject"] for m in got_b["messages"]], ["from b again", "from b"])
        self.assertEqual(first_auth(self.server, a["mailboxes"][0]["address"], "wrong")[:3], "535")

        status, text = call(self.server, "DELETE", "/api/v1/tenants/" + a["id"])
        self.assertEqual(status, 200, text)
        self.assertEqual(json.loads(text), {"id": a["id"], "messages_deleted": 1, "sign_ins_deleted": 2})
        self.assertEqual(self.search(f"tenant:{b['id']}")["messages_count"], 2)
        self.assertEqual(self.search('subject:"from a"')["messages_count"], 0)
        signins = call_json(self, self.server, "GET", "/v1.0/auditLogs/signIns")
        self.assertNotIn(a["domain"], json.dumps(signins))
        self.assertIn(b["domain"], json.dumps(signins))
        # The tenant is gone: its mailbox no longer signs in, its id is unknown.
        self.assertAuth("credentials", a["mailboxes"][0]["address"], a["mailboxes"][0]["password"])
        self.assertEqual(call(self.server, "DELETE", "/api/v1/tenants/" + a["id"]),
                         (404, f"no tenant '{a['id']}' in the scenario"))

    def test_a_tenant_scope_keeps_sign_ins_and_live_events_to_the_tenant(self):
        a = self.create({"smtp_client_authentication_disabled": False, "mailboxes": [{"address": "printer"}]})
        b = self.create({"smtp_client_authentication_disabled": False, "mailboxes": [{"address": "printer"}]})
        url = self.server.http_url().replace("http://", "ws://") + f"/api/events?tenant={a['id']}"
        frames = subprocess.Popen(["node", str(Path(__file__).resolve().parent / "event_frames.mjs"), url],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(frames.wait)
        self.addCleanup(frames.kill)

        def frame():
            ready, _, _ = select.select([frames.stdout], [], [], 30)
            self.assertTrue(ready, "no frame within 30 s")
            return json.loads(frames.stdout.readline())

        self.assertEqual(frame()["Type"], "stats")  # told on connecting, as Mailpit does
        self.send(b["mailboxes"][0], "not for a")
        self.send(a["mailboxes"][0], "for a")
        seen = []
        while not any(f["Type"] == "new" for f in seen):
            seen.append(frame())
        news = [f["Data"]["Subject"] for f in seen if f["Type"] == "new"]
        self.assertEqual(news, ["for a"])
        self.assertNotIn(b["domain"], json.dumps(seen))  # nor b's sign-in or session
        signins = call_json(self, self.server, "GET", f"/v1.0/auditLogs/signIns?tenant={a['domain']}")
        self.assertEqual([s["userPrincipalName"] for s in signins["value"]], [a["mailboxes"][0]["address"]])

    def test_bad_bodies_are_400_with_the_readers_words(self):
        self.assertEqual(call(self.server, "POST", "/api/v1/tenants", {"security_defaults": "yes"}),
                         (400, "'security_defaults' in [[tenant]] must be true or false, not a string"))
        self.assertEqual(call(self.server, "POST", "/api/v1/tenants", {"mailboxes": [{"password": "x"}]}),
                         (400, 'mailboxes[0]: needs an "address" string'))
        self.assertEqual(call(self.server, "POST", "/api/v1/tenants", raw=b"{"),
                         (400, call(self.server, "PATCH", "/api/v1/admin/transport-config/contoso.com",
                                    raw=b"{")[1]))

    def run_example(self, command, env_extra=None):
        env = dict(os.environ, EXOMOCK_API=self.server.http_url(),
                   EXOMOCK_SMTP=f"127.0.0.1:{self.server.port()}", **(env_extra or {}))
        result = subprocess.run(command, cwd=EXAMPLES, env=env, capture_output=True, timeout=120)
        self.assertEqual(result.returncode, 0, (result.stdout + result.stderr).decode(errors="replace"))
        return result.stdout.decode()

    def test_the_readme_pytest_example_passes(self):
        python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        out = self.run_example([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "test_tenant_fixture.py"], {"PYTHONDONTWRITEBYTECODE": "1"})
        self.assertIn("1 passed", out)
        self.assertEqual(self.search('subject:"Scan ready"')["messages_count"], 0)  # the fixture deleted it

    def test_the_readme_node_example_passes(self):
        # Node resolves `import 'nodemailer'` from the file's folder up, so the example
        # runs from beside the test-only node_modules, unchanged.
        copy = NODE_MODULES.parent / ".tenant-example.test.mjs"
        shutil.copyfile(EXAMPLES / "tenant.test.mjs", copy)
        self.addCleanup(copy.unlink)
        out = self.run_example([shutil.which("node"), "--test", str(copy)])
        self.assertRegex(out, r"(?m)^# pass 1$")
        self.assertEqual(self.search('subject:"Scan ready"')["messages_count"], 0)
