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
import shutil
import smtplib
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests/e2e"))
from exomock_harness import filler_message, scenario_file, Server, tls_context, vm_hwm_kib  # noqa: E402

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
    return filler_message(size, sender, recipient, subject=f"rss {size}",
                          message_id=f"<rss-{size}@bench.example>")


def vm_hwm_mib(pid):
    return vm_hwm_kib(pid) / 1024


def start(binary, scenario):
    return Server(scenario, binary=binary, listeners=("submission", "mx"),
                  extra_args=["--log-level", "warn"])


def stored(server):
    """Messages the server has indexed. SQLite read directly: `exomock messages` would
    apply the journal itself, in its own process, and the server's indexer (whose memory
    counts here) would skip it."""
    try:
        db = sqlite3.connect(f"file:{server.data_dir}/exomock.sqlite3?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM messages").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def stop(server):
    server.stop(timeout=60)
    server.log.close()
    shutil.rmtree(server.data_dir, ignore_errors=True)


def send_submission(server, size, login="app@contoso.com"):
    c = smtplib.SMTP("127.0.0.1", server.port(), timeout=600)
    c.starttls(context=tls_context())
    c.login(login, PASSWORD)
    c.mail(login)
    c.rcpt("bob@contoso.com")
    code, text = c.data(body(size, login, "bob@contoso.com"))
    c.quit()
    return f"{code} {text.decode()}"


def send_mx(server, size):
    c = smtplib.SMTP("127.0.0.1", server.port("mx"), timeout=600)
    c.ehlo("bench.example")
    c.mail("someone@fabrikam.example")
    c.rcpt("app@contoso.com")
    code, text = c.data(body(size, "someone@fabrikam.example", "app@contoso.com"))
    c.quit()
    return f"{code} {text.decode()}"


def send_submission_bdat(server, size):
    c = smtplib.SMTP("127.0.0.1", server.port(), timeout=600)
    c.starttls(context=tls_context())
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
    scenario = scenario_file(SCENARIO, "exomock-rss-")
    try:
        print(f"{'row':44} {'idle MiB':>9} {'peak MiB':>9}  reply")
        for name in args.rows.split(","):
            label, send, size, kept = ROWS[name]
            server = start(args.binary, scenario)
            try:
                idle = vm_hwm_mib(server.proc.pid)
                reply = send(server, size)
                if kept:
                    while stored(server) < 1:
                        time.sleep(0.2)
                peak = vm_hwm_mib(server.proc.pid)
            finally:
                stop(server)
            print(f"{label:44} {idle:9.1f} {peak:9.1f}  {reply[:60]}", flush=True)
    finally:
        os.unlink(scenario)


if __name__ == "__main__":
    sys.exit(main())
