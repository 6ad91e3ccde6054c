/**
 * Export every match of the current search: pick CSV (spreadsheets) or JSON Lines (programs)
 * and press Enter. In a browser the file is a download of `GET /api/export`, whose progress
 * the browser shows; in the desktop app the main process asks where to save and reports
 * progress here, in a progress bar and the live region.
 */
import type { DictumBridge } from '../main/common/bridge';
import type { ExportFormat } from '../main/common/exportRows';
import { formatCount, h, setText } from './dom';
import type { LiveRegion } from './liveRegion';
import { exportUrl } from './model/exportUrl';
import { toRequest } from './model/state';
import { Dialog } from './panels';
import type { Store } from './store';

const FORMATS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'csv', label: 'CSV', hint: 'for spreadsheets (Excel, LibreOffice, Google Sheets)' },
  { format: 'jsonl', label: 'JSON Lines', hint: 'one JSON object a line, for scripts and jq' },
];

export class ExportDialog {
  readonly dialog = new Dialog('export', 'Export every match');
  private readonly summary = h('p', { class: 'export-summary' });
  private readonly progress = h('progress', { class: 'export-progress', max: 1, value: 0, hidden: true });
  private readonly state = h('p', { class: 'export-state', role: 'status' });
  private readonly start = h('button', { type: 'submit', class: 'tool-button export-start' }, 'Export');
  private readonly choices: HTMLInputElement[];
  private running = false;

  constructor(
    private readonly bridge: DictumBridge,
    private readonly store: Store,
    private readonly live: LiveRegion,
    private readonly total: () => number,
  ) {
    this.choices = FORMATS.map(({ format }, i) =>
      h('input', {
        type: 'radio',
        name: 'export-format',
        value: format,
        id: `export-${format}`,
        checked: i === 0,
      }),
    );
    const form = h(
      'form',
      { class: 'export-form' },
      this.summary,
      h(
        'fieldset',
        { class: 'export-formats' },
        h('legend', {}, 'Format'),
        ...FORMATS.map(({ format, label, hint }, i) =>
          h(
            'div',
            { class: 'export-choice' },
            this.choices[i]!,
            h('label', { for: `export-${format}` }, `${label} — ${hint}`),
          ),
        ),
      ),
      this.start,
      this.progress,
      this.state,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    this.dialog.body.append(form);
    bridge.onExportProgress?.(({ done, total }) => this.showProgress(done, total));
  }

  open(): void {
    const n = this.total();
    setText(
      this.summary,
      n === 0
        ? 'The current search has no matches to export.'
        : `All ${formatCount(n)} ${n === 1 ? 'match' : 'matches'} of the current search, with speaker, kind, date, topics, title, source, URL, page, text and offsets.`,
    );
    this.start.disabled = n === 0 || this.running;
    this.dialog.show();
    (this.choices.find((c) => c.checked) ?? this.choices[0])?.focus();
  }

  private format(): ExportFormat {
    return (this.choices.find((c) => c.checked)?.value as ExportFormat | undefined) ?? 'csv';
  }

  private async run(): Promise<void> {
    if (this.running || this.total() === 0) return;
    const format = this.format();
    const request = toRequest(this.store.state);
    const desktop = this.bridge.desktop;
    if (!desktop) {
      // The browser downloads the stream and shows its progress in its download list.
      const link = h('a', { href: exportUrl(request, format), download: true, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      this.say(
        `Downloading ${formatCount(this.total())} matches as ${format === 'csv' ? 'CSV' : 'JSON Lines'}.`,
      );
      return;
    }
    this.running = true;
    this.start.disabled = true;
    try {
      const outcome = await desktop.exportResults(request, format);
      this.say(
        outcome ? `Exported ${formatCount(outcome.rows)} matches to ${outcome.path}.` : 'Export cancelled.',
      );
    } catch (error) {
      this.say(`The export failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
      this.start.disabled = false;
      this.progress.hidden = true;
    }
  }

  private showProgress(done: number, total: number): void {
    this.progress.hidden = false;
    this.progress.max = Math.max(total, 1);
    this.progress.value = done;
    setText(this.state, `${formatCount(done)} of ${formatCount(total)} matches written…`);
  }

  private say(text: string): void {
    setText(this.state, text);
    this.live.say(text);
  }
}
