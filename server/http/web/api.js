// Calls to exomock's own API. With --http-token set the page asks for the token
// (kept in sessionStorage for this tab only) and sends it as `Authorization: Bearer`.
const tokenKey = 'exomock-token';

export class Unauthorized extends Error {}

export function token() {
  return sessionStorage.getItem(tokenKey) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(tokenKey, value);
  } else {
    sessionStorage.removeItem(tokenKey);
  }
}

// The fetch Response of PATH; throws Unauthorized on 401 and Error on other failures.
export async function call(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (token()) {
    headers.set('Authorization', 'Bearer ' + token());
  }
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    options = { ...options, body: JSON.stringify(options.json) };
  }
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    throw new Unauthorized('401');
  }
  if (!response.ok) {
    throw new Error(`${options.method || 'GET'} ${path}: ${response.status} ${(await response.text()).trim()}`);
  }
  return response;
}

export async function getJSON(path, options) {
  return (await call(path, options)).json();
}

export async function getText(path) {
  return (await call(path)).text();
}

// The live events (/api/events): ON_EVENT gets each {Type, Data}; reconnects after a drop.
// A browser's WebSocket cannot send an Authorization header, so the token goes as RFC 6750
// section 2.3's access_token query parameter, which the server takes on this route only.
export function listen(onEvent, onState) {
  const query = token() ? '?access_token=' + encodeURIComponent(token()) : '';
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/events' + query;
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => onState('live'));
  socket.addEventListener('message', (e) => {
    try {
      onEvent(JSON.parse(e.data));
    } catch (error) {
      console.error(error);
    }
  });
  socket.addEventListener('close', () => {
    onState('reconnecting');
    setTimeout(() => listen(onEvent, onState), 2000);
  });
}

// A view reloads on navigation, on a filter and on events, and the answers may come back in
// any order: only the newest request's answer is for showing (`current`), so an older one
// that arrives late never overwrites what a newer filter asked for.
export function newestOnly() {
  let made = 0;
  return async (request) => {
    const mine = ++made;
    const answer = await request;
    return { answer, current: mine === made };
  };
}
