// mailsift web UI: the shell (top bar, routes, keyboard, login) and the chat side panel.
import * as api from './api.js';
import {h, replace} from './dom.js';
import {Chat} from './chat.js';
import {searchHelp} from './views/search.js';

const routes = {
  inbox: () => import('./views/inbox.js'),
  search: () => import('./views/search.js'),
  m: () => import('./views/message.js'),
  t: () => import('./views/thread.js'),
  dashboard: () => import('./views/dashboard.js'),
  contacts: () => import('./views/contacts.js'),
  contractors: () => import('./views/contractors.js'),
};

const main = document.getElementById('main');
const searchInput = document.getElementById('search-q');
const helpBox = document.getElementById('search-help');
const loginBox = document.getElementById('login');
const chatBox = document.getElementById('chat');

const app = {
  info: null,
  list: null,       // the RowList of the current view (j / k / Enter)
  keys: null,       // the current view's extra shortcuts: (event) => handled
  chat: null,
  renderId: 0,
  setList(l) { this.list = l; },
  setKeys(fn) { this.keys = fn; },
  toast(text, kind = 'info') {
    const t = h('div', {class: ['toast', `toast-${kind}`], role: 'status'}, text);
    document.getElementById('toasts').append(t);
    setTimeout(() => t.remove(), 4000);
  },
};

// --- login ------------------------------------------------------------------------------------

function showLogin(message) {
  document.body.classList.add('logged-out');
  loginBox.hidden = false;
  const err = document.getElementById('login-error');
  err.textContent = message || '';
  document.getElementById('login-token').focus();
}

document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('login-token');
  const t = input.value.trim();
  if (!t) return;
  try {
    const info = await api.checkToken(t);
    if (!info) return showLogin('That token is not valid. `mailsift token show` prints the current one.');
    api.setToken(t);
    input.value = '';
    start(info);
  } catch (err) {
    showLogin(err.message);
  }
});

api.whenUnauthorized(() => {
  api.setToken('');
  showLogin('Your session ended (the token was rotated?). Paste the current token.');
});

document.getElementById('logout').addEventListener('click', () => {
  api.setToken('');
  showLogin('');
});

// --- routing ----------------------------------------------------------------------------------

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {name: parts[0] || 'inbox', args: parts.slice(1), query: new URLSearchParams(query || '')};
}

async function render() {
  if (!app.info) return;
  const route = parseHash();
  const load = routes[route.name] || routes.inbox;
  const id = ++app.renderId;
  app.list = null;
  app.keys = null;
  for (const a of document.querySelectorAll('.nav a')) {
    a.classList.toggle('active', a.dataset.route === route.name || (route.name === 'm' && a.dataset.route === 'inbox'));
  }
  if (route.name === 'search') searchInput.value = route.query.get('q') || '';
  try {
    const view = await load();
    if (id !== app.renderId) return;
    const container = h('div', {class: 'view'});
    replace(main, container);
    await view.render(container, route, app, () => id === app.renderId);
    if (id === app.renderId) main.focus({preventScroll: true});
  } catch (err) {
    if (id !== app.renderId || err.status === 401) return;
    replace(main, h('div', {class: 'view'}, h('div', {class: 'error-box'}, h('strong', null, 'Could not load this page. '),
      err.message, err.hint ? h('div', {class: 'hint'}, err.hint) : null)));
  }
}

window.addEventListener('hashchange', render);

// --- search box and its help ------------------------------------------------------------------

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = searchInput.value.trim();
  const current = parseHash();
  const params = new URLSearchParams(current.name === 'search' ? current.query : '');
  params.set('q', q);
  location.hash = `#/search?${params}`;
  searchInput.blur();
});

replace(helpBox, searchHelp());
document.getElementById('search-help-toggle').addEventListener('click', (e) => {
  e.stopPropagation();
  helpBox.hidden = !helpBox.hidden;
});
document.addEventListener('click', (e) => {
  if (!helpBox.hidden && !helpBox.contains(e.target)) helpBox.hidden = true;
});

// --- keyboard ---------------------------------------------------------------------------------

const shortcuts = document.getElementById('shortcuts');

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || !app.info) return;
  const t = e.target;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  if (e.key === 'Escape') {
    helpBox.hidden = true;
    shortcuts.hidden = true;
    if (typing) t.blur();
    return;
  }
  if (typing) return;
  if (e.key === '/') {
    e.preventDefault();
    searchInput.focus();
    searchInput.select();
    return;
  }
  if (e.key === '?') {
    shortcuts.hidden = !shortcuts.hidden;
    return;
  }
  if (app.keys && app.keys(e)) {
    e.preventDefault();
    return;
  }
  if (app.list && app.list.key(e)) {
    e.preventDefault();
    return;
  }
  const jumps = {i: '#/inbox', d: '#/dashboard', p: '#/contacts', r: '#/contractors'};
  if (jumps[e.key]) {
    location.hash = jumps[e.key];
  } else if (e.key === 'a') {
    e.preventDefault();
    app.chat.open(true);
  } else if (e.key === 'u') {
    history.back();
  }
});

// --- start ------------------------------------------------------------------------------------

function start(info) {
  app.info = info;
  loginBox.hidden = true;
  document.body.classList.remove('logged-out');
  if (!app.chat) {
    app.chat = new Chat(chatBox, app);
    document.getElementById('chat-toggle').addEventListener('click', () => app.chat.toggle());
  }
  render();
}

async function boot() {
  // A link like http://127.0.0.1:8025/#token=... logs in once; the token leaves the address bar.
  const m = location.hash.match(/^#token=([^&]+)/);
  if (m) {
    api.setToken(decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + '#/inbox');
  }
  if (!api.token()) return showLogin('');
  try {
    const info = await api.checkToken(api.token());
    if (!info) {
      api.setToken('');
      return showLogin('');
    }
    start(info);
  } catch (err) {
    showLogin(err.message);
  }
}

boot();
