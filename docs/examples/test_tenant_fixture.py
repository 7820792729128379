"""A tenant per test, as a pytest fixture: each test creates its own tenant on a
running exomock, sends through SMTP AUTH with the mailbox it was given, waits for
the message, asserts, and the fixture deletes the tenant with its mail. Parallel
jobs (pytest-xdist, several CI jobs on one server) never see each other's mail.

    EXOMOCK_API=http://127.0.0.1:8025 EXOMOCK_SMTP=127.0.0.1:2587 python3 -m pytest test_tenant_fixture.py

Only the standard library besides pytest. The submission listener's certificate is
exomock's own: pass its CA in EXOMOCK_CA to verify it (certs/make-ca.sh), or the
example accepts it unverified, as a device under test would be configured to.
"""

import json
import os
import smtplib
import ssl
import urllib.parse
import urllib.request

import pytest

API = os.environ.get("EXOMOCK_API", "http://127.0.0.1:8025")
SMTP_HOST, SMTP_PORT = os.environ.get("EXOMOCK_SMTP", "127.0.0.1:2587").rsplit(":", 1)
CA = os.environ.get("EXOMOCK_CA")


def api(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(API + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture
def tenant():
    # SMTP AUTH is off in a new tenant, as Microsoft ships it: this test wants it on.
    created = api("POST", "/api/v1/tenants", {"smtp_client_authentication_disabled": False,
                                              "mailboxes": [{"address": "printer"}]})
    yield created
    api("DELETE", "/api/v1/tenants/" + created["id"])


def tls():
    if CA:
        return ssl.create_default_context(cafile=CA)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def test_the_scan_report_arrives(tenant):
    printer = tenant["mailboxes"][0]
    with smtplib.SMTP(SMTP_HOST, int(SMTP_PORT), timeout=30) as smtp:
        smtp.starttls(context=tls())
        smtp.login(printer["address"], printer["password"])
        smtp.sendmail(printer["address"], ["qa@example.org"],
                      f"From: {printer['address']}\r\nTo: qa@example.org\r\n"
                      "Subject: Scan ready\r\n\r\nPage 1 of 1\r\n")
    query = urllib.parse.quote(f'tenant:{tenant["id"]} subject:"Scan ready"')
    found = api("GET", f"/api/v1/wait?query={query}&count=1&timeout=30s")
    assert found["messages_count"] == 1
    assert found["messages"][0]["From"]["Address"] == printer["address"]
    assert found["messages"][0]["Subject"] == "Scan ready"
