// The Reply help view (#/help, #/help/KEY): every explanation of explanations.js, the
// one KEY names marked and scrolled to; Sessions and Sign-ins link here.
import { $, el } from './dom.js';
import { explanations } from './explanations.js';

let param = '';

export function helpLink(explanation) {
  return el('a', { class: 'why-link', href: `#/help/${explanation.key}`, text: `Why: ${explanation.title}` });
}

export function setParam(value) {
  param = value;
}

export async function load() {
  $('help-list').replaceChildren(...explanations.map((e) => el('article', {
    id: 'help-' + e.key,
    class: 'card help' + (e.key === param ? ' chosen' : ''),
    'aria-current': e.key === param ? 'true' : false,
  },
  el('h2', { text: e.title }),
  el('p', {}, el('strong', { text: 'Cause: ' }), e.cause),
  el('p', {}, el('strong', { text: 'Fix: ' }), e.fix))));
  if (param) {
    $('help-' + param)?.scrollIntoView({ block: 'start' });
  }
}

export function setup() {}
