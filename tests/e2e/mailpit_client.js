// Reads one message through the mailpit-api client, as a CI job using Mailpit
// would, and sends one with its sendMessage(). Prints one JSON object: what each
// method returned (blobs as their type, size and base64 bytes).
"use strict";
const { MailpitClient } = require("mailpit-api");

async function blob(b) {
  return { type: b.type, size: b.size, base64: Buffer.from(await b.arrayBuffer()).toString("base64") };
}

async function main() {
  const [baseURL, id, partID, user, password] = process.argv.slice(2);
  const client = new MailpitClient(baseURL, user ? { auth: { username: user, password } } : undefined);
  const out = {};
  out.summary = await client.getMessageSummary(id);
  out.latest = await client.getMessageSummary();
  out.headers = await client.getMessageHeaders(id);
  out.source = await client.getMessageSource(id);
  out.attachment = await blob(await client.getMessageAttachment(id, partID));
  out.html = await client.renderMessageHTML(id);
  out.embedded = await client.renderMessageHTML(id, 1);
  out.text = await client.renderMessageText(id);
  out.sent = await client.sendMessage({
    From: { Email: "app@contoso.com", Name: "Contoso App" },
    To: [{ Email: "alice@contoso.com", Name: "Alice" }],
    Cc: [{ Email: "bob@contoso.com" }],
    Bcc: ["audit@contoso.com"],
    ReplyTo: [{ Email: "support@contoso.com" }],
    Subject: "Sent with mailpit-api",
    Text: "text body",
    HTML: "<p>html body</p>",
    Attachments: [{ Content: Buffer.from("report").toString("base64"), Filename: "report.txt",
                    ContentType: "text/plain" }],
    Tags: ["Tag 1"],
    Headers: { "X-Origin": "mailpit-api" },
  });
  out.sentSummary = await client.getMessageSummary(out.sent.ID);
  try {
    await client.getMessageSummary("999999");
    out.unknown = "no error";
  } catch (e) {
    out.unknown = e.message;
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: e.message }) + "\n");
  process.exit(1);
});
