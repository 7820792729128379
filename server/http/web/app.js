// The page's entry: the views by URL hash (#/messages, #/signins, #/sessions[/SID], #/admin,
// #/help[/KEY]), the login form when the API answers 401, the live events and the colour scheme.
import { Unauthorized, listen, setToken, token } from './api.js';
import { $ } from './dom.js';
import * as admin from './admin.js';
import * as help from './help.js';
import * as messages from './messages.js';
import * as sessions from './sessions.js';
import * as signins from './signins.js';

const views = { messages, signins, sessions, admin, help };

// The view of the hash, and what follows its name ("#/sessions/SID": "SID").
function route() {
  const [name, ...rest] = location.hash.replace(/^#\//, '').split('/');
  return name in views ? { name, param: decodeURIComponent(rest.join('/')) } : { name: 'messages', param: '' };
}

function current() {
  return route().name;
}

async function show() {
  const { name, param } = route();
  views[name].setParam?.(param);
  for (const view of Object.keys(views)) {
    $('view-' + view).hidden = view !== name;
    const link = document.querySelector(`nav a[data-view="${view}"]`);
    if (view === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  await guarded(() => views[name].load());
}

// Runs a load; a 401 hides the views and asks for the token instead.
async function guarded(load) {
  try {
    await load();
  } catch (error) {
    if (error instanceof Unauthorized) {
      askForToken();
    } else {
      console.error(error);
      $('live').textContent = error.message;
    }
  }
}

function askForToken() {
  $('views').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = token() ? 'That token was refused.' : '';
  $('token').focus();
}

function setTheme(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  $('theme').setAttribute('aria-pressed', String(dark));
  $('theme').textContent = dark ? 'Light' : 'Dark';
  localStorage.setItem('exomock-theme', dark ? 'dark' : 'light');
}

let started = false;

// The events, with the token (if any) in the socket's URL; see api.js.
function startLive() {
  if (started) {
    return;
  }
  started = true;
  listen((event) => {
    messages.onEvent(event);
    if (event.Type === 'signin' && current() === 'signins') {
      guarded(() => signins.load());
    }
    if (event.Type === 'session' && current() === 'sessions') {
      guarded(() => sessions.load());
    }
  }, (state) => { $('live').textContent = state; });
}

async function start() {
  const saved = localStorage.getItem('exomock-theme');
  setTheme(saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);
  $('theme').addEventListener('click', () => setTheme(document.documentElement.dataset.theme !== 'dark'));
  for (const view of Object.values(views)) {
    view.setup();
  }
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    setToken($('token').value);
    $('login-error').textContent = '';
    $('login').hidden = true;
    $('views').hidden = false;
    await show();
    if ($('login').hidden) {
      startLive();
    }
  });
  window.addEventListener('hashchange', show);
  await show();
  if ($('login').hidden) {
    startLive();
  }
}

start();
