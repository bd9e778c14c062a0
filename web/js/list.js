// A list of rows that the keyboard moves through: j / k select, Enter opens.
import {h} from './dom.js';

export class RowList {
  constructor(className) {
    this.el = h('ul', {class: ['rows', className], role: 'listbox', tabindex: '-1'});
    this.rows = [];
    this.selected = -1;
  }

  // row: {href, content: [nodes], className}
  add(row) {
    const li = h('li', {class: ['row', row.className], role: 'option', dataset: {index: this.rows.length}},
      h('a', {href: row.href, class: 'row-link', tabindex: '-1'}, row.content));
    li.addEventListener('mouseenter', () => this.select(Number(li.dataset.index), false));
    this.rows.push({li, href: row.href});
    this.el.append(li);
    return li;
  }

  clear() {
    this.rows = [];
    this.selected = -1;
    this.el.replaceChildren();
  }

  select(i, scroll = true) {
    if (!this.rows.length) return;
    i = Math.max(0, Math.min(this.rows.length - 1, i));
    if (this.selected >= 0 && this.rows[this.selected]) {
      this.rows[this.selected].li.classList.remove('selected');
      this.rows[this.selected].li.setAttribute('aria-selected', 'false');
    }
    this.selected = i;
    const li = this.rows[i].li;
    li.classList.add('selected');
    li.setAttribute('aria-selected', 'true');
    if (scroll) li.scrollIntoView({block: 'nearest'});
  }

  // Handles j, k, Enter; returns true when it did.
  key(e) {
    if (!this.rows.length) return false;
    if (e.key === 'j' || e.key === 'ArrowDown') {
      this.select(this.selected + 1);
      return true;
    }
    if (e.key === 'k' || e.key === 'ArrowUp') {
      this.select(this.selected < 0 ? 0 : this.selected - 1);
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'o') && this.selected >= 0) {
      location.hash = this.rows[this.selected].href;
      return true;
    }
    return false;
  }
}
