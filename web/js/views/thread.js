// A conversation: every message of a thread, oldest first; the newest is open.
import * as api from '../api.js';
import {h, linkify, replace} from '../dom.js';
import {classBadge, fullDate, person} from '../format.js';
import {RowList} from '../list.js';

export async function render(root, route, app, current) {
  const id = Number(route.args[0]);
  const data = await api.get(`/api/threads/${id}`);
  if (!current()) return;
  const msgs = data.messages;
  const subject = msgs.length ? msgs[msgs.length - 1].subject || msgs[0].subject : '';
  root.append(h('div', {class: 'view-head'}, h('h1', null, subject || '(no subject)'),
    h('span', {class: 'muted'}, `${msgs.length} message${msgs.length === 1 ? '' : 's'} in this conversation`)));

  const list = new RowList('thread-list');
  app.setList(list);
  root.append(list.el);
  msgs.forEach((m, i) => {
    const body = h('div', {class: 'thread-body'});
    const li = list.add({href: `#/m/${m.id}`, className: 'thread-item', content: [
      classBadge(m.class), h('span', {class: 'row-from'}, person(m.from)),
      h('span', {class: 'row-subject muted'}, m.subject || ''), h('span', {class: 'row-clip'}),
      h('time', {class: 'row-date', datetime: m.date}, fullDate(m.date))]});
    li.append(body);
    let loaded = false;
    const open = async () => {
      li.classList.toggle('open');
      if (loaded || !li.classList.contains('open')) return;
      loaded = true;
      const full = await api.get(`/api/messages/${m.id}`);
      const visible = full.visible_text && full.visible_text.trim() ? full.visible_text : full.text;
      const quoted = visible !== full.text;
      const text = h('div', {class: 'plain'}, linkify(visible || '(no text)'));
      replace(body, text, quoted ? h('button', {type: 'button', class: 'button button-quiet', on: {click: (e) => {
        e.preventDefault();
        replace(text, ...linkify(full.text));
        e.target.remove();
      }}}, 'Show quoted text') : null, h('a', {href: `#/m/${m.id}`, class: 'open-link'}, 'Open this message'));
    };
    li.querySelector('.row-link').addEventListener('click', (e) => {
      e.preventDefault();
      open().catch((err) => app.toast(err.message, 'error'));
    });
    if (i === msgs.length - 1) open().catch((err) => app.toast(err.message, 'error'));
  });
  list.select(msgs.length - 1, false);
}
