"""Durability under fire (issue 13): several clients send without pause while the
server is killed with SIGKILL at random moments and restarted on the same data
directory, for each --durability level. At the end every message whose 250 a
client received is stored byte for byte, exactly once, and nothing is stored that
is not a whole message a client sent.

EXOMOCK_KILLS sets the kills per durability level (default 25, so 50 in all: about
30 s where a start takes 0.3 s); `make durability-soak` runs 500 each. The moments are drawn
from a seeded generator (EXOMOCK_KILL_SEED, printed on failure), so a failing run
can be repeated.
"""

import os
import random
import re
import signal
import sqlite3
import tempfile
import threading
import time
import unittest
import zlib
from pathlib import Path

from exomock_harness import class_scenario, LineClient, Server

KILLS = int(os.environ.get("EXOMOCK_KILLS", "25"))
SEED = int(os.environ.get("EXOMOCK_KILL_SEED", str(random.SystemRandom().randrange(1 << 30))))
CLIENTS = 4

SCENARIO = """
[server]
error_delay = "0"

[[listener]]
name = "sink"
kind = "submission"
address = "127.0.0.1:0"
require_tls = false
require_auth = false

[[tenant]]
name = "Contoso"
domains = ["contoso.com"]
"""

MARKER = re.compile(rb"^X-Marker: (\S+)\r\n", re.M)


def message(marker):
    """A message whose size varies with its marker (up to about 70 KiB), so that
    kills land in large and small writes alike; dot-stuffing never applies."""
    size = (zlib.crc32(marker.encode()) % 70) * 1000
    body = b"".join(b"line %06d of %s\r\n" % (i, marker.encode()) for i in range(size // 40))
    return (f"From: <fire@contoso.com>\r\nTo: <sink@contoso.com>\r\nX-Marker: {marker}\r\n"
            f"Subject: under fire\r\n\r\n").encode() + body


def client(port, name, confirmed, stop):
    """Sends messages one after the other until the server dies; a marker goes in
    `confirmed` only once its 250 has been read."""
    sequence = 0
    try:
        with LineClient(port) as smtp:
            if smtp.code(smtp.greeting) != 220 or smtp.code(smtp.send("EHLO fire.example")) != 250:
                return
            while not stop.is_set():
                marker = f"{name}-{sequence}"
                sequence += 1
                # Pipelined: three replies to read.
                smtp.sock.sendall(b"MAIL FROM:<fire@contoso.com>\r\nRCPT TO:<sink@contoso.com>\r\nDATA\r\n")
                if any(smtp.code(smtp.reply()) != code for code in (250, 250, 354)):
                    return
                smtp.sock.sendall(message(marker) + b".\r\n")
                if smtp.code(smtp.reply()) != 250:
                    return
                confirmed.append(marker)
    except OSError:
        return  # killed mid-way: whatever was not confirmed may or may not be stored


class DurabilityUnderFire(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scenario = class_scenario(cls, SCENARIO, "exomock-fire-")

    def fire(self, durability):
        rng = random.Random(SEED)
        data_dir = tempfile.mkdtemp(prefix=f"exomock-fire-{durability}-")
        confirmed = []
        sent_names = []
        for kill in range(KILLS):
            server = Server(self.scenario, listeners=("sink",), data_dir=data_dir,
                            extra_args=["--durability", durability])
            stop = threading.Event()
            threads = []
            for c in range(CLIENTS):
                name = f"{durability}{kill}c{c}"
                sent_names.append(name)
                t = threading.Thread(target=client,
                                     args=(server.port("sink"), name, confirmed, stop))
                t.start()
                threads.append(t)
            time.sleep(rng.uniform(0.02, 0.4))
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait(timeout=15)
            server.log.close()
            stop.set()
            for t in threads:
                t.join(timeout=30)
        # A last server recovers the journal, and stops cleanly.
        last = Server(self.scenario, listeners=("sink",), data_dir=data_dir,
                      extra_args=["--durability", durability])
        self.assertEqual(last.stop(), 0, last.server_log())
        db = sqlite3.connect(Path(data_dir) / "exomock.sqlite3")
        self.addCleanup(db.close)
        stored = {}
        for (raw,) in db.execute("SELECT raw FROM message_bodies ORDER BY id"):
            found = MARKER.search(raw)
            self.assertIsNotNone(found, f"seed {SEED}: a stored message without a marker")
            marker = found.group(1).decode()
            self.assertNotIn(marker, stored, f"seed {SEED}: {marker} stored twice")
            self.assertEqual(raw, message(marker), f"seed {SEED}: {marker} stored half or changed")
            stored[marker] = raw
        missing = [m for m in confirmed if m not in stored]
        self.assertEqual(missing, [], f"seed {SEED}: a 250 was sent for these, yet they are lost")
        self.assertTrue(all(m.rsplit("-", 1)[0] in sent_names for m in stored))
        self.assertGreater(len(confirmed), KILLS, f"seed {SEED}: too few messages got through")
        print(f"\n{durability}: {KILLS} kills, {len(confirmed)} confirmed, {len(stored)} stored "
              f"(seed {SEED})")

    def test_write(self):
        self.fire("write")

    def test_fsync(self):
        self.fire("fsync")


if __name__ == "__main__":
    unittest.main()
