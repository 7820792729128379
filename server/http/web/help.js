// The Reply help view (#/help, #/help/LINE): what a reply means, its causes, Exchange's AUTH
// checks with the ones that give it, and the admin's fix, from GET /api/v1/explain (the
// server's explanations, beside its reply catalogue: the same text `exomock explain`
// prints, kept in that one place). Sessions and Sign-ins link here with the reply line.
import { getJSON, newestOnly } from './api.js';
import { $, el } from './dom.js';

let param = '';
const newest = newestOnly();

// A failure reply (4xx, 5xx) links to its explanation; anything else has none.
export function isFailure(line) {
  return /^[45]\d\d[ -]/.test(line || '');
}

// "Why: 535 5.7.139" for LINE, pointing at its explanation.
export function helpLink(line) {
  const [code, status] = line.split(/[ -]/);
  const name = /^\d\.\d+\.\d+$/.test(status || '') ? `${code} ${status}` : code;
  return el('a', { class: 'why-link', href: `#/help/${encodeURIComponent(line)}`, text: `Why: ${name}` });
}

export function setParam(value) {
  param = value;
}

export async function load() {
  $('explain-line').value = param;
  if (!param) {
    $('help-result').replaceChildren(el('p', { class: 'muted', text: 'Paste a reply line from a device\'s log, or follow a "Why" link from Sessions or Sign-ins.' }));
    return;
  }
  const { answer, current } = await newest(getJSON('/api/v1/explain?line=' + encodeURIComponent(param)));
  if (!current) {
    return;
  }
  if (answer.replies.length === 0) {
    $('help-result').replaceChildren(el('p', { text: 'exomock does not know this reply.' }));
    return;
  }
  $('help-result').replaceChildren(...answer.replies.map(explanation));
}

function list(tag, items) {
  return el(tag, {}, ...items.map((item) => el('li', { text: item })));
}

function explanation(r) {
  const parts = [
    el('h2', { class: 'help-reply', text: `${r.code} ${r.text}` }),
    el('p', { class: 'help-meaning', text: r.meaning }),
  ];
  if (r.causes.length) {
    parts.push(el('h3', { text: 'Possible causes' }), list('ul', r.causes));
  }
  if (r.checks.length) {
    parts.push(el('h3', { text: 'Exchange\'s AUTH checks, in order (those that give this reply marked)' }),
      el('ol', {}, ...r.checks.map((c) => el('li', { class: c.gives_this_reply ? 'gives' : 'muted' },
        c.gives_this_reply ? el('strong', { text: `${c.name} (gives this reply)` }) : c.name))));
  }
  if (r.fix.length) {
    parts.push(el('h3', { text: 'What the admin does' }), list('ul', r.fix));
  }
  if (r.cases.length) {
    parts.push(el('p', { class: 'muted', text: `Reproduce it: exomock serve --case ${r.cases.join(' or --case ')}` }));
  }
  return el('article', { class: 'card help' }, ...parts);
}

export function setup() {
  $('explain').addEventListener('submit', (e) => {
    e.preventDefault();
    const line = $('explain-line').value.trim();
    location.hash = line ? `#/help/${encodeURIComponent(line)}` : '#/help';
  });
}
