// Contacts: everyone who wrote or was written to, and one contact's details.
import * as api from '../api.js';
import {h} from '../dom.js';
import {CLASSES, classTitle, number, shortDate} from '../format.js';
import {RowList} from '../list.js';
import {messageRow} from './inbox.js';

const PAGE = 50;

function counts(c) {
  const by = c.by_class || c.messages_by_class || {};
  return CLASSES.filter((k) => by[k]).map((k) => `${classTitle(k)} ${by[k]}`).join(' · ');
}

function total(c) {
  if (typeof c.messages === 'number') return c.messages;
  const by = c.by_class || c.messages_by_class || {};
  return Object.values(by).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0);
}

function displayName(c) {
  if (c.name) return c.name;
  if (Array.isArray(c.names) && c.names.length) return typeof c.names[0] === 'string' ? c.names[0] : c.names[0].name;
  return c.address;
}

async function renderList(root, route, app, current) {
  const q = route.query.get('q') || '';
  const input = h('input', {type: 'search', value: q, placeholder: 'Name, address or domain', 'aria-label': 'Filter contacts'});
  const form = h('form', {class: 'filters', on: {submit: (e) => {
    e.preventDefault();
    location.hash = `#/contacts?q=${encodeURIComponent(input.value.trim())}`;
  }}}, input, h('button', {class: 'button', type: 'submit'}, 'Filter'));
  const list = new RowList('people');
  const more = h('button', {class: 'button button-quiet load-more', type: 'button', hidden: true}, 'Load more');
  root.append(h('div', {class: 'view-head'}, h('h1', null, 'Contacts')), form, list.el, more);
  app.setList(list);
  let offset = 0;
  async function page() {
    const data = await api.get('/api/contacts', {q, limit: PAGE, offset});
    if (!current()) return;
    const rows = data.contacts || data.items || [];
    for (const c of rows) {
      list.add({href: `#/contacts/${encodeURIComponent(c.address)}`, className: 'person-row', content: [
        h('span', {class: 'row-from'}, displayName(c)),
        h('span', {class: 'row-subject muted'}, c.address, c.contractor_id ? h('span', {class: 'pill'}, `contractor ${c.contractor_id}`) : null,
          c.user || c.directory_user ? h('span', {class: 'pill'}, 'staff') : null),
        h('span', {class: 'muted'}, counts(c)),
        h('span', {class: 'row-date'}, `${number(total(c))} · ${shortDate(c.last_seen)}`)]});
    }
    offset += rows.length;
    more.hidden = rows.length < PAGE;
    if (list.selected < 0) list.select(0, false);
    if (!list.rows.length) list.el.append(h('li', {class: 'empty'}, 'No contacts match.'));
  }
  more.addEventListener('click', () => page().catch((e) => app.toast(e.message, 'error')));
  await page();
}

async function renderOne(root, route, app, current) {
  const address = route.args[0];
  const c = await api.get(`/api/contacts/${encodeURIComponent(address)}`);
  if (!current()) return;
  const contact = c.contact || c;
  const field = (label, value) => value ? [h('dt', null, label), h('dd', null, value)] : [];
  const names = (contact.names || []).map((n) => typeof n === 'string' ? n : n.name).filter(Boolean);
  const user = contact.user || contact.directory_user;
  const contractor = contact.contractor || (contact.contractor_id ? {id: contact.contractor_id} : null);
  root.append(h('div', {class: 'view-head'}, h('h1', null, displayName(contact))),
    h('section', {class: 'detail'}, h('dl', null,
      field('Address', contact.address),
      field('Names seen', names.join(', ')),
      field('First seen', contact.first_seen ? shortDate(contact.first_seen) : ''),
      field('Last seen', contact.last_seen ? shortDate(contact.last_seen) : ''),
      field('Messages', counts(contact) || String(total(contact))),
      field('Staff directory', user ? [user.name, user.role ? ` · ${user.role}` : '', user.organisation || user.organization ? ` · ${user.organisation || user.organization}` : ''] : ''),
      field('Contractor', contractor ? h('a', {href: `#/contractors/${encodeURIComponent(contractor.id)}`}, contractor.name || contractor.id) : ''))));
  const recent = c.recent || c.messages || contact.recent || [];
  if (recent.length) {
    const list = new RowList('message-list');
    for (const m of recent) list.add(messageRow(m));
    app.setList(list);
    root.append(h('h2', {class: 'section-title'}, 'Recent mail'), list.el);
  }
}

export async function render(root, route, app, current) {
  if (route.args[0]) return renderOne(root, route, app, current);
  return renderList(root, route, app, current);
}
