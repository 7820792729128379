// Sends one message with nodemailer over STARTTLS and AUTH LOGIN (SECRET is the
// password) or, with MECHANISM "XOAUTH2", AUTH XOAUTH2 (SECRET is an access token
// from `exomock token`). Prints one JSON line: {"lines": [...], "error": ...},
// every server line nodemailer's debug log saw.
"use strict";
const fs = require("fs");
const util = require("util");
const nodemailer = require("nodemailer");

function transcriptLogger(lines) {
  // nodemailer logs each server line with {tnx: "server"} when debug is on.
  const log = (entry, message, ...args) => {
    if (entry && entry.tnx === "server") lines.push(...util.format(message, ...args).split("\n"));
  };
  return { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
}

async function main() {
  const [mechanism, port, user, secret, from, to, file] = process.argv.slice(2);
  const auth = mechanism === "XOAUTH2" ? { type: "OAuth2", user, accessToken: secret }
                                       : { user, pass: secret };
  const lines = [];
  const transport = nodemailer.createTransport({
    host: "127.0.0.1", port: Number(port), secure: false, requireTLS: true,
    tls: { rejectUnauthorized: false }, auth, authMethod: mechanism,
    name: "scanner.local", connectionTimeout: 30000, greetingTimeout: 30000, socketTimeout: 30000,
    logger: transcriptLogger(lines), debug: true,
  });
  let error = null;
  try {
    await transport.sendMail({ envelope: { from, to: [to] }, raw: fs.readFileSync(file) });
  } catch (err) {
    error = err.response || String(err);
  }
  console.log(JSON.stringify({ lines, error }));
}
main();
