"""One message through the HTTP API, as Mailpit serves it.

Python smtplib submits a multipart message (text, HTML with an inline image,
a PDF attachment, an RFC 2047 subject and sender name, a +tag recipient) as
scanner@contoso.com
after STARTTLS; curl and the npm client mailpit-api then read it back through
/api/v1/message/{ID}, /headers, /raw, /part, /view and /smtp, and send one with
POST /api/v1/send. Every key set and value is compared exactly.
"""

import base64
import hashlib
import json
import re
import smtplib
import subprocess
import unittest
from email import policy
from email.message import EmailMessage

from exomock_harness import PASSWORD, ServerTestCase, tls_context, unique_marker
from mailpit_client import mailpit


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
PDF = b"%PDF-1.4\n% exomock e2e\n"
HTML = '<p>Your scan <img src="cid:logo@scanner"> <a href="https://contoso.com/scans">all</a></p>\n'

MESSAGE_KEYS = ["ID", "MessageID", "From", "To", "Cc", "Bcc", "ReplyTo", "ReturnPath", "Subject",
                "ListUnsubscribe", "Date", "Tags", "Username", "Text", "HTML", "Size", "Inline",
                "Attachments"]
SMTP_KEYS = ["MailFrom", "RcptTo", "Login", "ClientIP", "ClientPort", "Listener", "Path", "Tenant",
             "TLSVersion", "TLSCipher", "SessionID", "Received", "Released", "Helo", "Mechanism"]


def checksums(data):
    return {"MD5": hashlib.md5(data).hexdigest(), "SHA1": hashlib.sha1(data).hexdigest(),
            "SHA256": hashlib.sha256(data).hexdigest()}


def build_message(marker):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = "Scanner Étage <scanner@contoso.com>"
    msg["To"] = "Alice <alice+floor2@example.net>"
    msg["Subject"] = f"Scan prêt – {marker}"
    msg["Message-ID"] = f"<{marker}@scanner.contoso.com>"
    msg["Date"] = "Mon, 20 Jul 2026 16:51:26 +1200"
    msg["X-Tags"] = "scans, e2e"
    msg.set_content("Your scan is attached.\n")
    msg.add_alternative(HTML, subtype="html")
    msg.get_payload()[1].add_related(PNG, "image", "png", cid="<logo@scanner>",
                                     disposition="inline", filename="logo.png")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="scan.pdf")
    return msg.as_bytes()


class HttpMessage(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marker = f"http-message-{id(cls)}"
        cls.raw = build_message(cls.marker)
        with smtplib.SMTP("127.0.0.1", cls.server.port(), timeout=30) as client:
            client.starttls(context=tls_context())
            client.login("scanner@contoso.com", PASSWORD)
            # audit@ is in no header: Mailpit lists such a recipient in Bcc.
            client.sendmail("scanner@contoso.com", ["alice+floor2@example.net", "audit@example.net"],
                            cls.raw)
        captured = [m for m in cls.server.messages() if cls.marker in m.get("message_id", "")]
        cls.id = str(captured[0]["id"])

    def curl(self, path, *extra):
        """Status, headers (lower-case names) and body of a GET with curl."""
        result = subprocess.run(["curl", "-s", "-D", "-", *extra, self.server.http_url() + path],
                                capture_output=True, timeout=30, check=True)
        head, _, body = result.stdout.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]), headers, body

    def expected_message(self):
        return {
            "ID": self.id,
            "MessageID": f"{self.marker}@scanner.contoso.com",
            "From": {"Name": "Scanner Étage", "Address": "scanner@contoso.com"},
            "To": [{"Name": "Alice", "Address": "alice+floor2@example.net"}],
            "Cc": [],
            "Bcc": [{"Name": "", "Address": "audit@example.net"}],
            "ReplyTo": [],
            "ReturnPath": "scanner@contoso.com",
            "Subject": f"Scan prêt – {self.marker}",
            "ListUnsubscribe": {"Header": "", "Links": [], "Errors": "", "HeaderPost": ""},
            "Date": "2026-07-20T16:51:26+12:00",
            "Tags": ["e2e", "floor2", "scans"],
            "Username": "scanner@contoso.com",
            "Text": "Your scan is attached.\r\n",
            "HTML": HTML.replace("\n", "\r\n"),
            "Size": len(self.raw),
            "Inline": [{"PartID": "1.2.2", "FileName": "logo.png", "ContentType": "image/png",
                        "ContentID": "logo@scanner", "Size": len(PNG), "Checksums": checksums(PNG)}],
            "Attachments": [{"PartID": "2", "FileName": "scan.pdf",
                             "ContentType": "application/pdf", "ContentID": "", "Size": len(PDF),
                             "Checksums": checksums(PDF)}],
        }

    def test_message_json_has_mailpits_keys_and_values(self):
        status, headers, body = self.curl(f"/api/v1/message/{self.id}")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json")
        message = json.loads(body)
        self.assertEqual(list(message), MESSAGE_KEYS)
        self.assertEqual(message, self.expected_message())

    def test_headers_raw_and_part(self):
        status, _, body = self.curl(f"/api/v1/message/{self.id}/headers")
        self.assertEqual(status, 200)
        headers = json.loads(body)
        self.assertEqual(sorted(headers), ["Content-Type", "Date", "From", "Message-Id",
                                           "Mime-Version", "Subject", "To", "X-Tags"])
        self.assertEqual(headers["X-Tags"], ["scans, e2e"])
        # Raw: unfolded with one space, RFC 2047 words left encoded.
        head = re.sub(r"\r\n[ \t]+", " ", self.raw.split(b"\r\n\r\n", 1)[0].decode())
        subject = next(line[9:] for line in head.split("\r\n") if line.startswith("Subject: "))
        self.assertIn("=?utf-8?", subject)
        self.assertEqual(headers["Subject"], [subject])
        status, headers, body = self.curl(f"/api/v1/message/{self.id}/raw?dl=1")
        self.assertEqual((status, body), (200, self.raw))
        self.assertEqual(headers["content-disposition"], f'attachment; filename="{self.id}.eml"')
        status, headers, body = self.curl(f"/api/v1/message/{self.id}/part/1.2.2")
        self.assertEqual((status, body, headers["content-type"]), (200, PNG, "image/png"))
        self.assertEqual(headers["content-disposition"], 'inline; filename="logo.png"')
        status, _, body = self.curl(f"/api/v1/message/{self.id}/part/..%2F..%2Fetc%2Fpasswd")
        self.assertEqual((status, body), (404, b"404 page not found"))

    def test_views(self):
        status, headers, body = self.curl(f"/view/{self.id}.html")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(body.decode(), HTML.replace("cid:logo@scanner", f"/api/v1/message/{self.id}/part/1.2.2")
                         .replace("\n", "\r\n"))
        status, _, body = self.curl(f"/view/{self.id}.txt")
        self.assertEqual((status, body), (200, b"Your scan is attached.\r\n"))
        self.assertEqual(self.curl("/view/999999.txt")[2], b"Message not found")

    def test_smtp_facts(self):
        status, _, body = self.curl(f"/api/v1/message/{self.id}/smtp")
        self.assertEqual(status, 200)
        facts = json.loads(body)
        facts.pop("Reply", None)  # present once the session's transcript is stored
        self.assertEqual(list(facts), SMTP_KEYS)
        self.assertEqual(facts["MailFrom"], "scanner@contoso.com")
        self.assertEqual(facts["RcptTo"], ["alice+floor2@example.net", "audit@example.net"])
        self.assertEqual(facts["Login"], "scanner@contoso.com")
        self.assertEqual(facts["ClientIP"], "127.0.0.1")
        self.assertEqual((facts["Listener"], facts["Path"], facts["Tenant"]),
                         ("submission", "submission", "Contoso"))
        self.assertIn(facts["TLSVersion"], ("TLSv1.2", "TLSv1.3"))
        self.assertEqual(facts["Mechanism"], "LOGIN")

    def test_mailpit_api_client(self):
        base = self.server.http_url()

        def call(method, *args):
            ok, value = mailpit(base, method, *args)
            self.assertTrue(ok, (method, value))
            return value

        out = {"summary": call("getMessageSummary", self.id), "latest": call("getMessageSummary"),
               "headers": call("getMessageHeaders", self.id),
               "source": call("getMessageSource", self.id),
               "attachment": call("getMessageAttachment", self.id, "1.2.2"),
               "html": call("renderMessageHTML", self.id),
               "embedded": call("renderMessageHTML", self.id, 1),
               "text": call("renderMessageText", self.id)}
        out["sent"] = call("sendMessage", {
            "From": {"Email": "app@contoso.com", "Name": "Contoso App"},
            "To": [{"Email": "alice@contoso.com", "Name": "Alice"}],
            "Cc": [{"Email": "bob@contoso.com"}],
            "Bcc": ["audit@contoso.com"],
            "ReplyTo": [{"Email": "support@contoso.com"}],
            "Subject": "Sent with mailpit-api",
            "Text": "text body",
            "HTML": "<p>html body</p>",
            "Attachments": [{"Content": base64.b64encode(b"report").decode(),
                             "Filename": "report.txt", "ContentType": "text/plain"}],
            "Tags": ["Tag 1"],
            "Headers": {"X-Origin": "mailpit-api"}})
        out["sentSummary"] = call("getMessageSummary", out["sent"]["ID"])
        ok, out["unknown"] = mailpit(base, "getMessageSummary", "999999")
        self.assertFalse(ok)
        self.assertEqual(out["summary"], self.expected_message())
        self.assertEqual(list(out["latest"]), MESSAGE_KEYS)
        self.assertEqual(out["headers"]["Message-Id"], [f"<{self.marker}@scanner.contoso.com>"])
        self.assertEqual(out["source"].encode(), self.raw)
        self.assertEqual(out["attachment"]["type"], "image/png")
        self.assertEqual(out["attachment"]["size"], len(PNG))
        self.assertIn(f'src="/api/v1/message/{self.id}/part/1.2.2"', out["html"])
        self.assertIn('<a href="https://contoso.com/scans" target="_blank" rel="noreferrer noopener">all</a>',
                      out["embedded"])
        self.assertIn("messageHeight", out["embedded"])
        self.assertEqual(out["text"], "Your scan is attached.\r\n")
        self.assertEqual(list(out["sent"]), ["ID"])
        sent = out["sentSummary"]
        self.assertEqual(list(sent), MESSAGE_KEYS)
        self.assertEqual(sent["ID"], out["sent"]["ID"])
        self.assertEqual(sent["From"], {"Name": "Contoso App", "Address": "app@contoso.com"})
        self.assertEqual(sent["To"], [{"Name": "Alice", "Address": "alice@contoso.com"}])
        self.assertEqual(sent["Cc"], [{"Name": "", "Address": "bob@contoso.com"}])
        self.assertEqual(sent["Bcc"], [{"Name": "", "Address": "audit@contoso.com"}])
        self.assertEqual(sent["ReplyTo"], [{"Name": "", "Address": "support@contoso.com"}])
        self.assertEqual(sent["ReturnPath"], "app@contoso.com")
        self.assertEqual((sent["Subject"], sent["Text"], sent["HTML"]),
                         ("Sent with mailpit-api", "text body", "<p>html body</p>"))
        self.assertEqual(sent["Tags"], ["Tag 1"])
        self.assertEqual(sent["Username"], "")
        self.assertEqual([(a["PartID"], a["FileName"], a["ContentType"], a["Size"])
                          for a in sent["Attachments"]], [("2", "report.txt", "text/plain", 6)])
        self.assertIn("Mailpit API Error: 404 Not Found", out["unknown"])
        self.assertIn("404 page not found", out["unknown"])


if __name__ == "__main__":
    unittest.main()
