#!/usr/bin/env python3
"""Peak resident memory of the server around one large message (issue 13, defect 3).

Each row starts its own server (VmHWM is a high-water mark over the process's
life), reads its idle VmHWM, sends one message, waits until the store has indexed
it (or the refusal came), and reads VmHWM again:

  refused 149 MiB   submission, AUTH, a 35 MB mailbox: 554 5.2.0 at end of DATA
  refused  40 MiB   the same with 40 MiB
  refused  40 MiB BDAT  the same in 1 MiB BDAT chunks
  refused 149 MiB MX  Direct Send: 552 5.3.4 past the MX endpoint's SIZE (47 MiB)
  accepted 149 MiB  submission, a mailbox with MaxSendSize 150 MB: stored whole
  accepted  30 MiB  submission, within the 35 MB limit

Usage: bench/message_rss.py [--binary build/exomock] [--rows NAME,...]
Prints one line per row: sizes and VmHWM in MiB, and the reply's first line.
"""

import argparse
import os
import re
import shutil
import signal
import smtplib
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Bench-Passw0rd!"

SCENARIO = """
[server]
error_delay = "0"

[[listener]]
name = "submission"
kind = "submission"
address = "127.0.0.1:0"

[[listener]]
name = "mx"
kind = "mx"
address = "127.0.0.1:0"
require_tls = false
require_auth = false

[[tenant]]
name = "Contoso"
domains = ["contoso.com"]
smtp_client_authentication_disabled = false

[[tenant.mailbox]]
address = "app@contoso.com"
password = "{password}"

[[tenant.mailbox]]
address = "big@contoso.com"
password = "{password}"
max_send_size = "150MB"
""".format(password=PASSWORD)

MIB = 1024 * 1024


def body(size, sender, recipient):
    header = (f"From: {sender}\r\nTo: {recipient}\r\nSubject: rss {size}\r\n"
              f"Message-ID: <rss-{size}@bench.example>\r\n\r\n").encode()
    line = b"x" * 998 + b"\r\n"
    count = (size - len(header)) // len(line)
    return header + line * count + b"y" * (size - len(header) - count * len(line))


def vm_hwm_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


class Server:
    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="exomock-rss-")
        scenario = os.path.join(self.dir, "rss.toml")
        with open(scenario, "w") as f:
            f.write(SCENARIO)
        data = os.path.join(self.dir, "data")
        self.data = data
        self.binary = binary
        self.proc = subprocess.Popen(
            [binary, "serve", "--scenario", scenario, "--data-dir", data, "--ephemeral",
             "--log-level", "warn"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("exomock ready "):
            raise RuntimeError(f"no ready line: {line!r}")
        self.ports = {k: int(v.rsplit(":", 1)[1])
                      for k, v in (item.split("=", 1) for item in line.split()[2:])}

    def stored(self):
        # SQLite read directly: `exomock messages` would apply the journal itself, in its
        # own process, and the server's indexer (whose memory counts here) would skip it.
        try:
            db = sqlite3.connect(f"file:{self.data}/exomock.sqlite3?mode=ro", uri=True)
            try:
                return db.execute("SELECT count(*) FROM messages").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


def tls():
    c = ssl.create_default_context()
    c.check_hostname = False
    c.verify_mode = ssl.CERT_NONE
    return c


def send_submission(server, size, login="app@contoso.com"):
    c = smtplib.SMTP("127.0.0.1", server.ports["submission"], timeout=600)
    c.starttls(context=tls())
    c.login(login, PASSWORD)
    c.mail(login)
    c.rcpt("bob@contoso.com")
    code, text = c.data(body(size, login, "bob@contoso.com"))
    c.quit()
    return f"{code} {text.decode()}"


def send_mx(server, size):
    c = smtplib.SMTP("127.0.0.1", server.ports["mx"], timeout=600)
    c.ehlo("bench.example")
    c.mail("someone@fabrikam.example")
    c.rcpt("app@contoso.com")
    code, text = c.data(body(size, "someone@fabrikam.example", "app@contoso.com"))
    c.quit()
    return f"{code} {text.decode()}"


def send_submission_bdat(server, size):
    c = smtplib.SMTP("127.0.0.1", server.ports["submission"], timeout=600)
    c.starttls(context=tls())
    c.login("app@contoso.com", PASSWORD)
    c.mail("app@contoso.com")
    c.rcpt("bob@contoso.com")
    data = body(size, "app@contoso.com", "bob@contoso.com")
    reply = ""
    for at in range(0, len(data), MIB):
        piece = data[at:at + MIB]
        last = at + MIB >= len(data)
        c.send(f"BDAT {len(piece)}{' LAST' if last else ''}\r\n".encode() + piece)
        code, text = c.getreply()
        reply = f"{code} {text.decode()}"
        if code != 250:
            break
    c.quit()
    return reply


ROWS = {
    "refused-149": ("refused 149 MiB (DATA, 35 MB mailbox)", send_submission, 149 * MIB, False),
    "refused-40": ("refused 40 MiB (DATA, 35 MB mailbox)", send_submission, 40 * MIB, False),
    "refused-40-bdat": ("refused 40 MiB (BDAT 1 MiB chunks)", send_submission_bdat, 40 * MIB, False),
    "refused-149-mx": ("refused 149 MiB (DATA, MX, SIZE 49283072)", send_mx, 149 * MIB, False),
    "accepted-149": ("accepted 149 MiB (DATA, 150 MB mailbox)",
                     lambda server, size: send_submission(server, size, "big@contoso.com"),
                     149 * MIB, True),
    "accepted-30": ("accepted 30 MiB (DATA, 35 MB mailbox)", send_submission, 30 * MIB, True),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=os.environ.get("EXOMOCK_BIN", str(ROOT / "build" / "exomock")))
    p.add_argument("--rows", default=",".join(ROWS))
    args = p.parse_args()
    print(f"{'row':44} {'idle MiB':>9} {'peak MiB':>9}  reply")
    for name in args.rows.split(","):
        label, send, size, stored = ROWS[name]
        server = Server(args.binary)
        try:
            idle = vm_hwm_mib(server.proc.pid)
            reply = send(server, size)
            if stored:
                while server.stored() < 1:
                    time.sleep(0.2)
            peak = vm_hwm_mib(server.proc.pid)
        finally:
            server.stop()
        print(f"{label:44} {idle:9.1f} {peak:9.1f}  {reply[:60]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
