// A stacked bar chart in SVG, drawn with DOM calls only (no library, no HTML strings).
import {s} from './dom.js';

// The top of the axis: a round number that four whole-number gridlines divide evenly.
function niceMax(v) {
  if (v <= 4) return 4;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 4, 5, 8, 10]) {
    if (m * p >= v && Number.isInteger((m * p) / 4)) return m * p;
  }
  return 10 * p;
}

// series: [{period, <key>: count, ...}], keys: [{key, title, className}]
export function stackedBars(series, keys, {width = 960, height = 280, label = (p) => p} = {}) {
  const pad = {top: 12, right: 12, bottom: 34, left: 44};
  const w = width - pad.left - pad.right;
  const hgt = height - pad.top - pad.bottom;
  const totals = series.map((row) => keys.reduce((t, k) => t + (row[k.key] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Email volume per class, ${series.length} periods`, preserveAspectRatio: 'none'});

  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = pad.top + hgt - (hgt * i) / 4;
    svg.append(s('line', {x1: pad.left, x2: pad.left + w, y1: y, y2: y, class: 'grid'}));
    svg.append(s('text', {x: pad.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end'}, Number.isInteger(v) ? String(v) : v.toFixed(1)));
  }
  const n = Math.max(1, series.length);
  const step = w / n;
  const bw = Math.max(1, Math.min(40, step * 0.78));
  const every = Math.max(1, Math.ceil(n / 12));
  series.forEach((row, i) => {
    const x = pad.left + i * step + (step - bw) / 2;
    let y = pad.top + hgt;
    const g = s('g', {class: 'bar'});
    const parts = [];
    for (const k of keys) {
      const v = row[k.key] || 0;
      if (!v) continue;
      const bh = (hgt * v) / max;
      y -= bh;
      g.append(s('rect', {x, y, width: bw, height: Math.max(bh, 0.5), class: k.className}));
      parts.push(`${k.title} ${v}`);
    }
    g.append(s('title', null, `${label(row.period)}: ${parts.join(', ') || 'no mail'}`));
    // A transparent full-height target so thin bars are easy to hover.
    g.prepend(s('rect', {x: pad.left + i * step, y: pad.top, width: step, height: hgt, class: 'hover-target'}));
    svg.append(g);
    if (i % every === 0) {
      svg.append(s('text', {x: pad.left + i * step + step / 2, y: height - pad.bottom + 16, class: 'axis', 'text-anchor': 'middle'},
        label(row.period, i === 0 || String(series[i - every]?.period).slice(0, 4) !== String(row.period).slice(0, 4))));
    }
  });
  svg.append(s('line', {x1: pad.left, x2: pad.left + w, y1: pad.top + hgt, y2: pad.top + hgt, class: 'baseline'}));
  return svg;
}
