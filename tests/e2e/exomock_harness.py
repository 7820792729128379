"""Starts the real exomock binary on port 0 and reads what it captured.

Every end-to-end test uses this: one server per test class, ephemeral ports,
error delay 0, a private data directory, and the `messages` command to read
the store back, so tests can run in parallel and never touch fixed ports.
"""

import base64
import json
import os
import re
import signal
import smtplib
import socket
import ssl
import subprocess
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("EXOMOCK_BIN", REPO / "build" / "exomock"))
DEFAULT_SCENARIO = REPO / "scenarios" / "default.toml"
SMTP_LISTENERS = ("submission", "submission-legacy", "mx")
PASSWORD = "Demo-Passw0rd!"

# The diagnostic suffix of reference section 1: FE host, UTC time with milliseconds, SID.
DIAG = r" \[[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9A-F]{16}\]"
GREETING = (r"220 [A-Z0-9]+\.outlook\.office365\.com Microsoft ESMTP MAIL Service ready at "
            r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [1-9]\d? [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000 \[[0-9A-F]{16}\]")

# Exact reply lines (regular expressions where the DIAG suffix varies) of the demo tenant.
REPLIES = {
    "ok": r"235 2\.7\.0 Authentication successful",
    "credentials": r"535 5\.7\.139 Authentication unsuccessful, the user credentials were incorrect\." + DIAG,
    "tenant": (r"535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
               r"Tenant\. Visit https://aka\.ms/smtp_auth_disabled for more information\." + DIAG),
    "mailbox": (r"535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
                r"Mailbox\. Visit https://aka\.ms/smtp_auth_disabled for more information\." + DIAG),
    "accepted": r"250 2\.0\.0 OK <[^>]+> \[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]",
    # A message above the login's MaxSendSize, at end of DATA or BDAT LAST.
    "too_large": re.escape(
        "554 5.2.0 STOREDRV.Submission.Exception:MessageSubmissionExceededException."
        "MapiExceptionMaxSubmissionExceeded; Failed to process message due to a permanent "
        "exception with message [BeginDiagnosticData]Message size exceeds maximum size limit."),
}


def scenario_file(text, prefix="exomock-e2e-"):
    """Writes a scenario's TOML text to a temporary file; returns its path (the caller
    removes it)."""
    handle, path = tempfile.mkstemp(suffix=".toml", prefix=prefix)
    with os.fdopen(handle, "w") as f:
        f.write(text)
    return path


def class_scenario(cls, text, prefix="exomock-e2e-"):
    """scenario_file for a test class: the file is removed when the class is done."""
    path = scenario_file(text, prefix)
    cls.addClassCleanup(os.unlink, path)
    return path


def tls_context():
    """A client TLS context that accepts exomock's self-signed certificate."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def reply_line(code, text):
    """smtplib's (code, text) as the reply line the server sent."""
    return f"{code} {text.decode() if isinstance(text, bytes) else text}"


def b64(text):
    return base64.b64encode(text.encode()).decode()


def smtp_login(test, server, user="app@contoso.com", timeout=30):
    """An smtplib client on server's submission port, after STARTTLS and a successful AUTH
    as user; test closes it at its end."""
    client = smtplib.SMTP("127.0.0.1", server.port(), timeout=timeout)
    test.addCleanup(client.close)
    client.starttls(context=tls_context())
    code, text = client.login(user, PASSWORD)
    test.assertRegex(reply_line(code, text), "^" + REPLIES["ok"] + "$")
    return client


class LineClient:
    """A raw SMTP client that sends exactly the lines it is given and reads whole replies."""

    def __init__(self, port, timeout=30):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.file = self.sock.makefile("rb")
        self.greeting = self.reply()

    def reply(self):
        """The lines of one reply, CRLF removed. `broken` tells whether the connection
        closed before the last of them was whole."""
        lines = []
        while True:
            raw = self.file.readline()
            self.broken = not raw.endswith(b"\n")
            line = raw.decode().rstrip("\r\n")
            lines.append(line)
            if self.broken or len(line) < 4 or line[3] != "-":
                return lines

    def code(self, lines):
        """The code of a whole reply reply() has just returned, or None if it broke off."""
        last = lines[-1]
        if self.broken or len(last) < 4 or last[3] != " " or not last[:3].isdigit():
            return None
        return int(last[:3])

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")
        return self.reply()

    def starttls(self):
        self.send("EHLO printer.example")
        assert self.send("STARTTLS")[0].startswith("220 "), "STARTTLS refused"
        self.sock = tls_context().wrap_socket(self.sock)
        self.file = self.sock.makefile("rb")

    def close(self):
        self.file.close()
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def vm_hwm_kib(pid):
    """The peak resident memory (VmHWM) of process pid over its life, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


class Server:
    """One exomock process serving a scenario on ephemeral ports."""

    def __init__(self, scenario=DEFAULT_SCENARIO, extra_args=(), listeners=SMTP_LISTENERS,
                 error_delay="0", data_dir=None, binary=BINARY, case=None):
        self.binary = binary
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="exomock-e2e-")
        source = ["--case", case] if case else ["--scenario", str(scenario)]
        args = [str(binary), "serve", *source, "--data-dir", self.data_dir,
                "--error-delay", error_delay]
        # --ephemeral puts every listener (the HTTP API's too) on a free port;
        # `listeners` only names those a test uses.
        args.append("--ephemeral")
        self.listeners = tuple(listeners)
        args += list(extra_args)
        # A data directory the server is to create gets its log beside it.
        log_dir = self.data_dir if os.path.isdir(self.data_dir) else os.path.dirname(self.data_dir)
        os.makedirs(log_dir, exist_ok=True)
        self.log = open(os.path.join(log_dir, "server.log"), "a+b")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("exomock ready "):
            self.stop()
            raise RuntimeError(f"no ready line, got {line!r}; log:\n{self.server_log()}")
        self.ports = {}
        for item in line.split()[2:]:
            name, address = item.split("=", 1)
            self.ports[name] = int(address.rsplit(":", 1)[1])

    def port(self, listener="submission"):
        return self.ports[listener]

    def http_url(self, listener="http"):
        """The base URL of the HTTP API (what a Mailpit client is given)."""
        return f"http://127.0.0.1:{self.ports[listener]}"

    def server_log(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def cli(self, *args, check=True):
        result = subprocess.run([str(self.binary), *args], capture_output=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"exomock {' '.join(args)} exited {result.returncode}: {result.stderr!r}")
        return result

    def messages(self):
        out = self.cli("messages", "--data-dir", self.data_dir, "--json").stdout.decode()
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def raw(self, message_id):
        return self.cli("messages", "--data-dir", self.data_dir, "--raw", str(message_id)).stdout


class ServerTestCase(unittest.TestCase):
    """A test class with one server for all its tests."""

    scenario = DEFAULT_SCENARIO

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.scenario)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, f"exomock exited {code}:\n{cls.server.server_log()}"

    def assertReply(self, kind_or_regex, line):
        pattern = REPLIES.get(kind_or_regex, kind_or_regex)
        self.assertRegex(line, "^" + pattern + "$")

    def captured_by_marker(self, marker):
        """The captured message whose raw bytes contain marker, with its raw bytes."""
        for m in reversed(self.server.messages()):
            raw = self.server.raw(m["id"])
            if marker.encode() in raw:
                return m, raw
        self.fail(f"no captured message contains {marker!r}")


def unique_marker(test):
    return f"{test.id().rsplit('.', 1)[-1]}-{os.getpid()}-{id(test)}"


def message_bytes(sender, recipient, marker, message_id=None):
    """A small RFC 5322 message with CRLF line ends that needs no dot-stuffing."""
    lines = [f"From: <{sender}>", f"To: <{recipient}>", f"Subject: exomock e2e {marker}",
             "Date: Sat, 28 Nov 2026 17:44:36 +0000"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=us-ascii", "",
              f"Marker {marker}.", ".leading dot survives stuffing", "Last line."]
    return ("\r\n".join(lines) + "\r\n").encode()


def filler_message(size, sender, recipient, subject="large", message_id=None):
    """Exactly `size` octets: a header, then 1,000-octet lines (the text-line limit) of x,
    then y to make up the size."""
    header = f"From: <{sender}>\r\nTo: <{recipient}>\r\nSubject: {subject}\r\n"
    if message_id:
        header += f"Message-ID: {message_id}\r\n"
    header = (header + "\r\n").encode()
    line = b"x" * 998 + b"\r\n"
    count = (size - len(header)) // len(line)
    return header + line * count + b"y" * (size - len(header) - count * len(line))
