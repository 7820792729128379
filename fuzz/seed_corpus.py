#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ seeds from the golden transcripts (tests/transcripts)
and the scenarios (scenarios/*.toml), plus a few hand-written inputs per target.

Run from anywhere: python3 fuzz/seed_corpus.py. Files are named by a hash of their
content, so running it again adds nothing twice; inputs that fuzzers found are
added by hand next to them (named for what they found) and are never rewritten.

smtp_core seeds replay a transcript's session: the client bytes come first, and
the choices smtp_core.cpp takes from the input's back (FuzzedDataProvider takes
integers from the end) follow in reverse: the listener, the client address, the
admission, then per client packet "complete the handshake or store, then receive
N bytes", the TLS version and store outcome where the transcript has them, and
the clock's advances. journal_frame seeds are not written here: they are frames
exomock's own encoder wrote (see docs/fuzzing.md).
"""
import base64
import hashlib
import pathlib
import re
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
# As smtp_core.cpp lists them.
SCENARIO_FILES = ["default.toml", "faults.toml", "legacy-tls.toml", "mx.toml", "limits.toml",
                  "device-ports.toml", "connection-limits.toml"]
CLIENT_IPS = ["127.0.0.1", "10.20.1.5", "127.0.0.2", "203.0.113.9", "2001:db8::25", "::1"]
TLS_VERSIONS = ["TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"]
ESCAPES = {"<CRLF>": b"\r\n", "<CR>": b"\r", "<LF>": b"\n", "<SP>": b" ", "<HT>": b"\t",
           "<NUL>": b"\0", "<ESC>": b"\x1b", "<DEL>": b"\x7f"}
MOST_PER_RECEIVE = 1024


def write(target, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def smtp_listeners():
    """(scenario path, listener name, implicit TLS) in smtp_core.cpp's order."""
    out = []
    for file in SCENARIO_FILES:
        doc = tomllib.loads((ROOT / "scenarios" / file).read_text())
        for listener in doc.get("listener", []):
            kind = listener.get("kind", "submission")
            if kind not in ("http", "blackhole"):
                out.append(("scenarios/" + file, listener["name"], kind == "implicit-tls"))
    return out


def client_bytes(text):
    """A transcript's C: text as bytes (transcript_script.cpp's escapes)."""
    out = bytearray()
    i = 0
    while i < len(text):
        for name, value in ESCAPES.items():
            if text.startswith(name, i):
                out += value
                i += len(name)
                break
        else:
            m = re.match(r"<x([0-9A-F]{2})>", text[i:])
            if m:
                out.append(int(m.group(1), 16))
                i += 5
            else:
                out += text[i].encode()
                i += 1
    return bytes(out)


def transcript_steps(path):
    """The transcript's directives, and its steps as (kind, value) in order."""
    directives, steps = {}, []
    for line in path.read_text().splitlines():
        if line.startswith("@"):
            name, _, value = line[1:].partition(" ")
            directives[name] = value.strip()
        elif line.startswith("C:"):
            text = line[3:] if line.startswith("C: ") else line[2:]
            crlf = not text.endswith("<NOCRLF>")
            data = client_bytes(text.removesuffix("<NOCRLF>")) + (b"\r\n" if crlf else b"")
            steps.append(("client", data))
        elif line.startswith("== STARTTLS") or line.startswith("== HANDSHAKE"):
            steps.append(("tls", "TLSv1.3"))
        elif line.startswith("== TLS "):
            steps.append(("tls", line.split()[2]))
        elif line.startswith("== STORED"):
            steps.append(("store", True))
        elif line.startswith("== STORE FAILED"):
            steps.append(("store", False))
        elif line.startswith("== ADVANCE "):
            m = re.match(r"(\d+)(ms|s|min)$", line.split()[2])
            scale = {"ms": 1, "s": 1000, "min": 60000}[m.group(2)]
            steps.append(("advance", int(m.group(1)) * scale))
    return directives, steps


def big_endian(value, size):
    return [(value >> (8 * (size - 1 - i))) & 0xFF for i in range(size)]


def smtp_core_seed(path, listeners):
    directives, steps = transcript_steps(path)
    scenario = directives.get("scenario", "scenarios/default.toml")
    name = directives.get("listener", "submission")
    index = next(i for i, l in enumerate(listeners) if l[0] == scenario and l[1] == name)
    ip = directives.get("client", "127.0.0.1")
    choices = [index, CLIENT_IPS.index(ip) if ip in CLIENT_IPS else 0, 0]
    front = bytearray()
    pending = []  # the handshake and store choices the next "complete" takes
    if listeners[index][2]:
        choices.append(0)  # the implicit TLS handshake: TLSv1.3
    i = 0
    while i < len(steps):
        kind, value = steps[i]
        if kind == "client":
            packet = b""
            while i < len(steps) and steps[i][0] == "client":
                packet += steps[i][1]
                i += 1
            for start in range(0, len(packet), MOST_PER_RECEIVE):
                piece = packet[start:start + MOST_PER_RECEIVE]
                choices += [0] + pending + big_endian(len(piece) - 1, 2)
                pending = []
                front += piece
            continue
        if kind == "tls":
            pending.append(TLS_VERSIONS.index(value) if value in TLS_VERSIONS else 0)
        elif kind == "store":
            pending.append(0 if value else 15)
        elif kind == "advance":
            choices += [5] + big_endian(value, 4)
        i += 1
    return bytes(front) + bytes(reversed(choices))


def auth_tokens(steps):
    """The base64 a client sent in AUTH dialogues: initial responses and 334 answers."""
    for kind, value in steps:
        if kind != "client":
            continue
        words = value.strip().split(b" ")
        if words[0].upper() == b"AUTH" and len(words) > 2:
            yield words[2]
        elif len(words) == 1 and re.fullmatch(rb"[A-Za-z0-9+/=_-]{4,}", words[0]):
            yield words[0]


def messages(steps):
    """The message text of each DATA (dot-stuffed as sent, without the final dot)."""
    text, inside = b"", False
    for kind, value in steps:
        if kind != "client":
            continue
        if inside:
            if value == b".\r\n":
                yield text
                text, inside = b"", False
            else:
                text += value
        elif value.strip().upper() == b"DATA":
            inside = True


HAND_MESSAGES = [
    b"From: =?UTF-8?B?w4lsaXNl?= <elise@contoso.com>\r\nTo: a@b.example, \"B, C\" <c@d.example>\r\n"
    b"Subject: =?ISO-8859-1?Q?caf=E9?=\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\n"
    b"X-Tags: one, Two\r\nList-Unsubscribe: <mailto:u@contoso.com>, <https://contoso.com/u>\r\n"
    b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"caf=C3=A9 =\r\nsoft break\r\n--alt\r\nContent-Type: text/html\r\n\r\n"
    b"<html><body><p>Hi<img src=\"cid:i1\"><a href=\"https://x.example/\">x</a></p></body></html>\r\n"
    b"--alt--\r\n",
    b"From: alice@contoso.com\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
    b"--m\r\nContent-Type: multipart/related; boundary=r\r\n\r\n--r\r\n"
    b"Content-Type: image/png\r\nContent-ID: <i1>\r\nContent-Disposition: inline\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n--m\r\n"
    b"Content-Type: application/octet-stream; name*=UTF-8''r%C3%A9sum%C3%A9.bin\r\n"
    b"Content-Disposition: attachment; filename=\"a.bin\"\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQF\r\n--m\r\nContent-Type: message/rfc822\r\n\r\n"
    b"From: inner@x.example\r\nSubject: inner\r\n\r\ninner body\r\n--m--\r\n",
    b"Subject: folded\r\n header\r\nFrom: group: a@b.example, c@d.example;\r\n"
    b"Sender: s@contoso.com\r\nMessage-ID: <x\x1by@z>\r\n\r\nno MIME\r\n",
]

SEARCH_QUERIES = [
    "hello", "from:alice@contoso.com", "to:bob subject:\"quarterly report\"", "-tag:done is:unread",
    "has:attachment has:inline is:tagged", "after:2024-04-01 before:2024/04/02", "after:04/01/2024 10:30",
    "before:2024-04-01T10:30:15", "after:2024-04-01T10:30:15+02:00", "after:20240401103015",
    "before:1711965015 after:1711965015123", "larger:1.5mb smaller:10k", "size:12kb",
    "message-id:<a@b> cc:x bcc:y reply-to:z", "login:alice listener:submission path:direct-send",
    "tenant:Contoso tls:TLSv1.2 client-ip:10.20.0.0/16", "\"unterminated quote", "tag:\"two words\"",
]

GRAPH_FILTERS = [
    "userPrincipalName eq 'alice@contoso.com'", "startswith(userPrincipalName,'al')",
    "status/errorCode eq 50126", "createdDateTime ge 2026-12-01T10:00:00Z and createdDateTime le 2026-12-02T10:00:00.250+01:00",
    "userPrincipalName eq 'o''brien@contoso.com' and status/errorCode eq 0",
    "createdDateTime ge '2026-12-01T10:00:00Z'", "STARTSWITH(userPrincipalName, 'a') AND status/errorCode eq -1",
    "9999-12-31T23:59:59Z", "0001-01-01T00:00:00-23:59",
]

HTTP_REQUESTS = [
    "GET /api/v1/messages?start=0&limit=50", "GET /api/v1/message/1", "GET /api/v1/message/latest",
    "GET /api/v1/message/1/headers", "GET /api/v1/message/1/raw", "GET /api/v1/message/1/part/2",
    "GET /api/v1/message/1/part/2.1/thumb", "GET /api/v1/message/1/html-check",
    "GET /api/v1/message/1/link-check?follow=true", "GET /api/v1/search?query=from%3Aalice%20has%3Aattachment&tz=Europe%2FBerlin",
    "DELETE /api/v1/search?query=subject%3Areport", "PUT /api/v1/messages\n\n{\"IDs\":[\"1\"],\"Read\":true}",
    "PUT /api/v1/tags\n\n{\"Tags\":[\"a\",\"b\"],\"IDs\":[\"1\",\"2\"]}", "PUT /api/v1/tags/a\n\n{\"Name\":\"c\"}",
    "GET /api/v1/tags", "GET /api/v1/info", "GET /api/v1/webui", "GET /livez", "GET /readyz",
    "GET /metrics", "GET /api/v1/sessions?limit=5", "GET /api/v1/wait?timeout=1s&query=to%3Abob",
    "GET /v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20%27alice%40contoso.com%27&$top=5",
    "POST /api/v1/send\nContent-Type: application/json\n\n{\"From\":{\"Email\":\"a@contoso.com\"},\"To\":[{\"Email\":\"b@fabrikam.com\"}],\"Subject\":\"s\",\"Text\":\"t\",\"Attachments\":[{\"Content\":\"AAEC\",\"Filename\":\"a.bin\"}]}",
    "POST /contoso.com/oauth2/v2.0/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=x&client_secret=y&scope=https%3A%2F%2Foutlook.office365.com%2F.default",
    "GET /contoso.com/v2.0/.well-known/openid-configuration", "OPTIONS /api/v1/messages\nOrigin: http://x.example",
    "PATCH /admin/v1/mailboxes/alice%40contoso.com\nAuthorization: Basic YWRtaW46RnV6ei1QYXNzdzByZCE=\n\n{\"smtp_client_authentication_disabled\":false}",
    "GET /api/v1/chaos", "PUT /api/v1/chaos\n\n{\"Sender\":{\"ErrorCode\":451,\"Probability\":50}}",
    "GET /view/1.html", "GET /view/latest.txt", "GET /", "GET /api/v1/message/1/release\n\n{\"To\":[\"x@y\"]}",
    "GET /%2e%2e/%00?a=%zz&&=b", "DELETE /api/v1/messages\n\n{\"IDs\":[\"2\"]}",
]


def main():
    listeners = smtp_listeners()
    for path in sorted((ROOT / "tests" / "transcripts").glob("*.txt")):
        if path.name == "CMakeLists.txt":
            continue
        write("smtp_core", smtp_core_seed(path, listeners))
        _, steps = transcript_steps(path)
        for token in auth_tokens(steps):
            write("sasl_base64", token)
            try:
                write("sasl_base64", base64.b64decode(token + b"=" * (-len(token) % 4)))
            except ValueError:
                pass
        for message in messages(steps):
            write("mime_reader", message)
    for message in HAND_MESSAGES:
        write("mime_reader", message)
    for query in SEARCH_QUERIES:
        write("search_query", query.encode())
    for f in GRAPH_FILTERS:
        write("graph_filter", f.encode())
    for r in HTTP_REQUESTS:
        write("http_router", r.encode())
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        write("scenario_validator", path.read_bytes())


if __name__ == "__main__":
    main()
