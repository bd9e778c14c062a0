// Small formatting helpers shared by the views.
import {h} from './dom.js';

export const CLASSES = ['BUSINESS', 'OPERATIONAL', 'NOISE'];
const CLASS_TITLES = {BUSINESS: 'Business', OPERATIONAL: 'Operational', NOISE: 'Noise', unclassified: 'Unclassified'};

export function classTitle(c) {
  return CLASS_TITLES[c || 'unclassified'] || c;
}

export function classBadge(c) {
  const key = c || 'unclassified';
  return h('span', {class: ['badge', `badge-${key.toLowerCase()}`], title: classTitle(key)}, classTitle(key));
}

const dayFmt = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short'});
const yearFmt = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', year: 'numeric'});
const timeFmt = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});
const fullFmt = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

// "14:05" today, "3 Mar" this year, "3 Mar 2024" before.
export function shortDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return '';
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return timeFmt.format(d);
  if (d.getFullYear() === now.getFullYear()) return dayFmt.format(d);
  return yearFmt.format(d);
}

export function fullDate(iso) {
  const d = new Date(iso);
  return isNaN(d) ? '' : fullFmt.format(d);
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function person(addr) {
  if (!addr) return '';
  if (Array.isArray(addr)) return addr.map(person).join(', ');
  return addr.name ? addr.name : addr.address || '';
}

export function personFull(addr) {
  if (!addr) return '';
  if (Array.isArray(addr)) return addr.map(personFull).join(', ');
  return addr.name && addr.address ? `${addr.name} <${addr.address}>` : addr.address || addr.name || '';
}

export function firstAddress(from) {
  if (Array.isArray(from)) return from[0] || null;
  return from || null;
}

export function number(n) {
  return new Intl.NumberFormat().format(n || 0);
}
