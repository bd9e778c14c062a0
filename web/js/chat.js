// The chat side panel: questions in, answers streamed as they are written, each tool call
// shown as it happens, citations linking to emails and contractors.
//
// No layout jumps while streaming: the panel has a fixed width, text is appended to one text
// node, tool calls are added above the answer, and the view follows the bottom only when the
// reader is already there.
import * as api from './api.js';
import {h, replace} from './dom.js';

const TOOL_TITLES = {
  searchEmails: 'Searching mail',
  getEmail: 'Reading email',
  getThread: 'Reading conversation',
  searchContractors: 'Searching contractors',
  getContractorDetail: 'Reading contractor',
  getContact: 'Looking up contact',
};

// Splits answer text into text and citation links: [email:12], [email 12, 14], [contractor:C-0042].
export function withCitations(text, cited) {
  const out = [];
  const re = /\[((?:emails?|contractors?|id)[:\s#]*[A-Za-z0-9_-]+(?:\s*[,;]\s*(?:(?:emails?|contractors?|id)[:\s#]*)?[A-Za-z0-9_-]+)*)\]/gi;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const refs = [];
    let kind = 'email';
    for (const part of m[1].split(/[,;]/)) {
      const pm = part.trim().match(/^(?:(emails?|contractors?|id)[:\s#]*)?([A-Za-z0-9_-]+)$/i);
      if (!pm) continue;
      if (pm[1]) kind = /^contractor/i.test(pm[1]) ? 'contractor' : 'email';
      const id = pm[2];
      if (kind === 'email' && !/^\d+$/.test(id)) continue;
      refs.push({kind, id});
    }
    if (!refs.length) {
      out.push(m[0]);
    } else {
      out.push(h('span', {class: 'cites'}, refs.map((r) => {
        cited.push(r);
        return h('a', {class: ['cite', `cite-${r.kind}`], href: r.kind === 'email' ? `#/m/${r.id}` : `#/contractors/${encodeURIComponent(r.id)}`,
          title: r.kind === 'email' ? `Email ${r.id}` : `Contractor ${r.id}`}, r.kind === 'email' ? `#${r.id}` : r.id);
      })));
    }
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function summarizeInput(input) {
  if (!input || typeof input !== 'object') return '';
  return Object.entries(input).filter(([, v]) => v !== '' && v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? `“${v}”` : JSON.stringify(v)}`).join(', ');
}

function summarizeOutput(output, isError) {
  if (isError) return 'failed';
  let data = output;
  if (typeof output === 'string') {
    // Tool output reaches the model fenced as untrusted data: <untrusted-data ...>\n{json}\n</untrusted-data ...>
    const fenced = output.match(/^<untrusted-data[^>]*>\n([\s\S]*)\n<\/untrusted-data[^>]*>\s*$/);
    try {
      data = JSON.parse(fenced ? fenced[1] : output);
    } catch (_) {
      return 'done';
    }
  }
  for (const key of ['hits', 'results', 'emails', 'contractors', 'messages']) {
    if (data && Array.isArray(data[key])) return `${data[key].length} found`;
  }
  if (Array.isArray(data)) return `${data.length} found`;
  return 'done';
}

export class Chat {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.history = [];
    this.abort = null;
    this.log = h('div', {class: 'chat-log', 'aria-live': 'polite'});
    this.input = h('textarea', {class: 'chat-input', rows: '2', placeholder: 'Ask about your mail…  (Enter to send)', 'aria-label': 'Question'});
    this.send = h('button', {type: 'submit', class: 'button button-primary'}, 'Ask');
    this.stop = h('button', {type: 'button', class: 'button button-quiet', hidden: true, on: {click: () => this.cancel()}}, 'Stop');
    const provider = app.info.chat && app.info.chat.provider ? app.info.chat.provider : 'offline';
    this.form = h('form', {class: 'chat-form', on: {submit: (e) => {
      e.preventDefault();
      this.ask();
    }}}, this.input, h('div', {class: 'chat-actions'}, h('span', {class: 'muted chat-model'}, `Model: ${provider}`), this.stop, this.send));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.ask();
      }
    });
    replace(root,
      h('div', {class: 'chat-head'}, h('h2', null, 'Ask'),
        h('button', {type: 'button', class: 'button button-quiet', title: 'Start over', on: {click: () => this.reset()}}, 'New'),
        h('button', {type: 'button', class: 'icon-button', title: 'Close (Esc)', 'aria-label': 'Close chat', on: {click: () => this.toggle(false)}}, '×')),
      this.log, this.form);
    this.reset();
  }

  toggle(force) {
    const show = force === undefined ? this.root.hidden : force;
    this.root.hidden = !show;
    document.body.classList.toggle('chat-open', show);
    if (show) this.input.focus();
  }

  open(focus) {
    this.toggle(true);
    if (focus) this.input.focus();
  }

  reset() {
    this.cancel();
    this.history = [];
    replace(this.log, h('div', {class: 'chat-empty muted'},
      h('p', null, 'Ask a question about the mail. Answers cite the emails they use.'),
      h('p', null, 'For example: ', h('em', null, 'Which contractors wrote to us about late payment?'))));
  }

  cancel() {
    if (this.abort) this.abort.abort();
  }

  atBottom() {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 40;
  }

  follow(wasAtBottom) {
    if (wasAtBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  async ask() {
    const question = this.input.value.trim();
    if (!question || this.abort) return;
    this.input.value = '';
    if (!this.history.length) this.log.replaceChildren();
    this.history.push({role: 'user', content: question});
    this.log.append(h('div', {class: 'turn turn-user'}, question));

    const tools = h('ol', {class: 'tools'});
    const textNode = document.createTextNode('');
    const answer = h('div', {class: 'answer streaming'}, textNode);
    const sources = h('div', {class: 'sources'});
    const status = h('div', {class: 'turn-status muted'}, 'Thinking…');
    const turn = h('div', {class: 'turn turn-assistant'}, tools, answer, sources, status);
    this.log.append(turn);
    this.follow(true);

    const calls = new Map();
    let text = '';
    let failed = null;
    this.abort = new AbortController();
    this.send.disabled = true;
    this.stop.hidden = false;
    try {
      await api.chatStream(this.history, (type, ev) => {
        const bottom = this.atBottom();
        if (type === 'text-delta') {
          text += ev.text || '';
          textNode.appendData(ev.text || '');
          status.textContent = '';
        } else if (type === 'tool-call') {
          const state = h('span', {class: 'tool-state'}, '…');
          const li = h('li', {class: 'tool running'},
            h('span', {class: 'tool-name'}, TOOL_TITLES[ev.name] || ev.name),
            h('span', {class: 'tool-args'}, summarizeInput(ev.input)), state);
          calls.set(ev.id, {li, state});
          tools.append(li);
          status.textContent = `${TOOL_TITLES[ev.name] || ev.name}…`;
        } else if (type === 'tool-result') {
          const c = calls.get(ev.id);
          if (c) {
            c.li.classList.remove('running');
            c.li.classList.toggle('failed', !!ev.isError);
            c.state.textContent = summarizeOutput(ev.output, ev.isError);
          }
          status.textContent = 'Thinking…';
        } else if (type === 'error') {
          failed = ev;
        } else if (type === 'finish') {
          status.textContent = '';
        }
        this.follow(bottom);
      }, this.abort.signal);
    } catch (err) {
      if (err.name === 'AbortError') failed = {message: 'Stopped.'};
      else failed = {message: err.message, hint: err.hint};
    } finally {
      this.abort = null;
      this.send.disabled = false;
      this.stop.hidden = true;
    }
    const bottom = this.atBottom();
    answer.classList.remove('streaming');
    const cited = [];
    replace(answer, ...withCitations(text, cited));
    if (cited.length) {
      const seen = new Set();
      const links = cited.filter((r) => !seen.has(r.kind + r.id) && seen.add(r.kind + r.id));
      replace(sources, h('span', {class: 'muted'}, 'Sources: '), links.map((r) =>
        h('a', {class: 'cite', href: r.kind === 'email' ? `#/m/${r.id}` : `#/contractors/${encodeURIComponent(r.id)}`},
          r.kind === 'email' ? `email #${r.id}` : `contractor ${r.id}`)));
    }
    for (const c of calls.values()) {
      if (c.li.classList.contains('running')) {
        c.li.classList.remove('running');
        c.state.textContent = 'stopped';
      }
    }
    if (failed) {
      status.textContent = '';
      status.append(h('span', {class: 'chat-error'}, failed.message || 'The answer failed.'), failed.hint ? h('span', {class: 'hint'}, ` ${failed.hint}`) : null);
    } else {
      status.textContent = '';
    }
    if (text) this.history.push({role: 'assistant', content: text});
    else this.history.pop();
    this.follow(bottom);
  }
}
