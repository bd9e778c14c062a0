// The mailsift HTTP API: bearer-token requests, JSON errors, and the chat's event stream.

const TOKEN_KEY = 'mailsift.token';

export function token() {
  return localStorage.getItem(TOKEN_KEY) || '';
}
export function setToken(t) {
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, code, message, hint) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint || '';
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

function headers(extra) {
  return Object.assign({Authorization: `Bearer ${token()}`}, extra || {});
}

async function failure(res) {
  let code = 'error', message = `HTTP ${res.status}`, hint = '';
  try {
    const body = await res.json();
    if (body && body.error) ({code, message, hint} = body.error);
  } catch (_) { /* not JSON */ }
  if (res.status === 401) onUnauthorized();
  return new ApiError(res.status, code, message, hint);
}

export async function get(path, params) {
  const qs = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined && v !== null)) : '';
  const res = await fetch(path + qs, {headers: headers(), cache: 'no-store'});
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function getText(path) {
  const res = await fetch(path, {headers: headers(), cache: 'no-store'});
  if (!res.ok) throw await failure(res);
  return res.text();
}

export async function getBlob(path) {
  const res = await fetch(path, {headers: headers(), cache: 'no-store'});
  if (!res.ok) throw await failure(res);
  return res.blob();
}

export async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({'Content-Type': 'application/json'}),
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return res.json();
}

// Checks a token without keeping it: true when the server accepts it.
export async function checkToken(t) {
  const res = await fetch('/api/info', {headers: {Authorization: `Bearer ${t}`}, cache: 'no-store'});
  if (res.status === 401) return null;
  if (!res.ok) throw await failure(res);
  return res.json();
}

// POST /api/chat and call onEvent(type, data) for each server-sent event as it arrives.
// Resolves when the stream ends; abort with the signal (the server then stops the model).
export async function chatStream(messages, onEvent, signal) {
  const res = await fetch('/api/chat', {
    method: 'POST',
    headers: headers({'Content-Type': 'application/json', Accept: 'text/event-stream'}),
    body: JSON.stringify({messages}),
    signal,
  });
  if (!res.ok) throw await failure(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, {stream: true});
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      dispatch(block, onEvent);
    }
  }
  if (buffer.trim()) dispatch(buffer, onEvent);
}

function dispatch(block, onEvent) {
  let type = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;  // comments: keep-alives
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  let parsed;
  try {
    parsed = JSON.parse(data.join('\n'));
  } catch (_) {
    return;
  }
  onEvent(parsed.type || type, parsed);
}
