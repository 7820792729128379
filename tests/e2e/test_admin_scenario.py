"""The scenario as a whole over HTTP: GET it as TOML that `exomock check`
accepts and a restart serves to the same AUTH replies; POST reload and the
file watch (a save by rename) making an edited file live, a bad file kept out
with every problem as FILE:LINE:COLUMN; --persist-admin writing changes back
without reloading its own write."""

import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from admin_client import AdminCase, call, call_json, first_auth
from exomock_harness import BINARY, DEFAULT_SCENARIO, PASSWORD, Server

ALICE_OFF = "/api/v1/admin/cas-mailbox/alice@contoso.com"


def scenario_copy():
    """A private copy of the demo scenario, in a directory of its own."""
    directory = Path(tempfile.mkdtemp(prefix="exomock-scenario-"))
    path = directory / "scenario.toml"
    shutil.copy(DEFAULT_SCENARIO, path)
    return path


def save_by_rename(path, text):
    """As an editor saves: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".swp")
    temporary.write_text(text)
    os.replace(temporary, path)


def wait_for(condition, what):
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


# Every demo login but lockout@ (whose wrong passwords would lock it).
DEMO_USERS = ("scanner@contoso.com", "alice@contoso.com", "printer@contoso.com", "mfa@contoso.com",
              "legacy@contoso.com", "ca-blocked@contoso.com", "branch@contoso.com", "disabled@contoso.com",
              "shared@contoso.com", "bob@fabrikam.com", "carol@northwind.com", "dave@tailspin.com")


def without_diag(line):
    """A reply line without its DIAG suffix (host, time and session id differ per session)."""
    return re.sub(r" \[[^\]]+\]$", "", line)


def check(path):
    return subprocess.run([str(BINARY), "check", str(path)], capture_output=True, timeout=60)


class ScenarioRoundTrip(AdminCase):

    def test_get_scenario_checks_and_restarts_to_the_same_behaviour(self):
        self.assertAuth("tenant", "alice@contoso.com", PASSWORD)
        self.patch(ALICE_OFF, {"SmtpClientAuthenticationDisabled": False})
        status, text = call(self.server, "GET", "/api/v1/admin/scenario")
        self.assertEqual(status, 200)
        self.assertIn("[[tenant.mailbox]]", text)
        saved = Path(tempfile.mkdtemp(prefix="exomock-saved-")) / "saved.toml"
        saved.write_text(text)
        result = check(saved)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.decode(), "4 tenants, 13 mailboxes, 5 listeners\n")
        restarted = Server(saved)
        try:
            self.assertEqual(call(restarted, "GET", "/api/v1/admin/scenario"), (200, text))
            for user in DEMO_USERS:
                self.assertEqual(without_diag(first_auth(restarted, user, PASSWORD)),
                                 without_diag(first_auth(self.server, user, PASSWORD)), user)
        finally:
            self.assertEqual(restarted.stop(), 0)
        self.assertAuth("ok", "alice@contoso.com", PASSWORD)


class ScenarioClock(AdminCase):

    def test_advance_ends_a_lockout_and_set_goes_there(self):
        session_lines = [first_auth(self.server, "lockout@contoso.com", f"Wrong-{n}") for n in range(10)]
        self.assertIn("credentials were incorrect", session_lines[-1])
        self.assertIn("account locked", first_auth(self.server, "lockout@contoso.com", PASSWORD))
        before = call_json(self, self.server, "GET", "/api/v1/admin/clock")["now"]
        after = call_json(self, self.server, "POST", "/api/v1/admin/clock", {"advance": "2m"})["now"]
        self.assertGreater(after, before)
        self.assertAuth("ok", "lockout@contoso.com", PASSWORD)
        self.assertEqual(call_json(self, self.server, "POST", "/api/v1/admin/clock",
                                   {"set": "2030-01-02T03:04:05Z"})["now"][:19], "2030-01-02T03:04:05")
        self.assertEqual(call(self.server, "POST", "/api/v1/admin/clock", {"advance": "soon"}),
                         (400, 'advance must be a duration such as "90s", "25h" or "1h30m"'))
        self.assertEqual(call(self.server, "POST", "/api/v1/admin/clock", {"advance": "1h", "set": "x"}),
                         (400, 'the body must be {"advance": DURATION} or {"set": TIME}'))


class AdminAudit(AdminCase):

    def test_each_change_is_in_the_audit_at_once_newest_first_without_secrets(self):
        self.patch(ALICE_OFF, {"SmtpClientAuthenticationDisabled": False})
        self.patch("/api/v1/admin/users/branch@contoso.com",
                   {"passwordProfile": {"password": "Audit-Secret-1!"}})
        self.assertEqual(call(self.server, "PATCH", ALICE_OFF, {"SmtpClientAuthenticationDisabled": 1})[0], 400)
        call_json(self, self.server, "POST", "/api/v1/admin/users/lockout@contoso.com/reset-lockout")
        entries = call_json(self, self.server, "GET", "/api/v1/admin/audit")["entries"]
        self.assertEqual([(e["operation"], e["target"], e["fields"]) for e in entries], [
            ("Reset lockout", "lockout@contoso.com", {"lockout": "reset"}),
            ("Update user", "branch@contoso.com", {"password_env": None, "password": "********"}),
            ("Set-CASMailbox", "alice@contoso.com", {"smtp_client_authentication_disabled": False}),
        ])
        self.assertRegex(entries[0]["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
        self.assertEqual(len(call_json(self, self.server, "GET", "/api/v1/admin/audit?limit=1")["entries"]), 1)
        self.assertNotIn("Audit-Secret-1!", self.server.server_log())
        self.assertNotIn(b"Audit-Secret-1!", (Path(self.server.data_dir) / "exomock.sqlite3").read_bytes())


class ScenarioReload(unittest.TestCase):

    def setUp(self):
        self.path = scenario_copy()
        self.server = Server(self.path)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0, self.server.server_log())

    def auth(self, user):
        return first_auth(self.server, user, PASSWORD)

    def test_bad_file_keeps_the_old_scenario_and_names_every_problem(self):
        text = self.path.read_text()
        bad = text.replace('basic_auth = "available"', 'basic_auth = "gone"', 1).replace(
            "threshold = 10", "threshold = 0", 1)
        self.path.write_text(bad)
        lines = bad.splitlines()
        row1 = next(i for i, l in enumerate(lines) if l.startswith('basic_auth = "gone"')) + 1
        row2 = next(i for i, l in enumerate(lines) if l.startswith("threshold = 0")) + 1
        status, body = call(self.server, "POST", "/api/v1/admin/scenario/reload")
        self.assertEqual(status, 422)
        self.assertEqual(body.splitlines(), [
            f"{self.path}:{row1}:14: 'basic_auth' in [[tenant]] must be one of \"available\", "
            "\"disabled\", \"retired\"",
            f"{self.path}:{row2}:13: 'threshold' in [tenant.lockout] must be between 1 and 1000"])
        self.assertIn(f"scenario reload refused (request): {self.path}:{row1}:14:", self.server.server_log())
        self.assertIn("SmtpClientAuthentication is disabled for the Tenant", self.auth("alice@contoso.com"))
        # The file fixed and switched: reloaded, live at once.
        self.path.write_text(text.replace("smtp_client_authentication_disabled = true   # the Microsoft",
                                          "smtp_client_authentication_disabled = false  # the Microsoft", 1))
        status, body = call(self.server, "POST", "/api/v1/admin/scenario/reload")
        self.assertEqual(status, 200, body)
        self.assertTrue(self.auth("alice@contoso.com").startswith("235 2.7.0 "))

    def test_a_save_by_rename_is_seen(self):
        self.assertIn("Tenant", self.auth("alice@contoso.com"))
        save_by_rename(self.path, self.path.read_text().replace(
            "smtp_client_authentication_disabled = true   # the Microsoft",
            "smtp_client_authentication_disabled = false  # the Microsoft", 1))
        wait_for(lambda: "trigger=\"file watch\"" in self.server.server_log(), "the reload")
        self.assertTrue(self.auth("alice@contoso.com").startswith("235 2.7.0 "))


class PersistAdmin(unittest.TestCase):

    def test_changes_are_written_back_and_not_reloaded(self):
        path = scenario_copy()
        server = Server(path, extra_args=("--persist-admin",))
        try:
            call_json(self, server, "PATCH", ALICE_OFF, {"SmtpClientAuthenticationDisabled": False})
            self.assertEqual(path.read_text(), call(server, "GET", "/api/v1/admin/scenario")[1])
            self.assertEqual(check(path).returncode, 0)
            self.assertEqual(list(path.parent.iterdir()), [path])  # no temporary file left
            time.sleep(1)  # past the watch's debounce: its own write must not come back as a reload
            self.assertNotIn("scenario reloaded", server.server_log())
        finally:
            self.assertEqual(server.stop(), 0)
        restarted = Server(path)
        try:
                self.assertTrue(first_auth(restarted, "alice@contoso.com", PASSWORD).startswith("235 2.7.0 "))
        finally:
            self.assertEqual(restarted.stop(), 0)


if __name__ == "__main__":
    unittest.main()
