// The Messages view: Mailpit's list and search (newest first), kept current by the
// live events, and one message's HTML, text, headers, raw source and attachments.
import { call, getJSON, getText, newestOnly } from './api.js';
import { $, el, person, when } from './dom.js';

const pageSize = 100;
let messages = [];
let total = 0;
let query = '';
let openId = null;
const newest = newestOnly();

// The HTML body in a sandboxed iframe (no scripts, an opaque origin); a CSP put first
// in its document blocks remote content (images, styles, fonts) as well.
const bodyPolicy = "default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'";

export async function load() {
  const path = query
    ? `/api/v1/search?query=${encodeURIComponent(query)}&limit=${pageSize}`
    : `/api/v1/messages?limit=${pageSize}`;
  const { answer, current } = await newest(getJSON(path));
  if (!current) {
    return;
  }
  messages = answer.messages || [];
  total = query ? answer.messages_count : answer.total;
  render();
}

function render() {
  const list = $('message-list');
  list.replaceChildren(...messages.map(row));
  $('count').textContent = query
    ? `${total} matching "${query}"`
    : `${total} message${total === 1 ? '' : 's'}`;
}

function row(m) {
  const button = el('button', {
    type: 'button',
    'data-id': m.ID,
    'aria-current': m.ID === openId ? 'true' : 'false',
    onclick: () => open(m.ID),
  },
  el('div', { class: 'from', text: person(m.From) }),
  el('div', { class: 'subject', text: m.Subject || '(no subject)' }),
  el('div', { class: 'snippet', text: m.Snippet || '' }),
  el('div', { class: 'when', text: when(m.Created) }));
  return el('li', { class: m.Read ? 'read' : 'unread' }, button);
}

// What a live event means for the list.
export function onEvent(event) {
  switch (event.Type) {
    case 'new':
      if (query) {
        load();  // whether it matches is the server's to say
      } else {
        messages.unshift(event.Data);
        messages = messages.slice(0, pageSize);
        total += 1;
        render();
      }
      break;
    case 'delete':
      messages = messages.filter((m) => m.ID !== event.Data.ID);
      total = Math.max(0, total - 1);
      render();
      break;
    case 'update':
      for (const m of messages) {
        if (m.ID === event.Data.ID && 'Read' in event.Data) {
          m.Read = event.Data.Read;
        }
      }
      render();
      break;
    case 'prune':
      load();
      break;
    case 'truncate':
      messages = [];
      total = 0;
      closeMessage();
      render();
      break;
    default:
      break;
  }
}

function closeMessage() {
  openId = null;
  $('message').hidden = true;
}

async function open(id) {
  openId = id;
  render();
  const m = await getJSON(`/api/v1/message/${encodeURIComponent(id)}`);
  $('m-subject').textContent = m.Subject || '(no subject)';
  const summary = [
    ['From', person(m.From)],
    ['To', (m.To || []).map(person).join(', ')],
    ['Cc', (m.Cc || []).map(person).join(', ')],
    ['Date', when(m.Date)],
    ['Message-ID', m.MessageID],
  ].filter(([, value]) => value);
  const rows = summary.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]);
  // The SMTP session that carried it (exomock's /smtp facts): its transcript, in Sessions.
  const smtp = await getJSON(`/api/v1/message/${encodeURIComponent(id)}/smtp`);
  if (smtp.SessionID) {
    rows.push(el('dt', { text: 'Session' }), el('dd', {},
      el('a', { id: 'm-session', href: `#/sessions/${encodeURIComponent(smtp.SessionID)}`, text: smtp.SessionID })));
  }
  $('m-summary').replaceChildren(...rows);
  $('tab-text').textContent = m.Text || '';
  const headers = await getJSON(`/api/v1/message/${encodeURIComponent(id)}/headers`);
  $('tab-headers').tBodies[0].replaceChildren(...Object.entries(headers).flatMap(([name, values]) =>
    values.map((v) => el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: v })))));
  $('tab-raw').textContent = await getText(`/api/v1/message/${encodeURIComponent(id)}/raw`);
  const frame = $('m-html');
  if (m.HTML) {
    const html = await getText(`/view/${encodeURIComponent(id)}.html`);
    frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="${bodyPolicy}">` + html;
  } else {
    frame.srcdoc = '<p style="font-family:sans-serif;color:#666">This message has no HTML part.</p>';
  }
  const parts = [...(m.Attachments || []), ...(m.Inline || [])];
  $('m-attachments').replaceChildren(...parts.map((a) => el('li', {},
    el('button', { type: 'button', onclick: () => download(id, a), text: `${a.FileName || a.PartID} (${a.ContentType}, ${a.Size} bytes)` }))));
  $('message').hidden = false;
  showTab(m.HTML ? 'html' : 'text');
}

// Fetched with the token (a plain link could not carry it), then saved.
async function download(id, part) {
  const blob = await (await call(`/api/v1/message/${encodeURIComponent(id)}/part/${encodeURIComponent(part.PartID)}`)).blob();
  const link = el('a', { href: URL.createObjectURL(blob), download: part.FileName || `part-${part.PartID}` });
  link.click();
  URL.revokeObjectURL(link.href);
}

function showTab(name) {
  for (const tab of document.querySelectorAll('.tabs [role="tab"]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    $('tab-' + tab.dataset.tab).hidden = !selected;
  }
}

export function setup() {
  $('search').addEventListener('submit', (e) => {
    e.preventDefault();
    query = $('query').value.trim();
    load();
  });
  for (const tab of document.querySelectorAll('.tabs [role="tab"]')) {
    tab.addEventListener('click', () => showTab(tab.dataset.tab));
  }
}
