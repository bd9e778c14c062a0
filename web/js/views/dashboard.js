// The dashboard: totals, and the volume of mail per class over time.
import * as api from '../api.js';
import {h, replace} from '../dom.js';
import {stackedBars} from '../chart.js';
import {CLASSES, bytes, classTitle, number} from '../format.js';

const KEYS = [...CLASSES, 'unclassified'].map((k) => ({key: k, title: classTitle(k), className: `fill-${k.toLowerCase()}`}));
const monthFmt = new Intl.DateTimeFormat(undefined, {month: 'short', year: '2-digit', timeZone: 'UTC'});
const dayFmt = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', timeZone: 'UTC'});
const dayYearFmt = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC'});

// Axis labels carry the year where it changes (and on the first label).
function periodLabel(bucket) {
  return (p, withYear) => {
    if (bucket === 'month') return monthFmt.format(new Date(`${p}-01T00:00:00Z`));
    const d = new Date(`${p}T00:00:00Z`);
    return isNaN(d) ? p : (withYear ? dayYearFmt : dayFmt).format(d);
  };
}

// Fills the periods with no mail, so the time axis is even.
function fill(series, bucket) {
  if (series.length < 2) return series;
  const byKey = new Map(series.map((r) => [r.period, r]));
  const out = [];
  if (bucket === 'month') {
    let [y, m] = series[0].period.split('-').map(Number);
    const last = series[series.length - 1].period;
    for (let guard = 0; guard < 600; guard++) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push(byKey.get(key) || {period: key});
      if (key === last) break;
      if (++m > 12) { m = 1; y++; }
    }
    return out;
  }
  const stepDays = bucket === 'week' ? 7 : 1;
  const d = new Date(`${series[0].period}T00:00:00Z`);
  const last = series[series.length - 1].period;
  for (let guard = 0; guard < 4000; guard++) {
    const key = d.toISOString().slice(0, 10);
    out.push(byKey.get(key) || {period: key});
    if (key >= last) break;
    d.setUTCDate(d.getUTCDate() + stepDays);
  }
  return out;
}

export async function render(root, route, app, current) {
  const bucket = ['day', 'week', 'month'].includes(route.query.get('bucket')) ? route.query.get('bucket') : 'week';
  const stats = await api.get('/api/stats', {bucket});
  if (!current()) return;
  const card = (title, value, href) => h(href ? 'a' : 'div', {class: 'card', href}, h('div', {class: 'card-value'}, value), h('div', {class: 'card-title'}, title));
  const by = stats.by_class || {};
  const cards = h('div', {class: 'cards'},
    card('Messages', number(stats.messages), '#/inbox'),
    ...CLASSES.map((c) => card(classTitle(c), number(by[c] || 0), `#/inbox/${c}`)),
    card('Unclassified', number(by.unclassified || 0), '#/inbox/unclassified'),
    card('Conversations', number(stats.threads)),
    card('Quarantined', number(stats.quarantined)),
    card('Stored', bytes(stats.stored_raw_bytes || 0)));
  const buckets = h('div', {class: 'seg-group', role: 'group', 'aria-label': 'Period'}, ['day', 'week', 'month'].map((b) =>
    h('a', {class: ['seg', b === bucket ? 'active' : ''], href: `#/dashboard?bucket=${b}`}, b[0].toUpperCase() + b.slice(1))));
  const series = fill(stats.volume.series, bucket);
  const chartBox = h('div', {class: 'chart-box'});
  replace(chartBox, series.length ? stackedBars(series, KEYS, {label: periodLabel(bucket)}) : h('p', {class: 'muted'}, 'No mail yet.'));
  const legend = h('ul', {class: 'legend'}, KEYS.map((k) => h('li', null, h('span', {class: ['swatch', k.className]}), k.title)));
  const range = stats.oldest && stats.newest ? `${new Date(stats.oldest).toLocaleDateString()} – ${new Date(stats.newest).toLocaleDateString()}` : '';
  root.append(h('div', {class: 'view-head'}, h('h1', null, 'Dashboard'), h('span', {class: 'muted'}, range)), cards,
    h('section', {class: 'panel'}, h('div', {class: 'panel-head'}, h('h2', null, 'Mail per class'), buckets), chartBox, legend));
}
