// The Admin center: per tenant the Exchange admin center's mail flow switches
// (Set-TransportConfig), Entra's security defaults and Conditional Access policy
// states, the Basic-auth retirement state; per mailbox the Microsoft 365 admin
// center's "Authenticated SMTP" (Set-CASMailbox: on = $false, off = $true, follow
// the organization = $null), Entra's account switches, per-user MFA and app
// passwords; and the scenario clock. All through /api/v1/admin.
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
  $('security-defaults').value = String((await getJSON(`/api/v1/admin/security-defaults/${enc(t.name)}`)).isEnabled);
  showPolicies((await getJSON(`/api/v1/admin/conditional-access/${enc(t.name)}`)).value);
  showBasic(await getJSON(`/api/v1/admin/basic-auth/${enc(t.name)}`));
  showClock(await getJSON('/api/v1/admin/clock'));
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

// Entra's "Enable policy" choices, by Graph state.
const policyStates = [['enabledForReportingButNotEnforced', 'Report-only'], ['enabled', 'On'], ['disabled', 'Off']];

function showPolicies(policies) {
  $('ca-policies').replaceChildren(
    el('p', { class: 'muted', text: policies.length ? 'Conditional Access policies (Enable policy):' : 'No Conditional Access policy.' }),
    ...policies.map((p, i) => el('div', { class: 'ca-policy' },
      el('label', { for: `ca-${i}`, text: p.displayName }),
      el('select', { id: `ca-${i}`, 'data-policy': p.displayName, onchange: (e) => setPolicy(p.displayName, e.target) },
        ...policyStates.map(([value, label]) => el('option', { value, text: label, selected: value === p.state }))))));
}

function setPolicy(name, select) {
  change(`Conditional Access policy ${name}`, async () => {
    const p = await getJSON(`/api/v1/admin/conditional-access/${enc(tenant().name)}/${enc(name)}`,
      { method: 'PATCH', json: { state: select.value } });
    select.value = p.state;
  });
}

function showBasic(b) {
  $('basic-auth-state').value = b.basic_auth;
  $('basic-auth-reenabled').checked = b.basic_auth_reenabled;
  $('basic-auth-reenabled').disabled = b.basic_auth !== 'disabled';
}

function showClock(c) {
  $('clock-now').textContent = `Scenario time: ${new Date(c.now).toLocaleString()} (${c.now})`;
}

// Sixteen lower-case letters, as Entra's app passwords are; shown once, never stored here.
function newAppPassword() {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => letters[b % 26]).join('');
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
  $('mfa-state').value = user.perUserMfaState;
  const n = user.appPasswordCount;
  $('app-passwords').textContent = `${n} app password${n === 1 ? '' : 's'}` +
    (user.perUserMfaState === 'enforced' ? '' : ' (app passwords need per-user MFA enforced)');
  const l = user.lockout;
  $('lockout').textContent = l.locked
    ? `Locked out until ${new Date(l.lockedUntil).toLocaleString()} (${l.lockouts} lockout${l.lockouts === 1 ? '' : 's'})`
    : `Not locked out (${l.lockouts} lockout${l.lockouts === 1 ? '' : 's'} so far)`;
}

async function loadMailbox() {
  $('app-password-new').hidden = true;
  $('app-password-new').textContent = '';
  const address = $('mailbox').value;
  if (!address) {
    return;
  }
  showCas(await getJSON(`/api/v1/admin/cas-mailbox/${enc(address)}`));
  showUser(await getJSON(`/api/v1/admin/users/${enc(address)}`));
  // What the controls show now, for a test (or a script) to wait on.
  $('view-admin').dataset.loaded = `${tenant().name} ${address}`;
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
  $('security-defaults').addEventListener('change', (e) => change('security defaults', async () => {
    const d = await getJSON(`/api/v1/admin/security-defaults/${enc(tenant().name)}`,
      { method: 'PATCH', json: { isEnabled: e.target.value === 'true' } });
    e.target.value = String(d.isEnabled);
  }));
  $('basic-auth-state').addEventListener('change', (e) => change('Basic authentication state', async () =>
    showBasic(await getJSON(`/api/v1/admin/basic-auth/${enc(tenant().name)}`,
      { method: 'PATCH', json: { basic_auth: e.target.value } }))));
  $('basic-auth-reenabled').addEventListener('change', (e) => change('Basic authentication turned back on', async () =>
    showBasic(await getJSON(`/api/v1/admin/basic-auth/${enc(tenant().name)}`,
      { method: 'PATCH', json: { basic_auth_reenabled: e.target.checked } }))));
  $('clock-go').addEventListener('click', () => change(`clock advanced by ${$('clock-advance').value}`, async () =>
    showClock(await getJSON('/api/v1/admin/clock', { method: 'POST', json: { advance: $('clock-advance').value.trim() } }))));
  $('mfa-state').addEventListener('change', (e) => {
    const address = $('mailbox').value;
    change(`per-user MFA for ${address}`, async () =>
      showUser(await getJSON(`/api/v1/admin/users/${enc(address)}`,
        { method: 'PATCH', json: { perUserMfaState: e.target.value } })));
  });
  $('app-password-create').addEventListener('click', () => {
    const address = $('mailbox').value;
    const secret = newAppPassword();
    change(`app password created for ${address}`, async () => {
      showUser(await getJSON(`/api/v1/admin/users/${enc(address)}`,
        { method: 'PATCH', json: { appPasswords: { add: [secret] } } }));
      $('app-password-new').textContent = `New app password (shown once): ${secret}`;
      $('app-password-new').hidden = false;
    });
  });
  $('reset-lockout').addEventListener('click', () => {
    const address = $('mailbox').value;
    change(`lockout reset for ${address}`, async () =>
      showUser(await getJSON(`/api/v1/admin/users/${enc(address)}/reset-lockout`, { method: 'POST' })));
  });
}
