// The Sessions view: finished SMTP sessions (GET /api/v1/sessions, newest first),
// marked by outcome, and one session's redacted transcript (GET /api/v1/session/{SID}).
import { getJSON } from './api.js';
import { $, el, when } from './dom.js';

let openId = null;

export async function load() {
  const outcome = $('session-outcome').value;
  const answer = await getJSON('/api/v1/sessions?limit=100' + (outcome ? '&outcome=' + encodeURIComponent(outcome) : ''));
  $('session-list').replaceChildren(...answer.sessions.map(row));
}

function row(s) {
  return el('li', {}, el('button', {
    type: 'button',
    class: 'outcome-' + (s.Outcome || 'unknown'),
    'data-id': s.ID,
    'aria-current': s.ID === openId ? 'true' : 'false',
    onclick: () => open(s.ID),
  },
  el('div', { class: 'subject', text: `${s.Outcome || 'unknown'}: ${s.Login || 'no login'}` }),
  el('div', { class: 'from', text: `${s.Listener} from ${s.ClientIP}, ${s.TLSVersion || 'no TLS'}, ${s.Messages} message${s.Messages === 1 ? '' : 's'}` }),
  el('div', { class: 'when', text: when(s.Started) })));
}

// The prefixes of the stored transcript: C: client, S: server, "*  " exomock's notes.
const prefixes = { C: 'C: ', S: 'S: ', '*': '*  ' };

async function open(id) {
  openId = id;
  const s = await getJSON(`/api/v1/session/${encodeURIComponent(id)}`);
  $('s-title').textContent = `Session ${s.ID} (${s.Outcome || 'unknown'})`;
  $('s-lines').replaceChildren(...s.Lines.map((l) =>
    el('div', { class: l.Direction === '*' ? 'note' : l.Direction, text: (prefixes[l.Direction] || '') + l.Text })));
  $('session').hidden = false;
  await load();
}

export function setup() {
  $('session-outcome').addEventListener('change', () => load());
}
