/**
 * The corpus session: which folder is open, switching to another one (from the dialog, a drop,
 * Open Recent or a second launch), and the open documents' original files, found from an id
 * through the service, never from a path the renderer gives.
 */
import { app, dialog, shell } from 'electron';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { corpusFileOf } from '../corpus/folderBoundary';
import { createSearchService } from '../service/index';
import { bundledCorpusDir } from '../service/packagePaths';
import { isOpenableDocument } from './security';
import { withRecent } from './settings';
import {
  liveWindow,
  messageOf,
  PRODUCT_NAME,
  type OpenCorpus,
  type ShellActions,
  type ShellContext,
} from './shellContext';

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => null))?.isDirectory() ?? false;
}

function bundledCorpus(): string {
  return app.isPackaged ? join(process.resourcesPath, 'corpus') : bundledCorpusDir();
}

export function corpusSession(
  ctx: ShellContext,
): Pick<
  ShellActions,
  | 'openCorpusNow'
  | 'openCorpus'
  | 'openFolderIfPossible'
  | 'openDroppedPath'
  | 'chooseCorpus'
  | 'initialCorpus'
  | 'openOriginal'
  | 'revealOriginal'
> {
  const { actions } = ctx;

  async function openCorpusNow(): Promise<OpenCorpus> {
    await ctx.switching;
    if (!ctx.current) throw new Error('electron: no corpus is open');
    return ctx.current;
  }

  /** Closes the open corpus and opens `dir`; the renderer hears of it through status events. */
  function openCorpus(dir: string): Promise<void> {
    const next = ctx.switching.then(async () => {
      if (ctx.quitState !== 'running') return;
      if (ctx.current?.dir === dir) {
        actions.pushStatus();
        return;
      }
      const previous = ctx.current;
      ctx.current = null;
      ctx.lastDocumentId = null;
      if (previous) {
        previous.unsubscribe();
        await previous.service.close().catch((error: unknown) => {
          console.error(`electron: closing ${previous.dir} failed: ${messageOf(error)}`);
        });
      }
      const created = createSearchService({
        corpusDir: dir,
        cacheDir: join(app.getPath('userData'), 'index'),
        watch: true,
      });
      const opened: OpenCorpus = { dir, service: created, unsubscribe: () => undefined };
      const stopStatus = created.onProgress((status) => actions.scheduleStatusPush(opened, status));
      const stopAlerts = created.saved.onAlert((alert) => {
        if (ctx.current === opened) actions.notifySavedMatch(alert);
      });
      opened.unsubscribe = () => {
        stopStatus();
        stopAlerts();
      };
      ctx.current = opened;
      ctx.settings = { ...ctx.settings, recentCorpora: withRecent(ctx.settings.recentCorpora, dir) };
      // The OS's own recent list (Dock and jump list); Linux has none.
      if (process.platform !== 'linux') app.addRecentDocument(dir);
      actions.persist();
      actions.refreshMenu();
      liveWindow(ctx)?.setTitle(`${basename(dir) || dir} — ${PRODUCT_NAME}`);
      actions.pushStatus();
    });
    ctx.switching = next.catch((error: unknown) => {
      console.error(`electron: opening ${dir} failed: ${messageOf(error)}`);
      actions.showError('Dictum could not open this folder', error);
    });
    return ctx.switching;
  }

  async function openFolderIfPossible(dir: string): Promise<void> {
    if (!(await isDirectory(dir))) {
      actions.showError(
        'Dictum cannot open this folder',
        new Error(`${dir} is not a folder, or cannot be read.`),
      );
      return;
    }
    await openCorpus(dir);
  }

  async function openDroppedPath(path: string): Promise<void> {
    if (await isDirectory(path)) {
      await openCorpus(path);
      return;
    }
    actions.showError(
      'Drop a folder to search it',
      new Error(`${basename(path)} is a file; Dictum opens whole folders.`),
    );
  }

  async function chooseCorpus(): Promise<void> {
    const options = { title: 'Open a folder of documents', properties: ['openDirectory' as const] };
    const window = liveWindow(ctx);
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    const dir = result.canceled ? undefined : result.filePaths[0];
    if (dir) await openFolderIfPossible(dir);
  }

  async function initialCorpus(): Promise<string> {
    const early = ctx.openedBeforeReady;
    if (early && (await isDirectory(early))) return early;
    const startup = ctx.startupCorpus;
    if (startup) {
      if (await isDirectory(startup)) return startup;
      actions.showError('Dictum cannot open this folder', new Error(`${startup} is not a folder.`));
    }
    for (const dir of ctx.settings.recentCorpora) if (await isDirectory(dir)) return dir;
    return bundledCorpus();
  }

  async function fileOf(docId: string): Promise<string> {
    const open = await openCorpusNow();
    const { document } = await open.service.document(docId);
    const found = await corpusFileOf(open.dir, document.path);
    if (!found.ok) throw new Error(`electron: ${found.reason}`);
    return found.realPath;
  }

  async function openOriginal(docId: string): Promise<void> {
    const file = await fileOf(docId);
    if (!isOpenableDocument(file)) {
      // Not a document format Dictum reads: show it rather than run it.
      shell.showItemInFolder(file);
      return;
    }
    const failure = await shell.openPath(file);
    if (failure) throw new Error(`electron: could not open ${basename(file)}: ${failure}`);
  }

  async function revealOriginal(docId: string): Promise<void> {
    shell.showItemInFolder(await fileOf(docId));
  }

  return {
    openCorpusNow,
    openCorpus,
    openFolderIfPossible,
    openDroppedPath,
    chooseCorpus,
    initialCorpus,
    openOriginal,
    revealOriginal,
  };
}
