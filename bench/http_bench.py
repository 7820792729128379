#!/usr/bin/env python3
"""The HTTP API under load, as issue 9 asks it to be measured.

1. Fills a capture with STORED messages (default 100,000, 2 KiB each) through
   Postfix's smtp-source, waits until every one is indexed and listed by the
   API, then times list, search and message requests over one keep-alive
   connection: median and p99 latency of REQUESTS requests each.
2. SMTP throughput with and without an HTTP client polling the message list
   at 100 requests/s, in alternating rounds on the same server: messages per
   second of each, and the ratio (the SMTP figure must not fall by > 5 %).
   A round ends when its last message is listed by the API, not at its last
   250: the indexing counts, whether the poller's requests do it during the
   load or the indexer after it. The poller's own latencies are reported too.
3. How soon /api/v1/wait answers after a message's 250: a waiter blocks on
   a subject no message has yet, smtplib sends one, and the time from the
   250 reaching the client to the wait's answer is taken (WAITS rounds).

Postfix's tools come from `apt-get download postfix` + `dpkg -x` (as
bench/load.sh does). Prints a report and writes it to bench/results/.
"""

import http.client
import json
import smtplib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("EXOMOCK_CACHE", ROOT / ".cache" / "postfix"))
EXOMOCK = Path(os.environ.get("EXOMOCK_BIN", ROOT / "build" / "exomock"))
STORED = int(os.environ.get("STORED", "100000"))
REQUESTS = int(os.environ.get("REQUESTS", "200"))
LOAD = int(os.environ.get("LOAD", "20000"))  # messages per throughput round
ROUNDS = int(os.environ.get("ROUNDS", "3"))
SESSIONS = int(os.environ.get("SESSIONS", "20"))
SIZE = int(os.environ.get("SIZE", "2048"))
POLL_HZ = 100
WAITS = int(os.environ.get("WAITS", "100"))


def fetch_postfix():
    if (CACHE / "root/usr/sbin/smtp-source").exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run("apt-get download postfix >/dev/null 2>&1 && dpkg -x postfix_*.deb root",
                   shell=True, check=True, cwd=CACHE)


def smtp_source(port, messages):
    """Runs smtp-source; returns the elapsed seconds."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(CACHE / "root/usr/lib/postfix"))
    start = time.monotonic()
    subprocess.run([str(CACHE / "root/usr/sbin/smtp-source"), "-s", str(SESSIONS), "-m",
                    str(messages), "-l", str(SIZE), "-d", "-f", "bench@contoso.com", "-t",
                    "sink@contoso.com", f"127.0.0.1:{port}"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - start


class Api:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path):
        start = time.perf_counter()
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
        return elapsed, body


def serve(data_dir):
    proc = subprocess.Popen([str(EXOMOCK), "serve", "--scenario", str(ROOT / "bench/http.toml"),
                             "--data-dir", data_dir, "--log-level", "warn"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ports = dict(item.split("=", 1) for item in proc.stdout.readline().decode().split()[2:])
    return proc, int(ports["sink"].rsplit(":", 1)[1]), int(ports["http"].rsplit(":", 1)[1])


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def latencies(api, path):
    times = [api.get(path)[0] for _ in range(REQUESTS)]
    return statistics.median(times) * 1000, percentile(times, 0.99) * 1000


def poll(port, stop, times):
    """Lists the newest messages POLL_HZ times a second (or as fast as answered)."""
    api = Api(port)
    interval = 1.0 / POLL_HZ
    next_at = time.monotonic()
    while not stop.is_set():
        times.append(api.get("/api/v1/messages?limit=50")[0])
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))


def listed(api, total):
    """Waits until the API lists `total` messages."""
    while json.loads(api.get("/api/v1/messages?limit=1")[1])["total"] < total:
        time.sleep(0.01)


def round_rate(smtp_port, api, total):
    """Messages per second from the first connection to the last message listed."""
    start = time.monotonic()
    smtp_source(smtp_port, LOAD)
    listed(api, total)
    return LOAD / (time.monotonic() - start)


def wait_latencies(smtp_port, http_port):
    """Milliseconds from each 250 to the answer of a wait held for that message."""
    delays = []
    with smtplib.SMTP("127.0.0.1", smtp_port) as client:
        for n in range(WAITS):
            subject = f"wait-bench-{n}-{time.monotonic_ns()}"
            answered = {}

            def wait():
                api = Api(http_port)
                api.get(f"/api/v1/wait?query=subject%3A{subject}&count=1&timeout=30s")
                answered["at"] = time.monotonic()

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.02)  # the wait reaches the server before the mail goes
            client.sendmail("bench@contoso.com", ["sink@contoso.com"],
                            f"Subject: {subject}\r\n\r\nwait\r\n")
            accepted = time.monotonic()
            waiter.join(60)
            delays.append((answered["at"] - accepted) * 1000)
    return delays


def main():
    fetch_postfix()
    lines = [f"HTTP API benchmark: {STORED} stored messages of {SIZE} bytes; {REQUESTS} requests per "
             f"route; throughput rounds of {LOAD} messages x {ROUNDS}, {SESSIONS} sessions"]
    with tempfile.TemporaryDirectory(prefix="exomock-http-bench-") as data_dir:
        proc, smtp_port, http_port = serve(data_dir)
        try:
            fill = smtp_source(smtp_port, STORED)
            api = Api(http_port)
            start = time.monotonic()
            listed(api, STORED)
            lines.append(f"fill: {STORED / fill:.0f} msg/s accepted; all indexed and listed "
                         f"{time.monotonic() - start:.1f} s after the last 250")
            newest = json.loads(api.get("/api/v1/messages?limit=1")[1])["messages"][0]["ID"]
            lines.append(f"{'route':58} {'median ms':>10} {'p99 ms':>10}")
            for path in ("/api/v1/messages?limit=50", "/api/v1/messages?start=50000&limit=50",
                         "/api/v1/search?query=to%3Asink%40contoso.com&limit=50",
                         "/api/v1/search?query=subject%3Anothing-matches",
                         "/api/v1/search?query=%22no%20such%20phrase%22",
                         f"/api/v1/message/{newest}", "/api/v1/info"):
                median, p99 = latencies(api, path)
                lines.append(f"GET {path:54} {median:10.2f} {p99:10.2f}")
            quiet, polled, poll_times, polled_seconds = [], [], [], 0.0
            total = STORED
            for _ in range(ROUNDS):
                total += LOAD
                quiet.append(round_rate(smtp_port, api, total))
                stop = threading.Event()
                poller = threading.Thread(target=poll, args=(http_port, stop, poll_times))
                poller.start()
                total += LOAD
                polled.append(round_rate(smtp_port, api, total))
                polled_seconds += LOAD / polled[-1]
                stop.set()
                poller.join()
            delays = wait_latencies(smtp_port, http_port)
            lines.append(f"wait answered after the 250: median {statistics.median(delays):.2f} ms, "
                         f"p99 {percentile(delays, 0.99):.2f} ms, max {max(delays):.2f} ms "
                         f"({WAITS} rounds)")
            q, p = statistics.median(quiet), statistics.median(polled)
            lines.append(f"SMTP alone: {q:.0f} msg/s; with the list polled at "
                         f"{len(poll_times) / polled_seconds:.0f} req/s: {p:.0f} msg/s; ratio "
                         f"{p / q:.3f} (medians of {ROUNDS} alternating rounds of {LOAD}, each "
                         f"until its last message is listed)")
            lines.append(f"the poller's list requests meanwhile: median "
                         f"{statistics.median(poll_times) * 1000:.1f} ms, p99 "
                         f"{percentile(poll_times, 0.99) * 1000:.1f} ms, max "
                         f"{max(poll_times) * 1000:.1f} ms ({len(poll_times)} requests)")
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / time.strftime("http-%Y%m%dT%H%M%SZ.txt", time.gmtime())).write_text(report + "\n")


if __name__ == "__main__":
    sys.exit(main())
