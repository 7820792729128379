// The Sessions view: the sessions open now (GET /api/v1/sessions/live, looked at every
// second while the view is shown: a session's start and steps send no event; the open one
// with its transcript so far), the
// finished ones (GET /api/v1/sessions, newest first, marked by outcome, reloaded on each
// `session` event), and one session's redacted transcript (GET /api/v1/session/{SID}) with
// the explanation of the refusal that ended it. #/sessions/SID opens SID.
import { Unauthorized, getJSON, newestOnly } from './api.js';
import { $, el, when } from './dom.js';
import { helpLink, isFailure } from './help.js';

const livePeriod = 1000;
let openId = null;
let liveIds = new Set();
let timer = null;
const newest = newestOnly();
const newestLive = newestOnly();
const newestShown = newestOnly();

export function setParam(value) {
  if (value) {
    openId = value;
  }
}

export async function load() {
  await loadLive();
  const outcome = $('session-outcome').value;
  const { answer, current } =
    await newest(getJSON('/api/v1/sessions?limit=100' + (outcome ? '&outcome=' + encodeURIComponent(outcome) : '')));
  if (!current) {
    return;
  }
  $('session-list').replaceChildren(...answer.sessions.map(row));
  if (openId) {
    await show(openId);
  }
  if (timer === null) {
    timer = setInterval(tick, livePeriod);
  }
}

// Stops looking once the view is hidden; load() starts again when it is shown.
async function tick() {
  if ($('view-sessions').hidden) {
    clearInterval(timer);
    timer = null;
    return;
  }
  try {
    const before = liveIds;
    await loadLive();
    // The open session just finished: show its stored transcript.
    if (openId && before.has(openId) && !liveIds.has(openId)) {
      await load();
    }
  } catch (error) {
    console.error(error);
  }
}

async function loadLive() {
  const { answer: live, current } = await newestLive(getJSON('/api/v1/sessions/live'));
  if (!current) {
    return;
  }
  liveIds = new Set(live.sessions.map((s) => s.ID));
  $('live-count').textContent = `(${live.count})`;
  $('live-list').replaceChildren(...live.sessions.map(liveRow));
  if (live.sessions.length === 0) {
    $('live-list').replaceChildren(el('li', { class: 'muted', text: 'No SMTP session is open.' }));
  }
  if (openId && liveIds.has(openId)) {
    await showLive(openId);
  }
}

function liveRow(s) {
  return el('li', {}, el('button', {
    type: 'button',
    class: 'outcome-live',
    'data-id': s.ID,
    'aria-current': s.ID === openId ? 'true' : 'false',
    onclick: () => go(s.ID),
  },
  el('div', { class: 'subject', text: `${s.State}: ${s.Login || 'no login'}` }),
  el('div', { class: 'from', text: `${s.Listener} from ${s.ClientIP}:${s.ClientPort}, ${s.TLSVersion || 'no TLS'}, ${s.Messages} message${s.Messages === 1 ? '' : 's'}` }),
  el('div', { class: 'when', text: `since ${when(s.Started)}` })));
}

function row(s) {
  return el('li', {}, el('button', {
    type: 'button',
    class: 'outcome-' + (s.Outcome || 'unknown'),
    'data-id': s.ID,
    'aria-current': s.ID === openId ? 'true' : 'false',
    onclick: () => go(s.ID),
  },
  el('div', { class: 'subject', text: `${s.Outcome || 'unknown'}: ${s.Login || 'no login'}` }),
  el('div', { class: 'from', text: `${s.Listener} from ${s.ClientIP}, ${s.TLSVersion || 'no TLS'}, ${s.Messages} message${s.Messages === 1 ? '' : 's'}` }),
  el('div', { class: 'when', text: when(s.Started) })));
}

// Through the hash, so the open session is a link (a message's Session links here too).
function go(id) {
  const hash = `#/sessions/${encodeURIComponent(id)}`;
  if (location.hash === hash) {
    show(id);
  } else {
    location.hash = hash;
  }
}

// An open session with its transcript so far (GET /api/v1/sessions/live/{SID}).
async function showLive(id) {
  const { answer: s, current } = await newestShown(getJSON(`/api/v1/sessions/live/${encodeURIComponent(id)}`)
    .catch((error) => {
      if (error instanceof Unauthorized) {
        throw error;
      }
      return null; // it ended meanwhile: the next look shows it among the finished
    }));
  if (!current || !s) {
    return;
  }
  $('s-title').textContent = `Session ${s.ID} (open: ${s.State})`;
  $('s-facts').textContent = `${s.Listener} from ${s.ClientIP}:${s.ClientPort}` +
    `${s.Hello ? `, EHLO ${s.Hello}` : ''}, ${s.TLSVersion || 'no TLS'}, ${s.Login ? `signed in as ${s.Login}` : 'not signed in'}` +
    `${s.AuthRefusals ? `, ${s.AuthRefusals} AUTH refused` : ''}, since ${when(s.Started)}`;
  $('s-why').hidden = true;
  $('s-lines').replaceChildren(...s.Lines.map(line),
    el('div', { class: 'note', text: '(open: more lines as the session goes on)' }));
  $('session').hidden = false;
}

// The prefixes of the stored transcript: C: client, S: server, "*  " exomock's notes.
const prefixes = { C: 'C: ', S: 'S: ', '*': '*  ' };

function line(l) {
  return el('div', { class: l.Direction === '*' ? 'note' : l.Direction, text: (prefixes[l.Direction] || '') + l.Text });
}

async function show(id) {
  openId = id;
  for (const button of document.querySelectorAll('#view-sessions button[data-id]')) {
    button.setAttribute('aria-current', String(button.dataset.id === id));
  }
  if (liveIds.has(id)) {
    await newestShown(Promise.resolve(null)); // an older show() still on its way is not for showing
    return; // loadLive() shows it
  }
  const { answer: s, current } =
    await newestShown(getJSON(`/api/v1/session/${encodeURIComponent(id)}`).catch((error) => {
      if (error instanceof Unauthorized) {
        throw error;
      }
      return null; // not indexed yet (its `session` event reloads the view), or no such session
    }));
  if (!current) {
    return;
  }
  if (!s) {
    $('s-title').textContent = `Session ${id}`;
    $('s-facts').textContent = 'Not stored yet, or no such session.';
    $('s-why').hidden = true;
    $('s-lines').replaceChildren();
    $('session').hidden = false;
    return;
  }
  $('s-title').textContent = `Session ${s.ID} (${s.Outcome || 'unknown'})`;
  $('s-facts').textContent = `${s.Listener} from ${s.ClientIP}:${s.ClientPort}, ${s.TLSVersion || 'no TLS'}, ` +
    `${s.Login ? `signed in as ${s.Login}` : 'not signed in'}, ${when(s.Started)} to ${when(s.Ended)}`;
  $('s-lines').replaceChildren(...s.Lines.map(line));
  // The last refusal the server sent links to its explanation.
  const refusals = s.Lines.filter((l) => l.Direction === 'S' && isFailure(l.Text));
  const why = refusals[refusals.length - 1];
  $('s-why').hidden = !why;
  $('s-why').replaceChildren(...(why ? [helpLink(why.Text)] : []));
  $('session').hidden = false;
}

export function setup() {
  $('session-outcome').addEventListener('change', () => load());
}
