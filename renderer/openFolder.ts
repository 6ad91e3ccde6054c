/**
 * Opening another folder from the browser UI. A page served by `dictum serve` cannot open a
 * folder by itself (a browser does not tell it where a dropped folder is), so Ctrl+O and a
 * dropped folder open a short explanation of how to open one, and neither lets the browser
 * do its own thing instead (its file dialog, or navigating away to the dropped file).
 */
import { h } from './dom';
import { Dialog } from './panels';

export class OpenFolderHelp {
  readonly dialog: Dialog;
  private readonly dropped: HTMLParagraphElement;
  private readonly where: HTMLParagraphElement;

  /** `corpusPath` gives the folder the server searches, once the status has said it. */
  constructor(private readonly corpusPath: () => string | null) {
    this.dialog = new Dialog('open-folder', 'Open a folder');
    this.dropped = h('p', { class: 'open-folder-note', hidden: true });
    this.where = h('p', {});
    const command = (text: string) => h('pre', { class: 'command' }, h('code', {}, text));
    this.dialog.body.append(
      this.dropped,
      this.where,
      h('p', {}, 'To search another folder, start Dictum on it from a terminal:'),
      command('npx dictum serve --corpus ~/articles'),
      h('p', {}, 'or open it in the desktop app, where Ctrl+O and dropping a folder open it directly:'),
      command('npx dictum app --corpus ~/articles'),
    );
  }

  /** Shows the explanation; `dropped` names what the user dropped on the page. */
  show(dropped: string | null = null): void {
    const path = this.corpusPath();
    this.where.textContent = `In a browser, Dictum searches the folder its server was started with${path ? `: ${path}` : ''}.`;
    this.dropped.hidden = dropped === null;
    this.dropped.textContent =
      dropped === null
        ? ''
        : `“${dropped}” was dropped here, but a browser does not tell Dictum where it is.`;
    this.dialog.show();
  }
}

/** Keeps the browser from opening a file dropped on the page; tells `onDrop` what was dropped. */
export function catchDrops(onDrop: (name: string | null) => void): void {
  const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
  document.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    onDrop(e.dataTransfer?.files[0]?.name ?? null);
  });
}
