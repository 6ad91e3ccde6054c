/**
 * The other reports of a quote in the reader: every document that reports the same words
 * (its quote group), first report first, each with its words against the earliest full
 * version (added words underlined, left-out words struck through). Each report opens with
 * Enter or a click.
 */
import type { Hit, QuoteDiffPart } from '../main/common/contract';
import { h, setText } from './dom';
import { reportedLabel } from './model/labels';

export class ReportsView {
  readonly el: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly onOpen: (hit: Hit) => void) {
    this.heading = h('h2', { class: 'side-title', id: 'reports-title' }, 'Also reported');
    this.list = h('ol', { class: 'reports', 'aria-labelledby': 'reports-title' });
    this.el = h('section', { class: 'reader-reports', hidden: true }, this.heading, this.list);
  }

  clear(): void {
    this.el.hidden = true;
    this.list.replaceChildren();
  }

  /** The reports of the opened statement's group; `openedId` is the statement shown. */
  show(reports: Hit[], openedId: string): void {
    const group = reports[0]?.group;
    if (!group || reports.length < 2) return this.clear();
    setText(this.heading, reportedLabel(group));
    this.list.replaceChildren(...reports.map((hit) => this.item(hit, hit.id === openedId)));
    this.el.hidden = false;
  }

  private item(hit: Hit, current: boolean): HTMLElement {
    const open = h(
      'button',
      { type: 'button', class: 'report-open', 'aria-current': current ? 'true' : 'false' },
      `${hit.date ?? 'Undated'} · ${hit.source ?? hit.title}`,
    );
    open.addEventListener('click', () => this.onOpen(hit));
    const note = hit.group?.reference
      ? 'the full version'
      : hit.group?.fragment
        ? 'part of it'
        : hit.group?.diff?.some((part) => part.op !== 'same')
          ? 'worded differently'
          : 'the same words';
    return h(
      'li',
      { class: 'report' },
      open,
      h('span', { class: 'report-note' }, note),
      h('p', { class: 'report-words' }, ...diffNodes(hit)),
    );
  }
}

function diffNodes(hit: Hit): Node[] {
  const parts: QuoteDiffPart[] = hit.group?.diff ?? [{ op: 'same', words: hit.text }];
  const nodes: Node[] = [];
  for (const part of parts) {
    if (nodes.length > 0) nodes.push(document.createTextNode(' '));
    if (part.op === 'same') nodes.push(document.createTextNode(part.words));
    else if (part.op === 'added') nodes.push(h('ins', { title: 'not in the full version' }, part.words));
    else nodes.push(h('del', { title: 'left out here' }, part.words));
  }
  return nodes;
}
