"""What the admin API's end-to-end tests share: calls to /api/v1/admin over
HTTP (urllib, exact status and body), and an smtplib session that tries AUTH
LOGIN as often as a test asks, each time returning the exact reply line."""

import json
import smtplib
import ssl
import urllib.error
import urllib.parse
import unittest
import urllib.request
import warnings

from exomock_harness import REPLIES, Server, b64, reply_line, tls_context


def call(server, method, path, body=None, raw=None):
    """(status, body text) of METHOD PATH; `body` is sent as JSON, `raw` as is."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    url = server.http_url() + urllib.parse.quote(path, safe="/@:?=&")
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def call_json(test, server, method, path, body=None):
    """The JSON object a 200 answer holds (the test fails on any other status)."""
    status, text = call(server, method, path, body)
    test.assertEqual(status, 200, text)
    return json.loads(text)


def old_tls_context():
    """A client that offers TLS 1.0 only (OpenSSL 3 needs security level 0 for it)."""
    context = tls_context()
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():  # deprecated, and the point of the test
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.maximum_version = ssl.TLSVersion.TLSv1
    return context


class Session:
    """One SMTP session on a listener, after EHLO and STARTTLS."""

    def __init__(self, server, listener="submission", context=None):
        self.smtp = smtplib.SMTP("127.0.0.1", server.port(listener), timeout=30)
        self.smtp.ehlo("device.local")
        self.smtp.starttls(context=context or tls_context())
        self.smtp.ehlo("device.local")

    def auth(self, user, password):
        """The reply line of AUTH LOGIN for user and password."""
        code, text = self.smtp.docmd("AUTH", "LOGIN " + b64(user))
        if code == 334:
            code, text = self.smtp.docmd(b64(password))
        return reply_line(code, text)

    def close(self):
        try:
            self.smtp.quit()
        except smtplib.SMTPException:
            self.smtp.close()


def first_auth(server, user, password, listener="submission", context=None):
    """The reply line of the first AUTH of a new session."""
    session = Session(server, listener, context)
    try:
        return session.auth(user, password)
    finally:
        session.close()


class AdminCase(unittest.TestCase):
    """One server for the class, and the assertions the admin tests share."""

    patterns = REPLIES  # a kind's regular expression; a kind not in it is one itself

    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def assertLine(self, kind, line):
        self.assertRegex(line, "^" + self.patterns.get(kind, kind) + "$")

    def assertAuth(self, kind, user, secret, listener="submission", context=None):
        self.assertLine(kind, first_auth(self.server, user, secret, listener, context))

    def patch(self, path, body):
        return call_json(self, self.server, "PATCH", path, body)
