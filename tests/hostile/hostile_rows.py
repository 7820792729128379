"""The hostile-input table: one row per input, what exomock answers, and why. Read by
test_hostile.py (each row end to end against the real binary) and by make_table.py, which
writes docs/hostile-inputs.md from these rows (a test keeps the two equal).

A row: name, the stage it starts from (a fresh connection brought to that point by a
well-behaved client), the bytes sent, the exact reply lines expected (regular expressions
matched against whole lines; "CLOSE" for a closed connection), and why. After each row the
test checks that a fresh client is served and that nothing half-received was stored."""

from dataclasses import dataclass, field

DIAG = r" \[[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9A-F]{16}\]"
CLOSE = "CLOSE"


@dataclass
class Row:
    name: str
    stage: str          # connect, ehlo, tls, auth, mail, data
    send: bytes
    expect: list        # regexes of whole reply lines, in order, or CLOSE last
    why: str
    stores: int = 0     # messages the row itself stores
    shown: str = ""     # the input as the table shows it ("" : derived from send)
    listener: str = "submission"


def r(text, diag=True):
    """An exact reply line, regex-escaped, with the DIAG suffix."""
    import re
    return re.escape(text) + (DIAG if diag else "")


TOO_LONG = r("500 5.5.2 Command too long")
UNKNOWN = lambda n: r(f"500 5.3.3 Unrecognized command 'Length: {n}'")
INVALID_ARGS = r("501 5.5.4 Invalid arguments")
UNRECOGNIZED_PARAM = r("555 5.5.4 Unrecognized parameter")
SENDER_OK = r("250 2.1.0 Sender OK", False)
RCPT_OK = r("250 2.1.5 Recipient OK", False)
ACCEPTED = r"250 2\.0\.0 OK <[^>]+> \[Hostname=[A-Z0-9]+\.[A-Za-z0-9]+\.prod\.outlook\.com\]"
INVALID_CONTENT = r("554 5.6.0 Invalid message content")

ROWS = [
    # ---- line lengths
    Row("command of 512 octets", "ehlo", b"NOOP " + b"a" * 505 + b"\r\n", [r("250 2.0.0 OK", False)],
        "RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets with CRLF; exactly 512 is served",
        shown="NOOP + 505 octets + CRLF (512)"),
    Row("command of 513 octets", "ehlo", b"NOOP " + b"a" * 506 + b"\r\n", [TOO_LONG],
        "one octet over the limit", shown="NOOP + 506 octets + CRLF (513)"),
    Row("10 KiB without a line end, then CRLF", "ehlo", b"a" * 10240 + b"\r\n", [TOO_LONG],
        "the excess is discarded as it arrives, never buffered; the line is refused once it ends",
        shown="10,240 octets, CRLF"),
    Row("10 MiB without a line end", "ehlo", b"a" * (10 << 20) + b"\r\nNOOP\r\n",
        [TOO_LONG, r("250 2.0.0 OK", False)],
        "as above at 10 MiB: memory stays flat and the next command is served",
        shown="10 MiB, CRLF, NOOP"),
    # ---- control octets
    Row("NUL in a command", "ehlo", b"NO\x00OP\r\n", [r("500 5.3.3 Unrecognized command 'unknown'")],
        "a control octet makes it binary input: Exchange's 'unknown' form, nothing echoed", shown="NO<NUL>OP"),
    Row("ESC and DEL in a command", "ehlo", b"\x1b[2J\x7f\r\n", [r("500 5.3.3 Unrecognized command 'unknown'")],
        "binary input: Exchange's 'unknown' form; nothing is echoed", shown="ESC [2J DEL"),
    Row("NUL in an address", "auth", b"MAIL FROM:<scan\x00ner@contoso.com>\r\n", [r("501 5.1.7 Invalid address")],
        "a control octet makes the path invalid", shown="MAIL FROM:<scan<NUL>ner@contoso.com>"),
    Row("bare LF ends a command", "ehlo", b"NOOP\nNOOP\r\n", [r("250 2.0.0 OK", False), r("250 2.0.0 OK", False)],
        "a lone LF is taken as a line end in commands, as Exchange does", shown="NOOP<LF>NOOP<CRLF>"),
    Row("bare CR inside a command", "ehlo", b"NO\rOP\r\n", [r("500 5.3.3 Unrecognized command 'unknown'")],
        "a lone CR is not a line end but a control octet: binary input", shown="NO<CR>OP"),
    # ---- STARTTLS and TLS
    Row("plaintext pipelined behind STARTTLS", "ehlo", b"STARTTLS\r\nMAIL FROM:<a@contoso.com>\r\n",
        [r("220 2.0.0 SMTP server ready", False), CLOSE],
        "STARTTLS command injection (CVE-2011-0411): bytes after STARTTLS in the same packet are "
        "dropped, never read as commands after the handshake; the plaintext then fails the handshake",
        shown="STARTTLS<CRLF>MAIL FROM:... in one packet"),
    Row("STARTTLS inside TLS", "tls", b"STARTTLS\r\n", [r("503 5.5.2 Only one STARTTLS command can be issued per session")],
        "STARTTLS is offered once"),
    Row("TLS ClientHello on the plaintext port", "connect",
        bytes.fromhex("16030100a5010000a103035f"), [CLOSE],
        "a device set to implicit TLS (\"SSL\") on 587: its TLS stack fails on the plaintext greeting and "
        "closes; the ClientHello's octets hold no line end, so no command is read and nothing is answered",
        shown="the first 12 octets of a ClientHello, then the client closes"),
    # ---- AUTH
    Row("AUTH LOGIN with bad base64", "tls", b"AUTH LOGIN\r\n!!!!\r\n",
        [r("334 VXNlcm5hbWU6", False), r("501 5.5.2 Cannot Decode response")],
        "a response that is not base64 ends the dialogue", shown="AUTH LOGIN, then !!!!"),
    Row("AUTH LOGIN with a 100 KiB response", "tls", b"AUTH LOGIN\r\n" + b"QUFB" * 25600 + b"\r\n",
        [r("334 VXNlcm5hbWU6", False), TOO_LONG],
        "an AUTH response is a line like any other: over 512 octets it is refused and not decoded",
        shown="AUTH LOGIN, then 102,400 octets of base64"),
    Row("AUTH cancelled with *", "tls", b"AUTH LOGIN\r\n*\r\n",
        [r("334 VXNlcm5hbWU6", False), r("501 5.5.4 Authentication cancelled")], "RFC 4954 section 4"),
    Row("password sent after a cancelled AUTH", "tls", b"AUTH LOGIN\r\n*\r\nRGVtby1QYXNzdzByZCE=\r\n",
        [r("334 VXNlcm5hbWU6", False), r("501 5.5.4 Authentication cancelled"), UNKNOWN(20)],
        "printers that ignore reply codes send the password on: it is answered as an unknown command "
        "and stored only as '******** <20 octets, not a command>'",
        shown="AUTH LOGIN, *, then the base64 password"),
    Row("AUTH before STARTTLS", "ehlo", b"AUTH LOGIN\r\n", [r("504 5.7.4 Unrecognized authentication type")],
        "Exchange offers AUTH only inside TLS"),
    Row("AUTH PLAIN (not offered)", "tls", b"AUTH PLAIN AGZvbwBiYXI=\r\n", [r("504 5.7.4 Unrecognized authentication type")],
        "Exchange offers LOGIN and XOAUTH2 only"),
    Row("a repeated AUTH", "auth", b"AUTH LOGIN\r\n", [r("503 5.5.2 Auth command already specified")],
        "one AUTH per session"),
    Row("XOAUTH2 with a garbage token", "tls", b"AUTH XOAUTH2 dXNlcj1zY2FubmVyQGNvbnRvc28uY29tAWF1dGg9QmVhcmVyIHh4eAEB\r\n",
        [r("535 5.7.3 Authentication unsuccessful")], "any token problem is the generic 5.7.3",
        shown="AUTH XOAUTH2 base64(user=scanner@contoso.com^Aauth=Bearer xxx^A^A)"),
    # ---- envelope
    Row("MAIL without AUTH", "tls", b"MAIL FROM:<scanner@contoso.com>\r\n", [r("530 5.7.57 Client not authenticated to send mail.")],
        "client submission needs AUTH"),
    Row("MAIL in plaintext", "ehlo", b"MAIL FROM:<scanner@contoso.com>\r\n", [r("451 5.7.3 STARTTLS is required to send mail")],
        "TLS comes first"),
    Row("malformed SIZE", "auth", b"MAIL FROM:<scanner@contoso.com> SIZE=abc\r\n", [INVALID_ARGS],
        "a known parameter with a bad value (RFC 5321 section 4.2.2's 501)"),
    Row("SIZE given twice", "auth", b"MAIL FROM:<scanner@contoso.com> SIZE=10 SIZE=10\r\n", [INVALID_ARGS],
        "a repeated parameter"),
    Row("unknown MAIL parameter", "auth", b"MAIL FROM:<scanner@contoso.com> FOO=BAR\r\n", [UNRECOGNIZED_PARAM],
        "RFC 5321 section 4.1.1.11: 555"),
    Row("bad BODY value", "auth", b"MAIL FROM:<scanner@contoso.com> BODY=9BIT\r\n", [INVALID_ARGS],
        "BODY takes 7BIT, 8BITMIME or BINARYMIME"),
    Row("SIZE above the fixed maximum", "auth", b"MAIL FROM:<scanner@contoso.com> SIZE=157286401\r\n",
        [r("552 5.3.4 Message size exceeds fixed maximum message size")], "refused before any octet of it is sent"),
    Row("UTF-8 sender without SMTPUTF8", "auth", "MAIL FROM:<sçanner@contoso.com>\r\n".encode(),
        [r("553 5.6.7 Non-ASCII addresses not permitted for that sender")], "RFC 6531 section 3.5"),
    Row("UTF-8 recipient without SMTPUTF8", "mail", "RCPT TO:<jörg@example.net>\r\n".encode(),
        [r("553 5.6.7 Non-ASCII addresses not permitted for that recipient")], "RFC 6531 section 3.5"),
    Row("a second MAIL", "mail", b"MAIL FROM:<scanner@contoso.com>\r\n", [r("503 5.5.2 Sender already specified")],
        "one MAIL per transaction"),
    Row("RCPT before MAIL", "auth", b"RCPT TO:<a@example.net>\r\n", [r("503 5.5.2 Need mail command")], "sequence"),
    Row("DATA before RCPT", "auth", b"MAIL FROM:<scanner@contoso.com>\r\nDATA\r\n", [SENDER_OK, r("503 5.5.2 Need rcpt command")],
        "sequence"),
    Row("an address without brackets", "auth", b"MAIL FROM:scanner@contoso.com\r\n", [r("501 5.1.7 Invalid address")],
        "RFC 5321 wants <path>"),
    Row("501 recipients", "mail", b"".join(b"RCPT TO:<r%d@example.net>\r\n" % n for n in range(500)),
        [RCPT_OK] * 499 + [r("452 4.5.3 Too many recipients")],
        "the mail stage has one recipient already; RecipientLimits (500) refuses the 501st at RCPT",
        shown="500 more RCPT TO in one packet"),
    # ---- DATA
    Row("text line over 1000 octets", "data", b"Subject: x\r\n\r\n" + b"a" * 1200 + b"\r\n.\r\n", [INVALID_CONTENT],
        "RFC 5321 section 4.5.3.1.6: 1000 octets with CRLF; nothing is stored", shown="a 1,202-octet body line"),
    Row("smuggling: <LF>.<LF>", "data", b"Subject: x\r\n\r\nhi\n.\nMAIL FROM:<evil@contoso.com>\r\n.\r\n",
        [ACCEPTED], "SMTP smuggling: only CRLF.CRLF ends DATA, so the smuggled MAIL stays inside the one message",
        stores=1, shown="body, <LF>.<LF>, MAIL FROM:..., <CRLF>.<CRLF>"),
    Row("smuggling: <CR>.<CR>", "data", b"Subject: x\r\n\r\nhi\r.\rMAIL FROM:<evil@contoso.com>\r\n.\r\n",
        [ACCEPTED], "as above", stores=1, shown="body, <CR>.<CR>, MAIL FROM:..., <CRLF>.<CRLF>"),
    Row("smuggling: <LF>.<CR><LF>", "data", b"Subject: x\r\n\r\nhi\n.\r\nMAIL FROM:<evil@contoso.com>\r\n.\r\n",
        [ACCEPTED], "as above", stores=1, shown="body, <LF>.<CR><LF>, MAIL FROM:..., <CRLF>.<CRLF>"),
    Row("smuggling: <CR><LF>.<LF>", "data", b"Subject: x\r\n\r\nhi\r\n.\nMAIL FROM:<evil@contoso.com>\r\n.\r\n",
        [ACCEPTED], "as above", stores=1, shown="body, <CR><LF>.<LF>, MAIL FROM:..., <CRLF>.<CRLF>"),
    Row("smuggling: <CR><LF>.<CR>", "data", b"Subject: x\r\n\r\nhi\r\n.\rMAIL FROM:<evil@contoso.com>\r\n.\r\n",
        [ACCEPTED], "as above", stores=1, shown="body, <CR><LF>.<CR>, MAIL FROM:..., <CRLF>.<CRLF>"),
    Row("NUL in DATA", "data", b"Subject: x\r\n\r\nnul\x00here\r\n.\r\n", [ACCEPTED],
        "stored byte for byte; the mailbox API shows it as text", stores=1, shown="a body with a NUL"),
    Row("two From fields of two authors", "data",
        b"From: scanner@contoso.com\r\nFrom: alice@contoso.com\r\nSubject: x\r\n\r\nx\r\n.\r\n",
        [r("554 5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as alice@contoso.com; "
           "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
           "process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.", False)],
        "every author is judged, not only the first"),
    Row("From with a second address", "data",
        b"From: scanner@contoso.com, alice@contoso.com\r\nSubject: x\r\n\r\nx\r\n.\r\n",
        [r("554 5.2.252 SendAsDenied; scanner@contoso.com not allowed to send as alice@contoso.com; "
           "STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
           "process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.", False)],
        "every address of every From field"),
    # ---- BDAT
    Row("BDAT 0 LAST", "mail", b"BDAT 0 LAST\r\n", [ACCEPTED], "an empty message is a message (RFC 3030)", stores=1),
    Row("BDAT size larger than the bytes", "mail", b"BDAT 100 LAST\r\nshort\r\n", [CLOSE],
        "the server waits for the 100 octets; the client gives up and closes: nothing is stored",
        shown="BDAT 100 LAST, 7 octets, close"),
    Row("BDAT size smaller than the bytes", "mail", b"BDAT 5 LAST\r\nhelloNOOP\r\n",
        [ACCEPTED, r("250 2.0.0 OK", False)],
        "exactly 5 octets are the message; what follows is read as the next command", stores=1,
        shown="BDAT 5 LAST, hello, NOOP"),
    Row("DATA after BDAT", "mail", b"BDAT 5\r\nhelloDATA\r\n",
        [r("250 2.6.0 CHUNK received OK", False), r("503 5.5.1 Bad sequence of commands")],
        "RFC 3030: DATA may not follow BDAT in a transaction"),
    Row("BDAT with a bad size", "mail", b"BDAT x LAST\r\n", [INVALID_ARGS], "the size must be a number"),
    # ---- closes mid-way
    Row("half close mid-DATA", "data", b"Subject: x\r\n\r\npartial", [CLOSE],
        "the client shuts its side down mid-message: nothing half-received is stored",
        shown="part of a message, then shutdown(SHUT_WR)"),
    Row("half close mid-BDAT", "mail", b"BDAT 1000 LAST\r\npartial", [CLOSE],
        "as above, in a chunk", shown="part of a chunk, then shutdown(SHUT_WR)"),
    # ---- HTTP equivalents live in tests/e2e/test_http_hostile.py (overlong headers, huge bodies,
    # Content-Length with chunked); the rows below reach the MX endpoint.
    Row("MX: relay to the internet", "ehlo", b"MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n",
        [SENDER_OK, r("550 5.7.64 TenantAttribution; Relay Access Denied")],
        "Direct Send reaches the tenant's own domains only", listener="mx"),
    Row("MX: AUTH", "ehlo", b"AUTH LOGIN\r\n", [r("504 5.7.4 Unrecognized authentication type")],
        "the MX endpoint offers no AUTH", listener="mx"),
]
