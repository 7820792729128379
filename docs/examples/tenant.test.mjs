// A tenant per test with Node's own test runner and nodemailer: the test creates
// its tenant on a running exomock, sends through SMTP AUTH with the mailbox it was
// given, waits for the message, asserts, and deletes the tenant with its mail.
//
//   npm install nodemailer
//   EXOMOCK_API=http://127.0.0.1:8025 EXOMOCK_SMTP=127.0.0.1:2587 node --test tenant.test.mjs
//
// Node 18 or later (fetch and node:test are built in).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import nodemailer from 'nodemailer';

const api = process.env.EXOMOCK_API ?? 'http://127.0.0.1:8025';
const [smtpHost, smtpPort] = (process.env.EXOMOCK_SMTP ?? '127.0.0.1:2587').split(':');

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

test('the scan report arrives', async (t) => {
  // SMTP AUTH is off in a new tenant, as Microsoft ships it: this test wants it on.
  const tenant = await call('POST', '/api/v1/tenants', {
    smtp_client_authentication_disabled: false,
    mailboxes: [{ address: 'printer' }],
  });
  t.after(() => call('DELETE', `/api/v1/tenants/${tenant.id}`));
  const [printer] = tenant.mailboxes;

  const transport = nodemailer.createTransport({
    host: smtpHost,
    port: Number(smtpPort),
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false }, // exomock's own certificate (or pass its CA in `ca`)
    auth: { user: printer.address, pass: printer.password },
  });
  await transport.sendMail({
    from: printer.address,
    to: 'qa@example.org',
    subject: 'Scan ready',
    text: 'Page 1 of 1',
  });

  const query = encodeURIComponent(`tenant:${tenant.id} subject:"Scan ready"`);
  const found = await call('GET', `/api/v1/wait?query=${query}&count=1&timeout=30s`);
  assert.equal(found.messages_count, 1);
  assert.equal(found.messages[0].From.Address, printer.address);
  assert.equal(found.messages[0].Subject, 'Scan ready');
});
