// Sends one message with nodemailer over STARTTLS + AUTH XOAUTH2 (an access token
// from `exomock token`) and prints one JSON line: {"lines": [...], "error": ...}.
"use strict";
const fs = require("fs");
const util = require("util");
const nodemailer = require("nodemailer");

function transcriptLogger(lines) {
  const log = (entry, message, ...args) => {
    if (entry && entry.tnx === "server") lines.push(...util.format(message, ...args).split("\n"));
  };
  return { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
}

async function main() {
  const [port, user, accessToken, from, to, file] = process.argv.slice(2);
  const lines = [];
  const transport = nodemailer.createTransport({
    host: "127.0.0.1", port: Number(port), secure: false, requireTLS: true,
    tls: { rejectUnauthorized: false }, auth: { type: "OAuth2", user, accessToken },
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
