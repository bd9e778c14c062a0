// The inbox: class tabs with counts, newest messages first.
import * as api from '../api.js';
import {h, icon} from '../dom.js';
import {CLASSES, classBadge, classTitle, number, person, shortDate} from '../format.js';
import {RowList} from '../list.js';

const PAGE = 50;

export function messageRow(m, extra) {
  return {
    href: `#/m/${m.id}`,
    className: m.class ? `row-${m.class.toLowerCase()}` : 'row-unclassified',
    content: [
      classBadge(m.class),
      h('span', {class: 'row-from', title: m.from && m.from.address ? m.from.address : ''}, person(m.from) || '(no sender)'),
      h('span', {class: 'row-subject'}, m.subject || '(no subject)', extra || null),
      m.attachments ? h('span', {class: 'row-clip', title: `${m.attachments} attachment(s)`}, icon('clip', `${m.attachments} attachment(s)`)) : h('span', {class: 'row-clip'}),
      h('time', {class: 'row-date', datetime: m.date}, shortDate(m.date)),
    ],
  };
}

export async function render(root, route, app, current) {
  const cls = route.args[0] && (CLASSES.includes(route.args[0]) || route.args[0] === 'unclassified') ? route.args[0] : '';
  const tabs = h('div', {class: 'tabs', role: 'tablist'});
  const list = new RowList('message-list');
  const more = h('button', {class: 'button button-quiet load-more', type: 'button', hidden: true}, 'Load more');
  const countSpans = {};
  const tab = (key, title, n) => {
    const count = h('span', {class: 'count'}, n);
    countSpans[key] = count;
    return h('a', {href: key ? `#/inbox/${key}` : '#/inbox', role: 'tab',
      class: ['tab', key === cls ? 'active' : '', key ? `tab-${key.toLowerCase()}` : ''],
      'aria-selected': key === cls ? 'true' : 'false'}, title, count);
  };
  tabs.append(tab('', 'All', '…'));
  for (const c of CLASSES) tabs.append(tab(c, classTitle(c), '…'));
  root.append(h('div', {class: 'view-head'}, h('h1', null, 'Inbox'), tabs), list.el, more);
  app.setList(list);

  const statsP = api.get('/api/stats', {volume: 'false'});
  let offset = 0;
  async function page() {
    const data = await api.get('/api/messages', {class: cls, limit: PAGE, offset});
    if (!current()) return;
    for (const m of data.messages) list.add(messageRow(m));
    offset += data.messages.length;
    more.hidden = data.messages.length < PAGE;
    if (list.selected < 0) list.select(0, false);
    if (!list.rows.length) list.el.append(h('li', {class: 'empty'}, cls ? `No ${classTitle(cls).toLowerCase()} mail.` : 'No mail yet. Ingest some with `mailsift ingest PATH` or POST /api/messages.'));
  }
  more.addEventListener('click', () => page().catch((e) => app.toast(e.message, 'error')));
  await page();

  const stats = await statsP;
  if (!current()) return;
  const counts = Object.assign({}, stats.by_class || {}, {'': stats.messages});
  for (const [key, span] of Object.entries(countSpans)) span.textContent = number(counts[key] || 0);
  if (counts.unclassified) tabs.append(tab('unclassified', 'Unclassified', number(counts.unclassified)));
}
