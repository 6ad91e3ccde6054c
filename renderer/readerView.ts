/**
 * The reader: a document's clean text with every quote and turn marked in its speaker's
 * colour (and a legend), the query's hits highlighted with keys to step through them, the
 * metadata, and a citation of the statement under the current hit.
 */
import type { ExtractedDocument, Hit, Passage } from '../main/common/contract';
import { citePassage } from './model/citation';
import { h, plural, setText } from './dom';
import { dateLabel } from './model/histogram';
import { kindLabel, topicLabel } from './model/labels';
import {
  documentHits,
  hitRangesInDocument,
  isMarked,
  passageAt,
  segments,
  speakerLegend,
  turnLabels,
  type PassageFilter,
} from './model/readerModel';
import { normaliseRanges } from './model/snippet';

export interface ReaderOptions {
  onBack(): void;
  onNext(): void;
  onPrev(): void;
  onCopy(): void;
  onOpenOriginal: (() => void) | null;
  tooltips: { back: string; next: string; prev: string; copy: string; open: string };
}

export interface OpenArgs {
  doc: ExtractedDocument;
  terms: string[];
  filter: PassageFilter;
  /** The passage the reader was opened at, and the hit (when known) for its exact highlights. */
  passageId: string | null;
  hit: Hit | null;
}

export class ReaderView {
  readonly el: HTMLElement;
  readonly text: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly meta: HTMLDListElement;
  private readonly legend: HTMLUListElement;
  /** The side panel: the document's details, its speakers, and the other reports of a quote. */
  readonly side: HTMLElement;
  private readonly position: HTMLSpanElement;
  private readonly prevButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;
  private doc: ExtractedDocument | null = null;
  private marks: HTMLElement[][] = [];
  private hitRanges: Array<[number, number]> = [];
  private current = -1;
  private currentPassage = -1;

  constructor(options: ReaderOptions) {
    const button = (label: string, tip: string, onClick: () => void, cls = '') => {
      const b = h('button', { type: 'button', class: `tool-button ${cls}`.trim(), title: tip }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    this.title = h('h1', { class: 'reader-title', id: 'reader-title' });
    this.position = h('span', { class: 'reader-position', 'aria-live': 'polite' });
    this.prevButton = button('↑ Prev', options.tooltips.prev, () => options.onPrev());
    this.nextButton = button('↓ Next', options.tooltips.next, () => options.onNext());
    this.prevButton.setAttribute('aria-label', 'Previous hit');
    this.nextButton.setAttribute('aria-label', 'Next hit');
    const tools = h(
      'div',
      { class: 'reader-tools' },
      this.prevButton,
      this.position,
      this.nextButton,
      button('Copy citation', options.tooltips.copy, () => options.onCopy()),
      options.onOpenOriginal
        ? button('Open original', options.tooltips.open, () => options.onOpenOriginal?.())
        : null,
    );
    this.meta = h('dl', { class: 'reader-meta' });
    this.legend = h('ul', { class: 'legend', 'aria-label': 'Speakers in this document' });
    this.text = h('article', { class: 'reader-text', tabindex: 0, 'aria-labelledby': 'reader-title' });
    this.el = h(
      'section',
      { id: 'reader', class: 'reader', 'aria-label': 'Reader', hidden: true },
      h(
        'header',
        { class: 'reader-head' },
        button('← Results', options.tooltips.back, () => options.onBack(), 'reader-back'),
        this.title,
        tools,
      ),
      h(
        'div',
        { class: 'reader-body' },
        this.text,
        (this.side = h(
          'aside',
          { class: 'reader-side', 'aria-label': 'About this document' },
          this.meta,
          h('h2', { class: 'side-title' }, 'Speakers'),
          this.legend,
        )),
      ),
    );
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  get docId(): string | null {
    return this.doc?.document.id ?? null;
  }

  open(args: OpenArgs): void {
    const { doc } = args;
    this.doc = doc;
    const openedIndex = args.passageId !== null ? doc.passages.findIndex((p) => p.id === args.passageId) : -1;
    const opened = openedIndex >= 0 ? doc.passages[openedIndex] : undefined;
    const ranges = documentHits(doc.text, doc.passages, args.terms, args.filter);
    // The hit's own highlights are exact (the engine's matches); add them at the passage's place.
    if (opened && args.hit) ranges.push(...hitRangesInDocument(doc.text, opened, args.hit));
    this.hitRanges = normaliseRanges(ranges, doc.text.length);
    this.renderMeta(doc);
    this.renderText(doc, opened ? [opened.start] : []);
    this.el.hidden = false;
    this.text.scrollTop = 0;
    // Start at the first hit inside the opened statement, else at the statement itself.
    let start = opened ? this.hitRanges.findIndex(([s]) => s >= opened.start && s < opened.end) : -1;
    if (start < 0 && !opened && this.hitRanges.length > 0) start = 0;
    if (start >= 0) this.goTo(start);
    else {
      this.current = -1;
      this.currentPassage = openedIndex;
      this.updatePosition();
      if (opened) this.scrollToOffset(opened.start);
    }
  }

  close(): void {
    this.el.hidden = true;
    this.doc = null;
    this.text.replaceChildren();
  }

  /** Steps to the next (1) or previous (-1) hit, wrapping around; returns the hit's number or -1. */
  step(delta: 1 | -1): number {
    if (this.marks.length === 0) return -1;
    const n = this.marks.length;
    const next = this.current < 0 ? (delta > 0 ? 0 : n - 1) : (this.current + delta + n) % n;
    this.goTo(next);
    return next;
  }

  get hitCount(): number {
    return this.marks.length;
  }

  get hitIndex(): number {
    return this.current;
  }

  /** The page (of a paged document) of the statement under the current hit, or null. */
  currentPage(): number | null {
    return this.doc?.passages[this.currentPassage]?.page ?? null;
  }

  /** The statement to cite: the one under the current hit, else the one the reader opened at. */
  citation(accessed: Date): string | null {
    const doc = this.doc;
    if (!doc) return null;
    const p: Passage | undefined = doc.passages[this.currentPassage];
    if (!p) return null;
    const current = this.hitRanges[this.current] ?? null;
    return citePassage(doc, p, this.hitRanges, current, accessed);
  }

  private goTo(index: number): void {
    for (const el of this.marks[this.current] ?? []) el.classList.remove('is-current');
    this.current = index;
    const els = this.marks[index] ?? [];
    for (const el of els) el.classList.add('is-current');
    const range = this.hitRanges[index];
    if (this.doc && range) this.currentPassage = passageAt(this.doc.passages, range[0]);
    this.updatePosition();
    els[0]?.scrollIntoView({ block: 'center' });
  }

  private scrollToOffset(offset: number): void {
    const target = this.text.querySelector<HTMLElement>(`[data-start="${offset}"]`);
    target?.scrollIntoView({ block: 'center' });
  }

  private updatePosition(): void {
    const n = this.marks.length;
    setText(
      this.position,
      n === 0 ? 'No hits' : this.current < 0 ? plural(n, 'hit', 'hits') : `Hit ${this.current + 1} of ${n}`,
    );
    this.prevButton.disabled = n === 0;
    this.nextButton.disabled = n === 0;
  }

  private renderMeta(doc: ExtractedDocument): void {
    const m = doc.document;
    setText(this.title, m.title || m.path);
    const rows: Array<[string, string | null]> = [
      ['Source', m.source],
      ['Author', m.author],
      [
        'Date',
        m.date
          ? `${dateLabel(m.date)}${m.dateSource === 'file' ? ' (file time)' : m.dateSource === 'text' ? ' (from the text)' : ''}`
          : null,
      ],
      ['Topics', m.topics.length > 0 ? m.topics.map(topicLabel).join('; ') : null],
      ['Path', m.path],
      [
        'Statements',
        `${doc.passages.filter((p) => p.kind === 'quote').length} quotes, ${doc.passages.filter((p) => p.kind === 'turn').length} turns`,
      ],
    ];
    this.meta.replaceChildren(
      ...rows
        .filter(([, v]) => v !== null && v !== '')
        .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]),
    );
    if (m.url) {
      const a = h('a', { href: m.url, rel: 'noreferrer noopener', target: '_blank' }, m.url);
      this.meta.append(h('dt', {}, 'URL'), h('dd', { class: 'reader-url' }, a));
    }
    const legend = speakerLegend(doc.passages);
    this.legend.replaceChildren(
      ...(legend.length > 0
        ? legend.map((e) =>
            h(
              'li',
              { class: 'legend-item' },
              h('span', { class: `swatch sp-${e.colour}`, 'aria-hidden': 'true' }),
              h('span', { class: 'legend-name' }, e.speaker),
              h('span', { class: 'legend-count' }, String(e.statements)),
            ),
          )
        : [h('li', { class: 'legend-empty' }, 'No attributed statements')]),
    );
  }

  /** Paragraphs of text; marked statements as spans in their speaker's colour; hits as marks. */
  private renderText(doc: ExtractedDocument, cuts: number[]): void {
    const legend = new Map(speakerLegend(doc.passages).map((e) => [e.speaker, e.colour]));
    // A turn's written label ("MS. PSAKI:") gives way to its badge ("Jen Psaki"), not both.
    const labels = turnLabels(doc.text, doc.passages);
    const labelEnd = new Map([...labels.values()].map((l) => [l.start, l.end]));
    let hideUntil = -1;
    const segs = segments(doc.text.length, doc.passages, this.hitRanges, [
      ...cuts,
      ...labelEnd.keys(),
      ...labelEnd.values(),
    ]).filter((seg) => {
      hideUntil = labelEnd.get(seg.start) ?? hideUntil;
      return seg.start >= hideUntil;
    });
    this.marks = this.hitRanges.map(() => []);
    const fragment = document.createDocumentFragment();
    let para = h('p', {});
    let labelled = -1;
    const flush = () => {
      if (para.childNodes.length > 0) fragment.append(para);
      para = h('p', {});
    };
    for (const seg of segs) {
      const passage = seg.passage >= 0 ? doc.passages[seg.passage] : undefined;
      const pieces = doc.text.slice(seg.start, seg.end).split(/(\n+)/);
      let offset = seg.start;
      for (const piece of pieces) {
        if (piece === '') continue;
        if (/^\n+$/.test(piece)) {
          flush();
          offset += piece.length;
          continue;
        }
        let node: Node = document.createTextNode(piece);
        if (seg.hit >= 0) {
          const mark = h('mark', { class: 'hit' }, node);
          this.marks[seg.hit]?.push(mark);
          node = mark;
        }
        if (passage && isMarked(passage)) {
          const colour = legend.get(passage.speaker ?? '') ?? 0;
          const span = h('span', {
            class: `said sp-${colour} said-${passage.kind}`,
            title: `${passage.speaker ?? ''} (${kindLabel(passage.kind).toLowerCase()})`,
          });
          if (labelled !== seg.passage) {
            labelled = seg.passage;
            span.dataset.start = String(passage.start);
            const written = labels.get(seg.passage)?.text;
            const who = h('span', { class: `who sp-${colour}` }, passage.speaker ?? '');
            if (written !== undefined && written !== passage.speaker) who.title = `Labelled “${written}”`;
            span.append(who);
          }
          span.append(node);
          node = span;
        } else if (seg.passage < 0 && offset === seg.start) {
          const anchor = h('span', {}, node);
          anchor.dataset.start = String(seg.start);
          node = anchor;
        }
        para.append(node);
        offset += piece.length;
      }
    }
    flush();
    this.text.replaceChildren(fragment);
  }
}
