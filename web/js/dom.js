// Building DOM nodes safely. Every piece of text goes into a text node; nothing here (or
// anywhere in the UI) assigns HTML strings. Email content is hostile: it is only ever text.

// h('div', {class: 'row', on: {click: fn}, dataset: {id: 3}}, 'text', child, [more])
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

// SVG elements (the chart).
export function s(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    } else if (k === 'class') {
      el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : String(v);
    } else if (k === 'href') {
      el.setAttribute('href', safeHref(String(v)));
    } else if (k.startsWith('on')) {
      throw new Error('event handlers go in {on: {...}}');
    } else if (k === 'style') {
      throw new Error('inline styles are blocked by the CSP; use classes');
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Only in-app routes and web/mail links: never javascript:, data: or anything else.
export function safeHref(url) {
  const u = url.trim();
  if (u.startsWith('#') || u.startsWith('/')) return u;
  if (/^(https?:|mailto:)/i.test(u)) return u;
  return '#';
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

// Text with http(s) links turned into anchors (opening in a new tab, without referrer).
export function linkify(text) {
  const out = [];
  const re = /\bhttps?:\/\/[^\s<>"'\])}]+/gi;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push(text.slice(last, m.index));
    let url = m[0].replace(/[.,;:!?]+$/, '');
    out.push(h('a', {href: url, target: '_blank', rel: 'noopener noreferrer nofollow'}, url));
    last = m.index + url.length;
    re.lastIndex = last;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// A snippet whose matches are marked with \u0002…\u0003 or [[…]] (search hit markers), as
// text nodes and <mark> elements.
export function marked(snippet) {
  const out = [];
  const re = /\u0002([^\u0003]*)\u0003|\[\[([^\]]*)\]\]|<b>([^<]*)<\/b>|<mark>([^<]*)<\/mark>/g;
  let last = 0;
  let m;
  while ((m = re.exec(snippet)) !== null) {
    if (m.index > last) out.push(snippet.slice(last, m.index));
    out.push(h('mark', null, m[1] ?? m[2] ?? m[3] ?? m[4] ?? ''));
    last = re.lastIndex;
  }
  if (last < snippet.length) out.push(snippet.slice(last));
  return out;
}

// Small line icons drawn with SVG paths (no icon font, no external file).
const ICONS = {
  clip: 'M8.5 12.5l5.6-5.6a2.5 2.5 0 013.5 3.5l-7.1 7.1a4 4 0 01-5.7-5.7l7.1-7.1',
};
export function icon(name, title) {
  const svg = s('svg', {viewBox: '0 0 24 24', class: `icon icon-${name}`, 'aria-hidden': title ? null : 'true', role: title ? 'img' : null},
    title ? s('title', null, title) : null,
    s('path', {d: ICONS[name], fill: 'none', stroke: 'currentColor', 'stroke-width': '1.8', 'stroke-linecap': 'round', 'stroke-linejoin': 'round'}));
  return svg;
}
