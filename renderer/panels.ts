/**
 * The status bar (corpus, size, indexing progress, skipped files) and the two dialogs: the
 * list of keys and the list of skipped files.
 */
import type { HostPlatform } from '../main/common/bridge';
import type { StatusResponse } from '../main/common/contract';
import { formatCount, h, plural, setAttr, setText } from './dom';
import { actionsList, keysLabel, tooltip, type Action } from './model/keys';

/** The time left, from the rate so far; null until there is a rate to go by. */
export function timeLeftMs(filesDone: number, filesTotal: number, elapsedMs: number): number | null {
  if (filesDone <= 0 || filesTotal <= filesDone || elapsedMs <= 0) return null;
  return (elapsedMs / filesDone) * (filesTotal - filesDone);
}

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export class StatusBar {
  readonly el: HTMLElement;
  private readonly corpus: HTMLSpanElement;
  private readonly size: HTMLSpanElement;
  private readonly progress: HTMLProgressElement;
  private readonly progressText: HTMLSpanElement;
  private readonly progressBox: HTMLSpanElement;
  private readonly skippedButton: HTMLButtonElement;
  private readonly error: HTMLSpanElement;

  constructor(
    platform: HostPlatform,
    onSkipped: () => void,
    onHelp: () => void,
    onOpenCorpus: (() => void) | null,
  ) {
    this.corpus = h('span', { class: 'status-corpus' });
    this.size = h('span', { class: 'status-size' });
    this.progress = h('progress', {
      class: 'status-progress',
      max: 1,
      value: 0,
      'aria-label': 'Indexing progress',
    });
    this.progressText = h('span', { class: 'status-progress-text' });
    this.progressBox = h(
      'span',
      { class: 'status-indexing', hidden: true },
      this.progress,
      this.progressText,
    );
    this.skippedButton = h('button', {
      type: 'button',
      class: 'link-button status-skipped',
      hidden: true,
      title: tooltip('skipped', platform),
    });
    this.skippedButton.addEventListener('click', onSkipped);
    this.error = h('span', { class: 'status-error', role: 'alert' });
    const help = h(
      'button',
      { type: 'button', class: 'link-button', title: tooltip('help', platform) },
      'Keys ?',
    );
    help.addEventListener('click', onHelp);
    const open = onOpenCorpus
      ? h(
          'button',
          { type: 'button', class: 'link-button', title: tooltip('openCorpus', platform) },
          'Open folder…',
        )
      : null;
    open?.addEventListener('click', () => onOpenCorpus?.());
    this.el = h(
      'footer',
      { class: 'statusbar', 'aria-label': 'Status' },
      this.corpus,
      this.size,
      this.progressBox,
      this.skippedButton,
      this.error,
      h('span', { class: 'status-spacer' }),
      open,
      help,
    );
  }

  update(status: StatusResponse): void {
    setText(this.corpus, status.corpus.name || 'Corpus');
    setAttr(this.corpus, 'title', status.corpus.path);
    setText(
      this.size,
      `${plural(status.documents, 'document', 'documents')} · ${plural(status.passages, 'statement', 'statements')}`,
    );
    const p = status.progress;
    const indexing = p.phase === 'starting' || p.phase === 'reading' || p.phase === 'loading-cache';
    this.progressBox.hidden = !indexing;
    if (indexing) {
      const total = Math.max(1, p.filesTotal);
      this.progress.max = total;
      this.progress.value = Math.min(total, p.filesDone);
      const left = timeLeftMs(p.filesDone, p.filesTotal, p.elapsedMs);
      const what =
        p.phase === 'loading-cache'
          ? 'Opening the saved index'
          : p.phase === 'starting'
            ? 'Starting'
            : 'Indexing';
      setText(
        this.progressText,
        `${what}: ${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} files · ${plural(p.passages, 'passage', 'passages')}${left !== null ? ` · about ${formatDuration(left)} left` : ''}${p.ocr ? ` · OCR of ${p.ocr.path}: page ${p.ocr.page} of ${p.ocr.pages}` : ''}`,
      );
    }
    const skipped = status.skipped.length;
    this.skippedButton.hidden = skipped === 0;
    setText(this.skippedButton, `${plural(skipped, 'file', 'files')} skipped`);
    setText(this.error, status.error ?? (p.phase === 'failed' ? 'Indexing failed' : ''));
  }
}

/** A modal dialog that gives focus back to where it was when it closes. */
export class Dialog {
  readonly el: HTMLDialogElement;
  readonly body: HTMLDivElement;
  private returnFocus: HTMLElement | null = null;

  constructor(id: string, title: string) {
    const close = h(
      'button',
      { type: 'button', class: 'tool-button dialog-close', 'aria-label': 'Close' },
      'Esc',
    );
    close.addEventListener('click', () => this.close());
    this.body = h('div', { class: 'dialog-body' });
    this.el = h(
      'dialog',
      { id, class: 'dialog', 'aria-labelledby': `${id}-title` },
      h('div', { class: 'dialog-head' }, h('h2', { id: `${id}-title` }, title), close),
      this.body,
    );
    this.el.addEventListener('close', () => {
      // The close event comes a task later: if focus has moved on meanwhile (a key pressed
      // right after Esc), it stays where it went.
      const now = document.activeElement;
      if (now === null || now === document.body || this.el.contains(now)) this.returnFocus?.focus();
      this.returnFocus = null;
    });
  }

  get isOpen(): boolean {
    return this.el.open;
  }

  show(): void {
    if (this.el.open) return;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.el.showModal();
  }

  close(): void {
    if (this.el.open) this.el.close();
  }
}

/** The `?` overlay: every action and its keys, grouped. */
export function renderKeyList(container: HTMLElement, platform: HostPlatform, desktop: boolean): void {
  const groups = new Map<string, Array<{ action: Action; label: string }>>();
  for (const a of actionsList(desktop)) {
    const list = groups.get(a.group) ?? [];
    list.push(a);
    groups.set(a.group, list);
  }
  const sections = [...groups].map(([group, actions]) =>
    h(
      'section',
      { class: 'keys-group' },
      h('h3', {}, group),
      h(
        'table',
        { class: 'keys-table' },
        h(
          'tbody',
          {},
          ...actions.map((a) =>
            h(
              'tr',
              {},
              h(
                'td',
                { class: 'keys-cell' },
                ...keysLabel(a.action, platform)
                  .split(' or ')
                  .flatMap((k, i) => [i > 0 ? ' ' : null, h('kbd', {}, k)]),
              ),
              h('td', {}, a.label),
            ),
          ),
        ),
      ),
    ),
  );
  const extra = h(
    'section',
    { class: 'keys-group' },
    h('h3', {}, 'Inside a facet'),
    h(
      'table',
      { class: 'keys-table' },
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, '↑'), ' ', h('kbd', {}, '↓')),
          h('td', {}, 'Move between values'),
        ),
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, 'Space')),
          h('td', {}, 'Select or unselect the value'),
        ),
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, 'Enter')),
          h('td', {}, 'In the speaker box: select the first speaker found'),
        ),
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, '←'), ' ', h('kbd', {}, '→')),
          h('td', {}, 'Date histogram: move between bars'),
        ),
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, 'Enter'), ' ', h('kbd', {}, 'Shift+Enter')),
          h('td', {}, 'Date histogram: select a bar; extend the range to it'),
        ),
        h(
          'tr',
          {},
          h('td', { class: 'keys-cell' }, h('kbd', {}, 'Backspace')),
          h('td', {}, 'In an empty search box: remove the last filter'),
        ),
      ),
    ),
  );
  container.replaceChildren(...sections, extra);
}

export function renderSkipped(container: HTMLElement, status: StatusResponse | null): void {
  const skipped = status?.skipped ?? [];
  if (skipped.length === 0) {
    container.replaceChildren(h('p', {}, 'No file was skipped.'));
    return;
  }
  container.replaceChildren(
    h('p', {}, `${plural(skipped.length, 'file', 'files')} could not be read:`),
    h(
      'ul',
      { class: 'skipped-list' },
      ...skipped.map((s) =>
        h('li', {}, h('code', {}, s.path), h('span', { class: 'skipped-reason' }, s.reason)),
      ),
    ),
  );
}
