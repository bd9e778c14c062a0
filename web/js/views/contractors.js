// The contractor registry: filter by region, scheme, scope and status; one contractor's details.
import * as api from '../api.js';
import {h} from '../dom.js';
import {shortDate} from '../format.js';
import {RowList} from '../list.js';
import {messageRow} from './inbox.js';

const PAGE = 50;

function statusOf(a) {
  return (a.status_now || a.computed_status || a.status || '').toLowerCase();
}

function accreditationText(c) {
  return (c.accreditations || []).map((a) => `${a.scheme}${statusOf(a) && statusOf(a) !== 'valid' ? ` (${statusOf(a)})` : ''}`).join(', ');
}

async function renderList(root, route, app, current) {
  const f = {};
  for (const k of ['region', 'scheme', 'scope', 'status']) f[k] = route.query.get(k) || '';
  const field = (k, placeholder) => h('input', {type: 'search', name: k, value: f[k], placeholder, 'aria-label': placeholder});
  const status = h('select', {name: 'status', 'aria-label': 'Accreditation status'},
    [['', 'Any status'], ['valid', 'Valid'], ['expiring', 'Expiring (30 days)'], ['expired', 'Expired']].map(([v, t]) => h('option', {value: v, selected: v === f.status}, t)));
  const inputs = [field('region', 'Region, e.g. North West'), field('scheme', 'Scheme, e.g. NERS'), field('scope', 'Scope, e.g. LV jointing'), status];
  const form = h('form', {class: 'filters', on: {submit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const el of inputs) if (el.value.trim()) p.set(el.name, el.value.trim());
    location.hash = `#/contractors?${p}`;
  }}}, inputs, h('button', {class: 'button', type: 'submit'}, 'Filter'));
  const list = new RowList('contractors');
  const more = h('button', {class: 'button button-quiet load-more', type: 'button', hidden: true}, 'Load more');
  const summary = h('span', {class: 'muted'});
  root.append(h('div', {class: 'view-head'}, h('h1', null, 'Contractors'), summary), form, list.el, more);
  app.setList(list);
  let offset = 0;
  async function page() {
    const data = await api.get('/api/contractors', Object.assign({limit: PAGE, offset}, f));
    if (!current()) return;
    const rows = data.contractors || data.items || [];
    for (const c of rows) {
      list.add({href: `#/contractors/${encodeURIComponent(c.id)}`, className: 'contractor-row', content: [
        h('span', {class: 'row-from'}, c.name),
        h('span', {class: 'row-subject muted'}, accreditationText(c)),
        h('span', {class: 'muted'}, (c.regions || []).join(', ')),
        h('span', {class: 'row-date'}, c.id)]});
    }
    offset += rows.length;
    more.hidden = rows.length < PAGE;
    summary.textContent = typeof data.total === 'number' ? `${data.total} contractors` : '';
    if (list.selected < 0) list.select(0, false);
    if (!list.rows.length) list.el.append(h('li', {class: 'empty'}, 'No contractor matches these filters.'));
  }
  more.addEventListener('click', () => page().catch((e) => app.toast(e.message, 'error')));
  await page();
}

async function renderOne(root, route, app, current) {
  const id = route.args[0];
  const data = await api.get(`/api/contractors/${encodeURIComponent(id)}`);
  if (!current()) return;
  const c = data.contractor || data;
  const field = (label, value) => value && (!Array.isArray(value) || value.length) ? [h('dt', null, label), h('dd', null, value)] : [];
  const pills = (xs) => (xs || []).map((x) => h('span', {class: 'pill'}, x));
  root.append(h('div', {class: 'view-head'}, h('h1', null, c.name), h('span', {class: 'muted'}, c.id)),
    h('section', {class: 'detail'},
      h('dl', null,
        field('Trading names', pills(c.trading_names)),
        field('Regions', pills(c.regions)),
        field('Email domains', pills(c.email_domains || c.domains)),
        field('Contacts', pills(c.contact_addresses || c.emails)),
        field('Phone', c.phone),
        field('Address', c.address),
        field('Notes', c.notes)),
      h('h2', null, 'Accreditations'),
      h('table', {class: 'table'}, h('thead', null, h('tr', null, ['Scheme', 'Certificate', 'Scopes', 'Status', 'Expires'].map((t) => h('th', null, t)))),
        h('tbody', null, (c.accreditations || []).map((a) => h('tr', null,
          h('td', null, a.scheme), h('td', null, a.certificate || a.certificate_number || ''),
          h('td', null, (a.scopes || []).join(', ')),
          h('td', {class: `status-${statusOf(a)}`}, statusOf(a)),
          h('td', null, a.expires || a.expiry_date || a.expires_on || '')))))));
  const recent = data.recent_emails || data.emails || c.recent_emails || [];
  if (recent.length) {
    const list = new RowList('message-list');
    for (const m of recent) list.add(messageRow(m));
    app.setList(list);
    root.append(h('h2', {class: 'section-title'}, 'Latest mail from this contractor'), list.el);
  } else {
    app.setList(null);
  }
  void shortDate;
}

export async function render(root, route, app, current) {
  if (route.args[0]) return renderOne(root, route, app, current);
  return renderList(root, route, app, current);
}
