// One email: headers, its class with a one-click correction, text (default), sanitised HTML in
// a sandboxed frame on request, the source, and attachments as downloads.
import * as api from '../api.js';
import {h, linkify, replace} from '../dom.js';
import {CLASSES, bytes, classTitle, fullDate, personFull} from '../format.js';

export async function download(path, filename) {
  const blob = await api.getBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.setAttribute('href', url);  // a blob: URL this page made, not content from the email
  a.setAttribute('download', filename || 'attachment');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function reasonsText(c) {
  if (!c) return 'Not classified yet.';
  const who = c.decided_by === 'human' ? 'you (a person)' : c.decided_by === 'llm' ? 'the language model' :
    c.decided_by === 'rules' ? 'a rule' : 'the local model';
  let text = `Decided by ${who}`;
  if (c.decided_by !== 'human') text += `, ${Math.round((c.confidence || 0) * 100)}% sure`;
  if (c.fallback) text += ' (fallback)';
  const reasons = (c.reasons || []).slice(0, 4).map((r) => r.feature);
  if (reasons.length) text += ` — ${reasons.join(', ')}`;
  if (c.note) text += ` — ${c.note}`;
  return text;
}

export async function render(root, route, app, current) {
  const id = Number(route.args[0]);
  const m = await api.get(`/api/messages/${id}`);
  if (!current()) return;

  const buttons = {};
  const decided = h('span', {class: 'decided'}, reasonsText(m.classification));
  const classbar = h('div', {class: 'classbar', role: 'group', 'aria-label': 'Class'}, h('span', {class: 'classbar-label'}, 'Class'));
  const mark = (cls) => {
    for (const c of CLASSES) {
      buttons[c].classList.toggle('active', c === cls);
      buttons[c].setAttribute('aria-pressed', c === cls ? 'true' : 'false');
    }
  };
  async function setClass(cls) {
    try {
      const r = await api.post(`/api/messages/${id}/label`, {class: cls});
      m.classification = r.classification;
      m.class = cls;
      mark(cls);
      decided.textContent = reasonsText(r.classification);
      app.toast(`Marked as ${classTitle(cls)}`);
    } catch (err) {
      app.toast(err.message, 'error');
    }
  }
  CLASSES.forEach((c, i) => {
    buttons[c] = h('button', {type: 'button', class: ['seg', `seg-${c.toLowerCase()}`], title: `${classTitle(c)} (${i + 1})`,
      on: {click: () => setClass(c)}}, classTitle(c));
    classbar.append(buttons[c]);
  });
  mark(m.class);
  classbar.append(decided);

  const field = (label, value) => value ? [h('dt', null, label), h('dd', null, value)] : [];
  const meta = h('dl', {class: 'meta'},
    field('From', personFull(m.from)),
    field('To', personFull(m.to)),
    field('Cc', personFull(m.cc)),
    field('Reply-To', personFull(m.reply_to)),
    field('Date', fullDate(m.date)),
    h('dt', null, 'Thread'), h('dd', null, h('a', {href: `#/t/${m.thread_id}`, class: 'thread-link'}, 'Open the conversation (t)')));

  const body = h('div', {class: 'message-body'});
  const showText = () => replace(body, h('div', {class: 'plain'}, linkify(m.text || '(no text)')));
  const showHtml = async () => {
    const {url} = await api.get(`/api/messages/${id}/html-url`);
    const frame = h('iframe', {class: 'html-frame', sandbox: '', src: url, title: 'HTML version (sanitised, scripts and remote content blocked)',
      referrerpolicy: 'no-referrer', loading: 'lazy'});
    replace(body, h('div', {class: 'html-note'}, 'HTML version, sanitised: scripts, forms and remote images are blocked.'), frame);
  };
  const showSource = async () => {
    const raw = await api.getText(`/api/messages/${id}/raw`);
    replace(body, h('pre', {class: 'source'}, raw));
  };
  const views = [['Text', showText], ...(m.has_html ? [['HTML', showHtml]] : []), ['Source', showSource]];
  const viewTabs = h('div', {class: 'view-tabs', role: 'tablist'});
  for (const [name, fn] of views) {
    const b = h('button', {type: 'button', class: 'tab', role: 'tab', dataset: {view: name}, on: {click: () => {
      for (const x of viewTabs.children) x.classList.toggle('active', x === b);
      Promise.resolve().then(fn).catch((err) => app.toast(err.message, "error"));
    }}}, name);
    viewTabs.append(b);
  }
  viewTabs.firstChild.classList.add('active');
  showText();

  const atts = m.attachments && m.attachments.length ? h('ul', {class: 'attachments'}, m.attachments.map((a, n) =>
    h('li', null,
      h('span', {class: 'att-name'}, a.filename),
      h('span', {class: 'att-meta'}, `${a.content_type} · ${bytes(a.size)}`),
      h('button', {type: 'button', class: 'button button-quiet', on: {click: () =>
        download(`/api/messages/${id}/attachments/${n}`, a.filename).catch((err) => app.toast(err.message, 'error'))}}, 'Download')))) : null;

  root.append(h('article', {class: 'message'},
    h('div', {class: 'message-head'}, h('h1', {class: 'subject'}, m.subject || '(no subject)'), meta, classbar),
    atts ? h('section', {class: 'attachments-box'}, h('h2', null, `Attachments (${m.attachments.length})`), atts) : null,
    viewTabs, body,
    m.warnings && m.warnings.length ? h('details', {class: 'warnings'}, h('summary', null, `Parser notes (${m.warnings.length})`),
      h('ul', null, m.warnings.map((w) => h('li', null, w)))) : null));

  app.setKeys((e) => {
    const n = ['1', '2', '3'].indexOf(e.key);
    if (n >= 0) {
      setClass(CLASSES[n]);
      return true;
    }
    if (e.key === 't') {
      location.hash = `#/t/${m.thread_id}`;
      return true;
    }
    if (e.key === 'h' && m.has_html) {
      viewTabs.children[1].click();
      return true;
    }
    return false;
  });
}
