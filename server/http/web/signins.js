// The Sign-ins view: Graph's /v1.0/auditLogs/signIns as Entra's sign-in log shows
// it. The user filter is Graph's own $filter (startswith on userPrincipalName);
// Graph's subset here has no "errorCode ne 0", so the status filter is the page's.
// Beside each row, the SMTP reply its client got and its session, from
// /api/v1/signins/replies (the same query, the same rows).
import { getJSON, newestOnly } from './api.js';
import { $, el, when } from './dom.js';
import { helpLink, isFailure } from './help.js';

function odataString(text) {
  return "'" + text.replaceAll("'", "''") + "'";
}

export async function load() {
  const user = $('signin-user').value.trim();
  let path = graphPath + '?$top=200';
  if (user) {
    path += '&$filter=' + encodeURIComponent(`startswith(userPrincipalName,${odataString(user)})`);
  }
  const status = $('signin-status').value;
  const { answer: [graph, smtp], current } =
    await newest(Promise.all([getJSON(path), getJSON(path.replace(graphPath, repliesPath))]));
  if (!current) {
    return;
  }
  const sides = new Map(smtp.value.map((r) => [r.id, r]));
  const rows = graph.value.filter((s) =>
    status === '' || (status === 'success') === (s.status.errorCode === 0));
  $('signin-table').tBodies[0].replaceChildren(...rows.map((s) => row(s, sides.get(s.id))));
}

const graphPath = '/v1.0/auditLogs/signIns';
const newest = newestOnly();
const repliesPath = '/api/v1/signins/replies';

// The reply line(s) the client got, its explanation and its session; a token request
// (no SMTP client) has none.
function smtpCell(s, side) {
  if (s.clientAppUsed !== 'Authenticated SMTP') {
    return el('td', {});
  }
  if (!side || !side.smtpReply) {
    // A fault rule closed or stalled instead, or a row stored before replies were kept.
    return el('td', { class: 'muted', text: '(no reply recorded)' });
  }
  return el('td', { class: 'smtp-reply' },
    el('code', { text: side.smtpReply }),
    ...(isFailure(side.smtpReply) ? [el('br'), helpLink(side.smtpReply)] : []),
    el('br'),
    el('a', { href: `#/sessions/${encodeURIComponent(side.sessionId)}`, text: `Session ${side.sessionId}` }));
}

function row(s, side) {
  const ok = s.status.errorCode === 0;
  return el('tr', { 'data-id': s.id },
    el('td', { text: when(s.createdDateTime) }),
    el('td', { text: s.userDisplayName ? `${s.userDisplayName} (${s.userPrincipalName})` : s.userPrincipalName }),
    el('td', { text: s.appDisplayName || '' }),
    el('td', { text: s.clientAppUsed || '' }),
    el('td', { text: s.ipAddress || '' }),
    el('td', { class: ok ? 'status-success' : 'status-failure', text: ok ? 'Success' : 'Failure' }),
    el('td', { text: String(s.status.errorCode) }),
    el('td', { text: s.status.failureReason || '' }),
    smtpCell(s, side));
}

export function setup() {
  $('signin-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('signin-status').addEventListener('change', () => load());
}
