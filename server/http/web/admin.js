// The Admin center: per tenant the Exchange admin center's mail flow switches
// (Set-TransportConfig), per mailbox the Microsoft 365 admin center's
// "Authenticated SMTP" (Set-CASMailbox: on = $false, off = $true, follow the
// organization = $null) and Entra's account switches, all through /api/v1/admin.
import { getJSON } from './api.js';
import { $, el } from './dom.js';

let tenants = [];
const enc = encodeURIComponent;

function say(text) {
  $('admin-status').textContent = text;
}

export async function load() {
  tenants = (await getJSON('/api/v1/tenants')).tenants;
  const chosen = $('tenant').value;
  $('tenant').replaceChildren(...tenants.map((t) => el('option', { value: t.name, text: `${t.name} (${t.domains.join(', ')})` })));
  if (tenants.some((t) => t.name === chosen)) {
    $('tenant').value = chosen;
  }
  await loadTenant();
}

function tenant() {
  return tenants.find((t) => t.name === $('tenant').value);
}

async function loadTenant() {
  const t = tenant();
  if (!t) {
    return;
  }
  const config = await getJSON(`/api/v1/admin/transport-config/${enc(t.name)}`);
  showOrg(config);
  const chosen = $('mailbox').value;
  $('mailbox').replaceChildren(...t.mailboxes.map((m) => el('option', { value: m, text: m })));
  if (t.mailboxes.includes(chosen)) {
    $('mailbox').value = chosen;
  }
  await loadMailbox();
}

function showOrg(config) {
  $('org-smtp-off').checked = config.SmtpClientAuthenticationDisabled;
  $('org-legacy-tls').checked = config.AllowLegacyTLSClients;
  $('org-state').textContent = config.SmtpClientAuthenticationDisabled ? 'currently off' : 'currently on';
}

function showCas(cas) {
  const value = cas.SmtpClientAuthenticationDisabled;
  const state = value === null ? 'org' : value ? 'off' : 'on';
  for (const radio of document.querySelectorAll('input[name="smtp-auth"]')) {
    radio.checked = radio.value === state;
  }
}

function showUser(user) {
  $('account-enabled').checked = user.accountEnabled;
  const l = user.lockout;
  $('lockout').textContent = l.locked
    ? `Locked out until ${new Date(l.lockedUntil).toLocaleString()} (${l.lockouts} lockout${l.lockouts === 1 ? '' : 's'})`
    : `Not locked out (${l.lockouts} lockout${l.lockouts === 1 ? '' : 's'} so far)`;
}

async function loadMailbox() {
  const address = $('mailbox').value;
  if (!address) {
    return;
  }
  showCas(await getJSON(`/api/v1/admin/cas-mailbox/${enc(address)}`));
  showUser(await getJSON(`/api/v1/admin/users/${enc(address)}`));
}

// Runs a change and says what happened; on failure reloads what the server holds.
async function change(what, action) {
  try {
    await action();
    say(`Saved: ${what}`);
  } catch (error) {
    say(`Not saved: ${error.message}`);
    await load();
  }
}

export function setup() {
  $('tenant').addEventListener('change', () => loadTenant());
  $('mailbox').addEventListener('change', () => loadMailbox());
  $('org-smtp-off').addEventListener('change', (e) => change('SMTP AUTH for the organization', async () =>
    showOrg(await getJSON(`/api/v1/admin/transport-config/${enc(tenant().name)}`,
      { method: 'PATCH', json: { SmtpClientAuthenticationDisabled: e.target.checked } }))));
  $('org-legacy-tls').addEventListener('change', (e) => change('legacy TLS clients', async () =>
    showOrg(await getJSON(`/api/v1/admin/transport-config/${enc(tenant().name)}`,
      { method: 'PATCH', json: { AllowLegacyTLSClients: e.target.checked } }))));
  for (const radio of document.querySelectorAll('input[name="smtp-auth"]')) {
    radio.addEventListener('change', () => {
      const value = { on: false, off: true, org: null }[radio.value];
      const address = $('mailbox').value;
      change(`Authenticated SMTP for ${address}`, async () =>
        showCas(await getJSON(`/api/v1/admin/cas-mailbox/${enc(address)}`,
          { method: 'PATCH', json: { SmtpClientAuthenticationDisabled: value } })));
    });
  }
  $('account-enabled').addEventListener('change', (e) => {
    const address = $('mailbox').value;
    change(`account enabled for ${address}`, async () =>
      showUser(await getJSON(`/api/v1/admin/users/${enc(address)}`,
        { method: 'PATCH', json: { accountEnabled: e.target.checked } })));
  });
  $('reset-lockout').addEventListener('click', () => {
    const address = $('mailbox').value;
    change(`lockout reset for ${address}`, async () =>
      showUser(await getJSON(`/api/v1/admin/users/${enc(address)}/reset-lockout`, { method: 'POST' })));
  });
}
