// The Sign-ins view: Graph's /v1.0/auditLogs/signIns as Entra's sign-in log shows
// it. The user filter is Graph's own $filter (startswith on userPrincipalName);
// Graph's subset here has no "errorCode ne 0", so the status filter is the page's.
import { getJSON } from './api.js';
import { $, el, when } from './dom.js';

function odataString(text) {
  return "'" + text.replaceAll("'", "''") + "'";
}

export async function load() {
  const user = $('signin-user').value.trim();
  let path = '/v1.0/auditLogs/signIns?$top=200';
  if (user) {
    path += '&$filter=' + encodeURIComponent(`startswith(userPrincipalName,${odataString(user)})`);
  }
  const status = $('signin-status').value;
  const rows = (await getJSON(path)).value.filter((s) =>
    status === '' || (status === 'success') === (s.status.errorCode === 0));
  $('signin-table').tBodies[0].replaceChildren(...rows.map(row));
}

function row(s) {
  const ok = s.status.errorCode === 0;
  return el('tr', { 'data-id': s.id },
    el('td', { text: when(s.createdDateTime) }),
    el('td', { text: s.userDisplayName ? `${s.userDisplayName} (${s.userPrincipalName})` : s.userPrincipalName }),
    el('td', { text: s.appDisplayName || '' }),
    el('td', { text: s.clientAppUsed || '' }),
    el('td', { text: s.ipAddress || '' }),
    el('td', { class: ok ? 'status-success' : 'status-failure', text: ok ? 'Success' : 'Failure' }),
    el('td', { text: String(s.status.errorCode) }),
    el('td', { text: s.status.failureReason || '' }));
}

export function setup() {
  $('signin-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('signin-status').addEventListener('change', () => load());
}
