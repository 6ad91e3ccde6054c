/**
 * Opening another folder from the browser UI. A local `dictum serve` can switch folders: Ctrl+O
 * (or a dropped folder) asks for the folder's full path, since a browser never tells a page
 * where a dropped folder is. A server that cannot switch (shared, remote) says why and how to
 * start Dictum on another folder. Either way the browser's own Ctrl+O (its file dialog) and
 * its handling of a drop (navigating to the file) never happen.
 */
import { h, setText } from './dom';
import type { HttpBridge } from './httpBridge';
import { Dialog } from './panels';

export interface OpenFolderOptions {
  /** The folder the server searches, once the status has said it. */
  corpusPath(): string | null;
  /** The HTTP bridge where the page is served by `dictum serve`; null in the desktop app. */
  http: HttpBridge | null;
  /** Called once the server has switched to the folder. */
  onOpened(corpus: { path: string; name: string }): void;
}

export class OpenFolderHelp {
  readonly dialog: Dialog;
  private readonly dropped: HTMLParagraphElement;
  private readonly where: HTMLParagraphElement;
  private readonly form: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly problem: HTMLParagraphElement;
  private readonly instead: HTMLDivElement;
  private actionToken: string | null = null;
  private busy = false;

  constructor(private readonly options: OpenFolderOptions) {
    this.dialog = new Dialog('open-folder', 'Open a folder');
    this.dropped = h('p', { class: 'open-folder-note', hidden: true });
    this.where = h('p', {});
    this.input = h('input', {
      type: 'text',
      id: 'open-folder-path',
      class: 'folder-input',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: '/home/me/articles',
      'aria-describedby': 'open-folder-problem',
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void this.open();
      }
    });
    const go = h('button', { type: 'button', class: 'tool-button' }, 'Open');
    go.addEventListener('click', () => void this.open());
    this.problem = h('p', { class: 'open-folder-problem', id: 'open-folder-problem', role: 'alert' });
    this.form = h(
      'div',
      { class: 'open-folder-form', hidden: true },
      h('label', { for: 'open-folder-path' }, 'The folder’s full path (Enter opens it)'),
      h('div', { class: 'open-folder-row' }, this.input, go),
      this.problem,
    );
    const command = (text: string) => h('pre', { class: 'command' }, h('code', {}, text));
    this.instead = h(
      'div',
      {},
      h('p', {}, 'Or start Dictum on another folder from a terminal:'),
      command('npx dictum serve --corpus ~/articles'),
      h('p', {}, 'or open it in the desktop app, where Ctrl+O and dropping a folder open it directly:'),
      command('npx dictum app --corpus ~/articles'),
    );
    this.dialog.body.append(this.dropped, this.where, this.form, this.instead);
  }

  /** Shows the dialog; `dropped` names what the user dropped on the page. */
  show(dropped: string | null = null): void {
    const path = this.options.corpusPath();
    setText(this.where, `Dictum searches ${path ? path : 'the folder its server was started with'}.`);
    this.dropped.hidden = dropped === null;
    setText(
      this.dropped,
      dropped === null
        ? ''
        : `“${dropped}” was dropped here, but a browser does not tell Dictum where it is.`,
    );
    setText(this.problem, '');
    this.dialog.show();
    void this.checkServer();
  }

  private async checkServer(): Promise<void> {
    const http = this.options.http;
    if (!http) return;
    try {
      const answer = await http.folderOpening();
      this.actionToken = answer.available ? answer.actionToken : null;
      this.form.hidden = !answer.available;
      if (!answer.available)
        setText(this.problem, `This server cannot open another folder: ${answer.reason}.`);
    } catch {
      // An older server without the route: the terminal instructions stay.
      this.form.hidden = true;
    }
    if (!this.form.hidden && this.dialog.isOpen) {
      this.input.focus();
      this.input.select();
    }
  }

  private async open(): Promise<void> {
    const http = this.options.http;
    const path = this.input.value.trim();
    if (!http || this.actionToken === null || this.busy) return;
    if (path === '') {
      setText(this.problem, 'Type the folder’s full path first.');
      return;
    }
    this.busy = true;
    setText(this.problem, 'Opening…');
    try {
      const corpus = await http.openFolder(path, this.actionToken);
      setText(this.problem, '');
      this.dialog.close();
      this.options.onOpened(corpus);
    } catch (e) {
      setText(this.problem, (e as Error).message);
    } finally {
      this.busy = false;
    }
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
