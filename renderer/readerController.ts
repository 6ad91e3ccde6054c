/**
 * The reader's controller: opens the document of a result when the state names one, closes
 * it back to the result it came from, steps through its hits, and copies citations (of the
 * statement under the current hit, or of the highlighted result).
 */
import type { DictumBridge, HostPlatform } from '../main/common/bridge';
import { searchRequest, type ExtractedDocument, type Hit } from '../main/common/contract';
import { parseQuery } from '../main/common/query';
import { h, plural } from './dom';
import { toast, type LiveRegion } from './liveRegion';
import { citeHit } from './model/citation';
import { tooltip } from './model/keys';
import { queryTerms } from './model/readerModel';
import { closeDocument, openDocument, type UiState } from './model/state';
import { ReaderView } from './readerView';
import { ReportsView } from './reportsView';
import type { SearchController } from './searchController';
import type { Store } from './store';

export interface ReaderControllerOptions {
  store: Store;
  bridge: DictumBridge;
  platform: HostPlatform;
  live: LiveRegion;
  search: SearchController;
  /** Lays the page out for reading (the reader beside or over the results), or not. */
  setReading(reading: boolean): void;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission (or focus), the old way still works in most hosts.
    const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export class ReaderController {
  readonly view: ReaderView;
  private readonly reports: ReportsView;
  private openedHit: Hit | null = null;
  private docSeq = 0;
  private reading = false;

  constructor(private readonly options: ReaderControllerOptions) {
    const { platform } = options;
    this.view = new ReaderView({
      onBack: () => this.close(),
      onNext: () => this.step(1),
      onPrev: () => this.step(-1),
      onCopy: () => void this.copyCitation(),
      onOpenOriginal: this.canOpenOriginal ? () => this.openOriginal() : null,
      tooltips: {
        back: tooltip('back', platform, 'Back to the results'),
        next: tooltip('nextHit', platform),
        prev: tooltip('prevHit', platform),
        copy: tooltip('copyCitation', platform),
        open: tooltip('openOriginal', platform),
      },
    });
    this.reports = new ReportsView((hit) => {
      this.openedHit = hit;
      const { store } = this.options;
      store.dispatch(openDocument(store.state, hit.docId, hit.id));
    });
    this.view.side.append(this.reports.el);
  }

  get isOpen(): boolean {
    return this.view.isOpen;
  }

  /** Opens the hit at this index of the results. */
  openHit(index: number): void {
    const hit = this.options.search.list.hit(index);
    if (!hit) return;
    this.openedHit = hit;
    const { store } = this.options;
    store.dispatch(openDocument(store.state, hit.docId, hit.id));
  }

  /** Shows or hides the reader to match the state. */
  sync(state: UiState): void {
    const { doc, passage } = state;
    const list = this.options.search.list;
    if (doc === null) {
      if (this.view.isOpen || this.reading) {
        const hadFocus = this.view.el.contains(document.activeElement);
        this.view.close();
        this.setReading(false);
        if (hadFocus || document.activeElement === document.body) list.el.focus();
      }
      return;
    }
    if (this.view.docId === doc && this.view.isOpen) return;
    const seq = ++this.docSeq;
    const { store, live } = this.options;
    this.options.bridge.document(doc).then(
      (d: ExtractedDocument) => {
        const now = store.state;
        if (seq !== this.docSeq || now.doc !== doc) return;
        const hit = this.openedHit?.id === passage ? this.openedHit : null;
        const typed = parseQuery(now.q).filters;
        this.view.open({
          doc: d,
          terms: queryTerms(now.q),
          filter: {
            speakers: [...now.speaker, ...typed.filter((f) => f.field === 'speaker').map((f) => f.value)],
            kinds: now.kind,
          },
          passageId: passage,
          hit,
        });
        this.setReading(true);
        this.showReports(hit, seq);
        this.view.text.focus();
        const hits = this.view.hitCount;
        live.say(`${d.document.title}. ${hits > 0 ? plural(hits, 'hit', 'hits') : 'No hits'}.`);
      },
      (e: unknown) => {
        if (seq !== this.docSeq) return;
        live.say(`The document could not be opened: ${(e as Error).message}`);
        store.dispatch(closeDocument(store.state));
      },
    );
  }

  private setReading(reading: boolean): void {
    this.reading = reading;
    this.options.setReading(reading);
  }

  /** The other reports of the opened quote (its group), when other documents report it. */
  private showReports(hit: Hit | null, seq: number): void {
    this.reports.clear();
    const group = hit?.group;
    if (!hit || !group) return;
    this.options.bridge.search(searchRequest({ group: group.id, sort: 'date-asc', limit: 50 })).then(
      (listing) => {
        if (seq === this.docSeq) this.reports.show(listing.hits, hit.id);
      },
      // The reader works without the list; the next opening asks again.
      () => undefined,
    );
  }

  /** Back to the results, at the statement the reader was opened from when it is still listed. */
  close(): void {
    const { store, search } = this.options;
    const passage = store.state.passage;
    store.dispatch(closeDocument(store.state));
    const latest = search.latest;
    if (latest && passage !== null) {
      for (const [i, hit] of latest.hits) {
        if (hit.id === passage) {
          search.list.activateHit(i);
          break;
        }
      }
    }
    search.list.el.focus();
  }

  step(delta: 1 | -1): void {
    const n = this.view.step(delta);
    if (n >= 0) this.options.live.say(`Hit ${n + 1} of ${this.view.hitCount}`);
  }

  /** Whether there is a statement to cite: the reader's, or the highlighted result's. */
  canCite(): boolean {
    return this.view.isOpen || this.options.search.list.active >= 0;
  }

  async copyCitation(): Promise<void> {
    const { search, live } = this.options;
    let text: string | null = null;
    if (this.view.isOpen) text = this.view.citation(new Date());
    else {
      const hit = search.list.hit(search.list.active);
      if (hit) text = citeHit(hit, new Date());
    }
    if (text === null) {
      live.say('No statement to cite: open a result first.');
      return;
    }
    const ok = await copyText(text);
    live.say(ok ? 'Citation copied' : 'The citation could not be copied');
    toast(ok ? 'Citation copied' : 'Could not copy');
  }

  /** On the desktop, with the system's application; in a browser, from the server in a new tab. */
  get canOpenOriginal(): boolean {
    return this.options.bridge.desktop !== null || 'folderOpening' in this.options.bridge;
  }

  openOriginal(): void {
    const id = this.view.docId;
    if (!id) return;
    const desktop = this.options.bridge.desktop;
    if (desktop) void desktop.openOriginal(id);
    else if (this.canOpenOriginal) {
      const page = this.view.currentPage();
      const url = `/api/documents/${encodeURIComponent(id)}/original${page !== null ? `#page=${page}` : ''}`;
      window.open(url, '_blank', 'noopener');
    }
  }
}
