// Calls one method of the npm mailpit-api client (2.1.0) against a running
// exomock and prints one JSON line: {"ok": true, "value": ...} or
// {"ok": false, "error": "..."}. Arguments: BASE_URL METHOD [JSON_ARG...];
// MAILPIT_USER / MAILPIT_PASSWORD set the client's Basic auth. Blobs come back
// as {"type", "size", "text"} so a test can check an attachment's bytes.
import { MailpitClient } from "mailpit-api";

const [base, method, ...args] = process.argv.slice(2);
const auth = process.env.MAILPIT_USER
  ? { auth: { username: process.env.MAILPIT_USER, password: process.env.MAILPIT_PASSWORD ?? "" } }
  : undefined;
const client = new MailpitClient(base, auth);

async function plain(value) {
  if (typeof Blob !== "undefined" && value instanceof Blob) {
    const bytes = Buffer.from(await value.arrayBuffer());
    return { type: value.type, size: value.size, base64: bytes.toString("base64") };
  }
  return value;
}

try {
  const value = await client[method](...args.map((a) => JSON.parse(a)));
  console.log(JSON.stringify({ ok: true, value: await plain(value) }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e.message ?? e) }));
}
