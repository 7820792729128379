// mailpit-api 2.1.0 and the live events (ws, speaking mailpit-ws's protocol)
// against exomock, driven by test_http_mailbox.py, which sends the mail with
// Python smtplib. The two talk over lines: this script prints "ready N" when
// it wants N messages sent and reads "sent MARKER" back; it prints "done" and
// exits 0 when every check held, and fails with the first that did not.
//
//   node mailpit_client.mjs core BASE_URL   the mailbox routes and the events
//   node mailpit_client.mjs mime BASE_URL   waitForMessage and the MIME fields
//
// MAILPIT_USER / MAILPIT_PASSWORD, when set, are sent as Basic auth on every
// request and on the WebSocket upgrade.
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import { MailpitClient } from "mailpit-api";
import WebSocket from "ws";

const [mode, base] = process.argv.slice(2);
const user = process.env.MAILPIT_USER;
const auth = user ? { username: user, password: process.env.MAILPIT_PASSWORD } : undefined;
const mailpit = new MailpitClient(base, auth ? { auth } : undefined);
const poll = { timeout: 10000, interval: 50 };

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function mail(count) {
  console.log(`ready ${count}`);
  const { value } = await lines.next();
  assert.match(value, /^sent /);
  return value.slice(5);
}

const ENVELOPE = ["total", "unread", "count", "messages_count", "messages_unread", "start", "tags",
  "messages"];
const SUMMARY = ["ID", "MessageID", "Read", "From", "To", "Cc", "Bcc", "ReplyTo", "Subject",
  "Created", "Username", "Tags", "Size", "Attachments", "Snippet"];
const INFO = ["Version", "LatestVersion", "Database", "DatabaseSize", "Messages", "Unread", "Tags",
  "RuntimeStats"];
const RUNTIME = ["Uptime", "Memory", "MessagesDeleted", "SMTPAccepted", "SMTPAcceptedSize",
  "SMTPRejected", "SMTPIgnored"];
const WEBUI = ["Label", "MessageRelay", "SpamAssassin", "ChaosEnabled", "DuplicatesIgnored",
  "HideDeleteAllButton"];

// Every frame, parsed; `next` waits for the first one after `from` that fits.
const frames = [];
const waiters = [];
function connect() {
  const headers = auth
    ? { Authorization: "Basic " + Buffer.from(`${auth.username}:${auth.password}`).toString("base64") }
    : {};
  const ws = new WebSocket(base.replace(/^http/, "ws") + "/api/events", { headers });
  ws.on("message", (data, binary) => {
    assert.equal(binary, false, "frames are text");
    frames.push(JSON.parse(data.toString()));
    for (const w of [...waiters]) w();
  });
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve(ws));
    ws.on("error", reject);
  });
}
function next(fits, from, what) {
  return new Promise((resolve, reject) => {
    const look = () => {
      const i = frames.findIndex((f, n) => n >= from && fits(f));
      if (i < 0) return false;
      waiters.splice(waiters.indexOf(look), 1);
      clearTimeout(timer);
      resolve(i);
      return true;
    };
    const timer = setTimeout(() => reject(new Error(`no ${what} frame; got ${JSON.stringify(frames.slice(from))}`)), 10000);
    waiters.push(look);
    look();
  });
}
const type = (t, check = () => true) => (f) => f.Type === t && check(f.Data);

async function core() {
  const ws = await connect();
  await next(type("stats"), 0, "stats on connect");

  const marker = await mail(1);
  const list = await mailpit.waitForMessages({ count: 1 }, poll);
  assert.deepEqual(Object.keys(list), ENVELOPE);
  assert.equal(list.messages_count, 1);
  const m = list.messages[0];
  assert.deepEqual(Object.keys(m), SUMMARY);
  assert.equal(m.Username, "scanner@contoso.com");
  assert.match(m.ID, /^[1-9][0-9]*$/);
  assert.match(m.Created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/);
  assert.deepEqual(m.Tags, []);
  for (const list of [m.Cc, m.Bcc, m.ReplyTo]) assert.deepEqual(list, []);
  let at = await next(type("new", (d) => d.ID === m.ID), 0, "new");
  assert.deepEqual(Object.keys(frames[at].Data), SUMMARY);
  await next(type("stats", (d) => d.Total === 1 && d.Unread === 1), at, "stats after new");
  await next(type("signin", (d) => d.UserPrincipalName === "scanner@contoso.com" && d.ErrorCode === 0), 0, "signin");
  await next(type("session", (d) => d.Login === "scanner@contoso.com" && d.Listener === "submission"), 0, "session");

  const found = await mailpit.searchMessages({ query: "login:scanner@contoso.com listener:submission path:submission" });
  assert.equal(found.messages_count, 1);
  assert.equal((await mailpit.searchMessages({ query: "-tenant:contoso" })).messages_count, 0);

  let from = frames.length;
  assert.equal(await mailpit.setReadStatus({ IDs: [m.ID], Read: true }), "ok");
  at = await next(type("update", (d) => d.ID === m.ID && d.Read === true), from, "update read");
  await next(type("stats", (d) => d.Unread === 0), at, "stats after read");
  from = frames.length;
  assert.equal(await mailpit.setReadStatus({ IDs: [m.ID] }), "ok");
  await next(type("update", (d) => d.ID === m.ID && d.Read === false), from, "update unread");

  from = frames.length;
  assert.equal(await mailpit.setTags({ IDs: [m.ID], Tags: ["test-tag"] }), "ok");
  await next(type("update", (d) => d.ID === m.ID && JSON.stringify(d.Tags) === '["test-tag"]'), from, "update tags");
  assert.deepEqual(await mailpit.getTags(), ["test-tag"]);
  from = frames.length;
  assert.equal(await mailpit.renameTag("test-tag", "renamed tag"), "ok");
  await next(type("prune"), from, "prune after rename");
  assert.deepEqual(await mailpit.getTags(), ["renamed tag"]);
  assert.equal((await mailpit.searchMessages({ query: 'tag:"renamed tag"' })).messages_count, 1);
  assert.equal(await mailpit.deleteTag("renamed tag"), "ok");
  assert.deepEqual(await mailpit.getTags(), []);

  const info = await mailpit.getInfo();
  assert.deepEqual(Object.keys(info), INFO);
  assert.deepEqual(Object.keys(info.RuntimeStats), RUNTIME);
  assert.equal(info.Messages, 1);
  assert.equal(info.LatestVersion, "disabled");
  assert.ok(info.RuntimeStats.Memory > 1000000, "the process's resident memory");
  assert.equal(info.RuntimeStats.SMTPAccepted, 1);
  const config = await mailpit.getConfiguration();
  assert.deepEqual(Object.keys(config), WEBUI);
  assert.equal(config.MessageRelay.Enabled, false);

  from = frames.length;
  assert.equal(await mailpit.deleteMessages({ IDs: [m.ID] }), "ok");
  at = await next(type("delete", (d) => d.ID === m.ID), from, "delete");
  await next(type("stats", (d) => d.Total === 0), at, "stats after delete");

  await mail(3);
  const three = await mailpit.waitForMessages({ query: "login:scanner@contoso.com", count: 3, exact: true }, poll);
  assert.equal(three.messages.length, 3);
  from = frames.length;
  assert.equal(await mailpit.deleteMessagesBySearch({ query: "login:scanner@contoso.com" }), "ok");
  for (const gone of three.messages) {
    await next(type("delete", (d) => d.ID === gone.ID), from, "delete by search");
  }

  await mail(1);
  await mailpit.waitForMessages({ count: 1, exact: true }, poll);
  from = frames.length;
  assert.equal(await mailpit.deleteMessages(), "ok");
  at = await next(type("truncate", (d) => d === null), from, "truncate");
  await next(type("stats", (d) => d.Total === 0 && d.Unread === 0 && typeof d.Version === "string"), at, "stats after truncate");
  assert.equal((await mailpit.listMessages()).total, 0);
  ws.close();
  return marker;
}

// What needs the MIME layer: the decoded Subject and addresses, and
// waitForMessage, which fetches /api/v1/message/{ID}.
async function mime() {
  const marker = await mail(1);
  const message = await mailpit.waitForMessage({ query: `subject:${marker}` }, poll);
  assert.equal(message.Subject, `exomock e2e ${marker}`);
  const found = await mailpit.searchMessages({ query: `${marker} to:alice@contoso.com from:scanner` });
  assert.equal(found.messages_count, 1);
  assert.equal(found.messages[0].From.Address, "scanner@contoso.com");
  assert.deepEqual(found.messages[0].To, [{ Name: "", Address: "alice@contoso.com" }]);
  assert.ok(found.messages[0].Snippet.includes(marker));
}

await (mode === "mime" ? mime() : core());
console.log("done");
process.exit(0);
