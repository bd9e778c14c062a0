// Search: the query syntax, hybrid / keyword / meaning modes, threads, and a help popover.
import * as api from '../api.js';
import {h, marked} from '../dom.js';
import {classBadge, person, shortDate} from '../format.js';
import {RowList} from '../list.js';

const PAGE = 25;

const SYNTAX = [
  ['invoice overdue', 'words, by meaning and by keyword'],
  ['"exact phrase"', 'these words in this order'],
  ['from:brightwire', 'sender address or name'],
  ['from:contractor:C-0042', 'mail from a contractor\u2019s domains'],
  ['to:ops@example.com', 'a recipient'],
  ['subject:permit', 'words in the subject'],
  ['class:noise', 'business, operational or noise'],
  ['thread:42', 'one conversation'],
  ['has:attachment', 'with attachments'],
  ['is:list', 'mailing-list mail'],
  ['date:2025-01-01..2025-03-31', 'a date range (either end may be left open)'],
];

export function searchHelp() {
  return [h('h3', null, 'Search syntax'),
    h('table', {class: 'syntax'}, h('tbody', null, SYNTAX.map(([q, what]) => h('tr', null,
      h('td', null, h('a', {href: `#/search?q=${encodeURIComponent(q)}`}, h('code', null, q))), h('td', null, what))))),
    h('p', {class: 'muted'}, 'Combine them: ', h('code', null, 'from:brightwire invoice date:2026-01-01..'))];
}

export async function render(root, route, app, current) {
  const q = route.query.get('q') || '';
  const mode = route.query.get('mode') || 'hybrid';
  const threads = route.query.get('threads') === '1';
  const go = (changes) => {
    const p = new URLSearchParams(route.query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    location.hash = `#/search?${p}`;
  };
  const modeSel = h('select', {'aria-label': 'Search mode', on: {change: (e) => go({mode: e.target.value === 'hybrid' ? '' : e.target.value})}},
    [['hybrid', 'Meaning + keywords'], ['bm25', 'Keywords only'], ['vector', 'Meaning only']].map(([v, t]) =>
      h('option', {value: v, selected: v === mode}, t)));
  const threadBox = h('input', {type: 'checkbox', checked: threads, on: {change: (e) => go({threads: e.target.checked ? '1' : ''})}});
  const summary = h('span', {class: 'muted'});
  root.append(h('div', {class: 'view-head'}, h('h1', null, q ? 'Search' : 'Search your mail'),
    h('div', {class: 'search-options'}, modeSel, h('label', {class: 'check'}, threadBox, 'Group by conversation'), summary)));

  if (!q.trim()) {
    root.append(h('div', {class: 'help-panel'}, searchHelp()));
    return;
  }
  const list = new RowList('message-list');
  const more = h('button', {class: 'button button-quiet load-more', type: 'button', hidden: true}, 'More results');
  root.append(list.el, more);
  app.setList(list);
  let offset = 0;
  async function page() {
    const data = await api.get('/api/search', {q, mode, limit: PAGE, offset, threads: threads ? 'true' : ''});
    if (!current()) return;
    const hits = data.hits || [];
    for (const m of hits) {
      const href = threads && m.thread_id ? `#/t/${m.thread_id}` : `#/m/${m.id}`;
      list.add({href, className: 'hit', content: [
        classBadge(m.class),
        h('span', {class: 'row-from'}, typeof m.from === 'string' ? m.from : person(m.from)),
        h('span', {class: 'row-subject'}, m.subject || '(no subject)',
          threads && m.hits > 1 ? h('span', {class: 'thread-count'}, ` ${m.hits}`) : null,
          m.snippet ? h('span', {class: 'snippet'}, marked(m.snippet)) : null),
        h('span', {class: 'row-clip'}),
        h('time', {class: 'row-date', datetime: m.date}, shortDate(m.date))]});
    }
    offset += hits.length;
    more.hidden = hits.length < PAGE;
    summary.textContent = offset ? `${offset}${more.hidden ? '' : '+'} result${offset === 1 ? '' : 's'}` : '';
    if (list.selected < 0) list.select(0, false);
    if (!list.rows.length) list.el.append(h('li', {class: 'empty'}, 'Nothing matches. Try fewer words, or another mode.'));
  }
  more.addEventListener('click', () => page().catch((e) => app.toast(e.message, 'error')));
  try {
    await page();
  } catch (err) {
    if (err.status === 401) throw err;
    root.append(h('div', {class: 'error-box'}, h('strong', null, err.status === 400 ? 'That query does not parse. ' : 'Search failed. '),
      err.message, err.hint ? h('div', {class: 'hint'}, err.hint) : null));
  }
}
