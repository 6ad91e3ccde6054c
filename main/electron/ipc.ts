/**
 * IPC: every handler checks its sender, then its arguments, then answers an envelope. The
 * contract's methods go to the open corpus's SearchService; the desktop actions (open a
 * folder, open or reveal an original, export) to the other parts through the context.
 */
import { dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isAbsolute } from 'node:path';
import { DESKTOP_CHANNELS, EXPORT_PROGRESS_CHANNEL } from '../common/bridge';
import { CONTRACT, CONTRACT_METHODS, ContractError, type ContractMethod } from '../common/contract';
import { validateDocumentId, validateSearchRequest, validateTimelineRequest } from '../common/validate';
import { SAVED_CONTRACT } from '../common/savedSearches';
import { validateSavedId, validateSavedInput, validateSavedPatch } from '../common/savedValidate';
import { DROPPED_FOLDER_CHANNEL, type IpcResult } from './channels';
import { saveExport } from './exportSave';
import { senderProblem } from './security';
import { liveWindow, messageOf, type ShellContext } from './shellContext';

function checkSender(ctx: ShellContext, event: IpcMainInvokeEvent | IpcMainEvent): string | null {
  const frame = event.senderFrame;
  const target = liveWindow(ctx)?.webContents ?? null;
  return senderProblem(
    {
      webContentsId: event.sender.id,
      frame: frame
        ? {
            url: frame.url,
            isMainFrame: frame.parent === null,
            processId: frame.processId,
            routingId: frame.routingId,
          }
        : null,
    },
    target
      ? {
          webContentsId: target.id,
          mainFrame: { processId: target.mainFrame.processId, routingId: target.mainFrame.routingId },
        }
      : null,
  );
}

export function installIpc(ctx: ShellContext): void {
  const { actions } = ctx;

  function handle(channel: string, arity: number, run: (...args: unknown[]) => Promise<unknown>): void {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      const problem = checkSender(ctx, event);
      if (problem) {
        console.warn(`electron: ${channel}: ${problem}`);
        return { ok: false, error: problem, status: 403 };
      }
      if (args.length > arity) {
        return {
          ok: false,
          error: `ipc: ${channel} takes ${arity} argument(s), got ${args.length}`,
          status: 400,
        };
      }
      try {
        return { ok: true, value: await run(...args) };
      } catch (error) {
        return {
          ok: false,
          error: messageOf(error),
          status: error instanceof ContractError ? error.status : 500,
        };
      }
    });
  }

  const contractHandlers: Record<ContractMethod, { arity: number; run: (arg: unknown) => Promise<unknown> }> =
    {
      search: {
        arity: 1,
        run: async (raw) => (await actions.openCorpusNow()).service.search(validateSearchRequest(raw)),
      },
      document: {
        arity: 1,
        run: async (raw) => {
          const id = validateDocumentId(raw);
          const document = await (await actions.openCorpusNow()).service.document(id);
          const first = ctx.lastDocumentId === null;
          ctx.lastDocumentId = id;
          if (first) actions.refreshMenu();
          return document;
        },
      },
      status: { arity: 0, run: async () => (await actions.openCorpusNow()).service.status() },
      timeline: {
        arity: 1,
        run: async (raw) => (await actions.openCorpusNow()).service.timeline(validateTimelineRequest(raw)),
      },
    };
  for (const method of CONTRACT_METHODS) {
    const { arity, run } = contractHandlers[method];
    handle(CONTRACT[method].channel, arity, run);
  }
  // Saved searches: the open corpus's, checked here as HTTP checks them (savedValidate.ts).
  const saved = async () => (await actions.openCorpusNow()).service.saved;
  handle(SAVED_CONTRACT.listSaved.channel, 0, async () => (await saved()).listSaved());
  handle(SAVED_CONTRACT.createSaved.channel, 1, async (raw) =>
    (await saved()).createSaved(validateSavedInput(raw)),
  );
  handle(SAVED_CONTRACT.updateSaved.channel, 2, async (id, patch) =>
    (await saved()).updateSaved(validateSavedId(id), validateSavedPatch(patch)),
  );
  handle(SAVED_CONTRACT.deleteSaved.channel, 1, async (id) =>
    (await saved()).deleteSaved(validateSavedId(id)),
  );
  handle(SAVED_CONTRACT.openSaved.channel, 1, async (id) => (await saved()).openSaved(validateSavedId(id)));
  handle(DESKTOP_CHANNELS.openCorpusDialog, 0, () => actions.chooseCorpus());
  handle(DESKTOP_CHANNELS.openOriginal, 1, async (raw) => actions.openOriginal(validateDocumentId(raw)));
  handle(DESKTOP_CHANNELS.revealOriginal, 1, async (raw) => actions.revealOriginal(validateDocumentId(raw)));
  handle(DESKTOP_CHANNELS.exportResults, 2, (request, format) =>
    saveExport(
      {
        showSaveDialog: (options) => {
          const window = liveWindow(ctx);
          return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
        },
        source: async () => (await actions.openCorpusNow()).service,
        progress: (p) => liveWindow(ctx)?.webContents.send(EXPORT_PROGRESS_CHANNEL, p),
      },
      request,
      format,
    ),
  );

  ipcMain.on(DROPPED_FOLDER_CHANNEL, (event, raw: unknown) => {
    const problem = checkSender(ctx, event);
    if (problem) {
      console.warn(`electron: ${DROPPED_FOLDER_CHANNEL}: ${problem}`);
      return;
    }
    if (typeof raw !== 'string' || raw.length > 4096 || !isAbsolute(raw)) return;
    void actions.openDroppedPath(raw);
  });
}
