"""Hostile HTTP against the API listener: each request gets its 4xx, and SMTP
sessions and later HTTP clients are served as if nothing had happened.
Also the access rules: a token or login on every route, and no API on a
non-loopback address without one."""

import smtplib
import socket
import subprocess
import unittest

from exomock_harness import BINARY, DEFAULT_SCENARIO, PASSWORD, Server, b64, tls_context


def exchange(port, data, read_timeout=10):
    """Sends raw bytes, returns everything the server sent until it closed or went quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading it all
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except (socket.timeout, ConnectionResetError):
            pass
        return b"".join(chunks)


def status_line(answer):
    return answer.split(b"\r\n", 1)[0].decode()


class HostileRequests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra_args=["--enable-chaos"])
        cls.port = cls.server.port("http")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, cls.server.server_log()

    def tearDown(self):
        # After every hostile request: HTTP still answers and a real SMTP client still sends.
        self.assertEqual(status_line(exchange(self.port, b"GET /livez HTTP/1.1\r\nHost: x\r\n"
                                                         b"Connection: close\r\n\r\n")),
                         "HTTP/1.1 200 OK")
        with smtplib.SMTP("127.0.0.1", self.server.port(), timeout=30) as client:
            client.starttls(context=tls_context())
            client.login("scanner@contoso.com", PASSWORD)
            client.sendmail("scanner@contoso.com", ["a@example.net"], b"Subject: still\r\n\r\nok\r\n")

    def test_an_overlong_header_gets_431(self):
        answer = exchange(self.port, b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 +
                          b"\r\n\r\n")
        self.assertEqual(status_line(answer), "HTTP/1.1 431 Request Header Fields Too Large")

    def test_a_body_over_5_mib_gets_413(self):
        body = b"{" + b" " * (5 * 1024 * 1024) + b"}"
        answer = exchange(self.port, b"PUT /api/v1/chaos HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                          str(len(body)).encode() + b"\r\n\r\n" + body)
        self.assertEqual(status_line(answer), "HTTP/1.1 413 Payload Too Large")

    def test_a_request_line_that_is_not_http_gets_400(self):
        answer = exchange(self.port, b"HELLO THERE\r\n\r\n")
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")

    def test_a_smtp_dialogue_on_the_http_port_gets_400(self):
        answer = exchange(self.port, b"EHLO printer.example\r\nAUTH LOGIN " + b64("x").encode() +
                          b"\r\n")
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")

    def test_content_length_beside_chunked_is_refused_not_smuggled(self):
        smuggled = (b"POST /api/v1/chaos HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = exchange(self.port, smuggled)
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")
        self.assertEqual(answer.count(b"HTTP/1.1 "), 1)  # the tail was not served as a request

    def test_two_content_lengths_are_refused(self):
        answer = exchange(self.port, b"PUT /api/v1/chaos HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                     b"Content-Length: 3\r\n\r\n{}x")
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")

    def test_bad_json_gets_400(self):
        answer = exchange(self.port, b"PUT /api/v1/chaos HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                     b"Connection: close\r\n\r\n{nope")
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")

    def test_a_dot_dot_path_is_not_found(self):
        answer = exchange(self.port, b"GET /api/v1/../../../etc/passwd HTTP/1.1\r\nHost: x\r\n"
                                     b"Connection: close\r\n\r\n")
        self.assertEqual(status_line(answer), "HTTP/1.1 404 Not Found")
        self.assertNotIn(b"root:", answer)

    def test_a_target_that_is_not_a_path_gets_400(self):
        answer = exchange(self.port, b"GET http://[bad HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(status_line(answer), "HTTP/1.1 400 Bad Request")


def curl_status(url, *args):
    result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *args, url],
                            capture_output=True, timeout=30)
    return int(result.stdout)


class AccessRules(unittest.TestCase):
    def test_a_bearer_token_is_required_on_every_route_when_set(self):
        server = Server(extra_args=["--http-token", "t0ken-for-ci", "--enable-chaos"])
        self.addCleanup(server.stop)
        for path in ("/livez", "/readyz", "/api/v1/chaos", "/api/v1/unknown", "/nothing"):
            url = server.http_url() + path
            self.assertEqual(curl_status(url), 401, path)
            self.assertEqual(curl_status(url, "-H", "Authorization: Bearer wrong"), 401, path)
        self.assertEqual(curl_status(server.http_url() + "/livez", "-H",
                                     "Authorization: Bearer t0ken-for-ci"), 200)
        result = subprocess.run(["curl", "-s", "-i", server.http_url() + "/api/v1/chaos"],
                                capture_output=True, timeout=30)
        self.assertIn(b'WWW-Authenticate: Bearer realm="exomock"', result.stdout)
        self.assertNotIn(b"t0ken-for-ci", result.stdout)

    def test_mailpits_basic_login_is_required_when_set(self):
        server = Server(extra_args=["--http-auth", "ci:s3cret"])
        self.addCleanup(server.stop)
        url = server.http_url() + "/readyz"
        self.assertEqual(curl_status(url), 401)
        self.assertEqual(curl_status(url, "-u", "ci:wrong"), 401)
        self.assertEqual(curl_status(url, "-u", "ci:s3cret"), 200)
        result = subprocess.run(["curl", "-s", "-i", url], capture_output=True, timeout=30)
        self.assertIn(b'WWW-Authenticate: Basic realm="Login"', result.stdout)
        self.assertIn(b"\r\n\r\nUnauthorized.\n", result.stdout)

    def test_a_non_loopback_address_without_a_token_is_refused_at_start(self):
        result = subprocess.run([str(BINARY), "serve", "--scenario", str(DEFAULT_SCENARIO),
                                 "--ephemeral", "--listen", "http=0.0.0.0:0"],
                                capture_output=True, timeout=60)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"listener http (0.0.0.0:0): the HTTP API shows captured mail and controls the "
                      b"scenario, so it binds a non-loopback address only with --http-token or "
                      b"--http-auth", result.stderr)


if __name__ == "__main__":
    unittest.main()
