// Drives the web page in Debian's headless Chromium (playwright-core, no bundled
// browser) for test_web_page.py. Speaks JSON lines: it prints {"step": ...} and,
// where the test has something to do (send mail, try AUTH), waits for the test's
// answer on stdin. Usage: node web_page.mjs BASE_URL SCREENSHOT_DIR [tour|token|axe]
// (tour: every view; token: the login form of a server started with --http-token;
// axe: axe-core's check of each view, light and dark).
import { chromium } from 'playwright-core';
import readline from 'node:readline';
import path from 'node:path';
import { createRequire } from 'node:module';

const [base, shots, mode = 'tour'] = process.argv.slice(2);
const lines = readline.createInterface({ input: process.stdin });
const input = lines[Symbol.asyncIterator]();

function say(step, data = {}) {
  process.stdout.write(JSON.stringify({ step, ...data }) + '\n');
}

async function ask(step, data = {}) {
  say(step, data);
  const { value, done } = await input.next();
  if (done) {
    throw new Error(`the test went away at ${step}`);
  }
  return JSON.parse(value);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const problems = [];
const blocked = [];  // what the page was refused (the message's sandbox and policy, a 401): console errors

// Console errors: what the page was refused, and anything else (a problem).
function watch(page) {
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      (/Content Security Policy|sandboxed|401/.test(m.text()) ? blocked : problems).push(m.text());
    }
  });
}

// The page with nothing but a login form until the token is given; then the data,
// kept current by /api/events with the token as its access_token query parameter.
async function token(page) {
  await page.goto(base + '/');
  await page.getByLabel('Bearer token').waitFor();
  say('login', { views: await page.locator('#views').isVisible(),
    messages: await page.locator('#message-list li').count() });
  await page.screenshot({ path: path.join(shots, 'login.png') });
  for (;;) {
    const { value } = await ask('token');
    await page.getByLabel('Bearer token').fill(value);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = page.locator('#login-error').getByText('That token was refused.');
    const shown = page.locator('#message-list li').first();
    await refused.or(shown).waitFor();
    if (await shown.isVisible()) {
      break;
    }
    say('refused', { login: await page.locator('#login').isVisible() });
  }
  await page.locator('#live').getByText('live', { exact: true }).waitFor();
  const sent = await ask('shown', { subjects: await page.locator('#message-list .subject').allTextContents(),
    live: await page.locator('#live').textContent() });
  await page.locator('#message-list li').filter({ hasText: sent.subject }).waitFor();
}

// axe-core on each view in both colour schemes: the serious and critical violations.
// Its script is injected, which the page's own policy forbids, so only this run
// bypasses the CSP (its own browser context).
async function axe() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  watch(page);
  const source = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const found = [];
  let passed = 0;  // rules that held: axe did run
  await page.goto(base + '/');
  await page.locator('#message-list li').first().click();
  await page.locator('#m-subject').getByText(/./).waitFor();
  for (const theme of ['light', 'dark']) {
    if ((await page.locator('html').getAttribute('data-theme')) !== theme) {
      await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click();
    }
    for (const view of ['messages', 'signins', 'sessions', 'help', 'admin']) {
      await page.goto(`${base}/#/${view}`);
      await page.locator(`#view-${view}`).waitFor();
      if (view === 'admin') {
        await page.locator('#mailbox option').first().waitFor({ state: 'attached' });
      }
      await page.addScriptTag({ path: source });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      passed += result.passes.length;
      for (const v of result.violations.filter((x) => ['serious', 'critical'].includes(x.impact))) {
        found.push(`${theme} ${view}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
  }
  say('axe', { violations: found, ran: passed > 0 });
  await page.screenshot({ path: path.join(shots, 'admin-dark.png') });
  await context.close();
}

async function tour(page) {
  await page.goto(base + '/');
  await page.locator('#live').getByText('live', { exact: true }).waitFor();

  // Messages: mail sent now appears without a reload, newest first.
  const sent = await ask('loaded');
  const list = page.locator('#message-list li');
  await list.filter({ hasText: sent.second }).waitFor();
  say('listed', { subjects: await page.locator('#message-list .subject').allTextContents() });

  // Search with the API's words, then open the message.
  await page.getByLabel('Search messages').fill(sent.search);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#count').getByText('matching').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#message-list li').length === 1);
  say('searched', { subjects: await page.locator('#message-list .subject').allTextContents(),
    count: await page.locator('#count').textContent() });
  await list.first().locator('button').click();
  await page.locator('#m-subject').getByText(sent.first).waitFor();
  const frame = page.frameLocator('#m-html');
  await frame.locator('#marker').waitFor();
  say('html', {
    marker: await frame.locator('#marker').textContent(),
    scripted: await frame.locator('#scripted').textContent(),
    sandbox: await page.locator('#m-html').getAttribute('sandbox'),
  });
  await page.screenshot({ path: path.join(shots, 'messages.png') });
  await page.getByRole('tab', { name: 'Headers' }).click();
  const header = page.locator('#tab-headers tr').filter({ has: page.locator('th', { hasText: /^X-Web-Test$/ }) });
  say('header', { value: await header.locator('td').textContent() });
  await page.getByRole('tab', { name: 'Raw' }).click();
  say('raw', { starts: (await page.locator('#tab-raw').textContent()).slice(0, 200) });
  await page.getByRole('tab', { name: 'Text' }).click();
  say('text', { text: await page.locator('#tab-text').textContent() });

  // The session that carried it: a link to its transcript.
  const carried = page.locator('#m-session');
  const sid = await carried.textContent();
  await carried.click();
  await page.locator('#s-title').getByText(`Session ${sid} (delivered)`).waitFor();
  say('carried', { sid, href: await carried.getAttribute('href'),
    lines: await page.locator('#s-lines div').allTextContents() });

  // Admin center: the mailbox's Authenticated SMTP, as the next AUTH sees it.
  await page.getByRole('link', { name: 'Admin center' }).click();
  await page.getByLabel('Tenant').selectOption('Contoso');
  await page.getByLabel('Mailbox').selectOption(sent.mailbox);
  await page.getByLabel('On', { exact: true }).waitFor();
  say('admin', {
    orgSmtpOff: await page.getByLabel('Turn off SMTP AUTH protocol for your organization').isChecked(),
    legacyTls: await page.getByLabel('Turn on use of legacy TLS clients').isChecked(),
    on: await page.getByLabel('On', { exact: true }).isChecked(),
  });
  for (const [label, state] of [['Off', 'off'], ['Follow the organization setting', 'org'], ['On', 'on']]) {
    await page.getByLabel(label, { exact: label !== 'Follow the organization setting' }).check();
    await page.locator('#admin-status').getByText(`Saved: Authenticated SMTP for ${sent.mailbox}`).waitFor();
    if (state === 'off') {
      await page.screenshot({ path: path.join(shots, 'admin.png') });
    }
    await ask('smtp-auth', { state });
    await page.locator('#admin-status').evaluate((e) => { e.textContent = ''; });
  }

  // Lockout: the test locks a mailbox out; the page shows it and resets it.
  await ask('lock');
  await page.getByLabel('Mailbox').selectOption('lockout@contoso.com');
  await page.locator('#lockout').getByText('Locked out until').waitFor();
  const lockedText = await page.locator('#lockout').textContent();
  await page.getByRole('button', { name: 'Reset lockout' }).click();
  await page.locator('#admin-status').getByText('Saved: lockout reset for lockout@contoso.com').waitFor();
  await ask('reset', { before: lockedText.replace(/until .* \(/, 'until … ('),
    after: await page.locator('#lockout').textContent() });

  // Sign-ins: the log for one user, all of it and its failures only.
  await page.getByRole('link', { name: 'Sign-ins' }).click();
  await page.getByLabel('User').fill(sent.mailbox);
  await page.getByRole('button', { name: 'Apply' }).click();
  // The filtered answer, not the unfiltered one the navigation asked for first.
  await page.waitForFunction((user) => {
    const trs = [...document.querySelectorAll('#signin-table tbody tr')];
    return trs.length > 0 && trs.every((tr) => tr.cells[1].textContent.includes(user));
  }, sent.mailbox);
  const table = async () => page.locator('#signin-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  await page.locator('#signin-table tbody td.smtp-reply code').first().waitFor();
  say('signins', { rows: await table(), replies: await page.locator('#signin-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => tr.querySelector('td.smtp-reply code')?.textContent ?? '')) });
  await page.screenshot({ path: path.join(shots, 'signins.png') });
  await page.getByLabel('Status', { exact: true }).selectOption('failure');
  await page.waitForFunction(() => [...document.querySelectorAll('#signin-table tbody tr')]
    .every((tr) => tr.cells[5].textContent === 'Failure'));
  say('failures', { rows: await table() });

  // Sessions: the failed ones, and the newest one's transcript.
  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.getByLabel('Outcome').selectOption('auth-failed');
  const sessions = page.locator('#session-list li button');
  await page.waitForFunction(() => [...document.querySelectorAll('#session-list .subject')]
    .every((d) => d.textContent.startsWith('auth-failed')));
  const newestFailed = await sessions.first().getAttribute('data-id');
  await sessions.first().click();
  await page.locator('#s-title').getByText(`Session ${newestFailed} (auth-failed)`).waitFor();
  say('session', { id: newestFailed,
    rows: await sessions.count(),
    lines: await page.locator('#s-lines div').allTextContents() });
  await page.screenshot({ path: path.join(shots, 'sessions.png') });

  // Its refusal links to the explanation.
  const why = page.locator('#s-why a');
  const link = await why.textContent();
  await why.click();
  await page.locator('#help-result .help-meaning').waitFor();
  say('why', { link, line: await page.getByLabel('SMTP reply line').inputValue(),
    reply: await page.locator('#help-result .help-reply').allTextContents(),
    meaning: await page.locator('#help-result .help-meaning').allTextContents() });
  await page.screenshot({ path: path.join(shots, 'help.png') });

  // A session open now: in the live list while it lasts, then among the finished.
  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.getByLabel('Outcome').selectOption('');
  await ask('live-open');
  const open = page.locator('#live-list button').filter({ hasText: `authenticated: ${sent.mailbox}` });
  await open.waitFor();
  const openId = await open.getAttribute('data-id');
  await open.click();
  await page.locator('#s-title').getByText(`Session ${openId} (open: authenticated)`).waitFor();
  await page.locator('#s-lines div').getByText('S: 235 2.7.0 Authentication successful').waitFor();
  await page.screenshot({ path: path.join(shots, 'sessions-live.png') });
  await ask('live', { id: openId, row: await open.textContent(), title: await page.locator('#s-title').textContent(),
    lines: await page.locator('#s-lines div').allTextContents() });
  await page.locator(`#session-list button[data-id="${openId}"]`).waitFor();
  await page.locator(`#live-list button[data-id="${openId}"]`).waitFor({ state: 'detached' });
  await page.locator('#s-title').getByText(`Session ${openId} (closed)`).waitFor();
  say('live-finished', { id: openId });

  // A refused session named by its SID (the test read it from the greeting): its explanation.
  for (;;) {
    const { sid: refusedSid } = await ask('explain');
    if (!refusedSid) {
      break;
    }
    await page.goto(`${base}/#/sessions/${refusedSid}`);
    await page.locator('#s-title').getByText(`Session ${refusedSid} (`).waitFor();
    await page.locator('#s-why a').waitFor();
    say('explained', { title: await page.locator('#s-title').textContent(),
      why: await page.locator('#s-why a').textContent() });
  }

  // The rest of the admin center, each change followed by the test's AUTH.
  await page.getByRole('link', { name: 'Admin center' }).click();
  const saved = async (what, step, data = {}) => {
    await page.locator('#admin-status').getByText(`Saved: ${what}`).waitFor();
    await page.locator('#admin-status').evaluate((e) => { e.textContent = ''; });
    return ask(step, data);
  };
  const pick = async (tenantName, mailbox) => {
    await page.getByLabel('Tenant').selectOption(tenantName);
    await page.waitForFunction((t) => document.getElementById('view-admin').dataset.loaded?.startsWith(t + ' '), tenantName);
    if (mailbox) {
      await page.getByLabel('Mailbox').selectOption(mailbox);
      await page.waitForFunction((m) => document.getElementById('view-admin').dataset.loaded?.endsWith(' ' + m), mailbox);
    }
  };
  await pick('Northwind');
  for (const checked of [false, true]) {
    await page.getByLabel('Turn on use of legacy TLS clients').setChecked(checked);
    await saved('legacy TLS clients', 'legacy-tls', { checked });
  }
  await pick('Fabrikam');
  for (const value of ['false', 'true']) {
    await page.getByLabel('Security defaults').selectOption(value);
    await saved('security defaults', 'security-defaults', { enabled: value === 'true' });
  }
  await pick('Contoso');
  for (const state of ['disabled', 'enabledForReportingButNotEnforced', 'enabled']) {
    await page.getByLabel('Block legacy authentication').selectOption(state);
    await saved('Conditional Access policy Block legacy authentication', 'conditional-access', { state });
  }
  await page.screenshot({ path: path.join(shots, 'admin-entra.png'), fullPage: true });
  await pick('Tailspin');
  for (const state of ['available', 'retired']) {
    await page.getByLabel('State of the retirement').selectOption(state);
    await saved('Basic authentication state', 'basic-auth', { state });
  }
  await pick('Contoso', sent.mailbox);
  for (const state of ['enforced', 'disabled']) {
    await page.getByLabel('Multifactor auth status').selectOption(state);
    await saved(`per-user MFA for ${sent.mailbox}`, 'mfa', { state });
  }
  await pick('Contoso', 'mfa@contoso.com');
  await page.getByRole('button', { name: 'Create app password' }).click();
  await page.locator('#app-password-new').getByText('shown once').waitFor();
  await saved('app password created for mfa@contoso.com', 'app-password', {
    secret: (await page.locator('#app-password-new').textContent()).split(': ').pop(),
    count: await page.locator('#app-passwords').textContent() });
  const before = await page.locator('#clock-now').textContent();
  await page.getByLabel('Advance by').fill('25h');
  await page.getByRole('button', { name: 'Advance' }).click();
  await page.locator('#clock-now').filter({ hasNotText: before }).waitFor();
  await saved('clock advanced by 25h', 'clock', { now: await page.locator('#clock-now').textContent() });
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watch(page);
  const run = { token: () => token(page), axe: () => axe(), tour: () => tour(page) }[mode];
  await run();
  say('done', { problems, blocked: blocked.length > 0, login: await page.locator('#login').isVisible() });
} finally {
  await browser.close();
  lines.close();
}
