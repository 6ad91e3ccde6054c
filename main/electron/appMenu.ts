/** The application menu, the theme, and the warning dialogs the other parts show. */
import { app, dialog, Menu, nativeTheme } from 'electron';
import { MENU_COMMAND_CHANNEL, type PageCommand } from './channels';
import { buildMenuTemplate } from './menu';
import type { ThemeSource } from './settings';
import { liveWindow, messageOf, PRODUCT_NAME, type ShellActions, type ShellContext } from './shellContext';

export function appMenu(ctx: ShellContext): Pick<ShellActions, 'refreshMenu' | 'showError'> {
  const { actions } = ctx;

  function sendPageCommand(command: PageCommand): void {
    liveWindow(ctx)?.webContents.send(MENU_COMMAND_CHANNEL, command);
  }

  function setTheme(theme: ThemeSource): void {
    nativeTheme.themeSource = theme;
    ctx.settings = { ...ctx.settings, theme };
    actions.persist();
    refreshMenu();
  }

  /** File → Open Original and Show in Folder act on the document the window last opened. */
  function onLastDocument(action: (docId: string) => Promise<void>): void {
    if (ctx.lastDocumentId === null) return;
    action(ctx.lastDocumentId).catch((error: unknown) => showError('Dictum could not open the file', error));
  }

  function refreshMenu(): void {
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        appName: PRODUCT_NAME,
        isDev: !app.isPackaged,
        recentCorpora: ctx.settings.recentCorpora,
        theme: ctx.settings.theme,
        hasDocument: ctx.lastDocumentId !== null,
      },
      {
        openFolder: () =>
          void actions.chooseCorpus().catch((error: unknown) => showError('Dictum could not open', error)),
        openRecent: (dir) => void actions.openFolderIfPossible(dir),
        clearRecent: () => {
          ctx.settings = { ...ctx.settings, recentCorpora: [] };
          if (process.platform !== 'linux') app.clearRecentDocuments();
          actions.persist();
          refreshMenu();
        },
        openOriginal: () => onLastDocument(actions.openOriginal),
        revealOriginal: () => onLastDocument(actions.revealOriginal),
        focusSearch: () => sendPageCommand('focus-search'),
        showShortcuts: () => sendPageCommand('show-shortcuts'),
        exportResults: () => sendPageCommand('export-results'),
        saveSearch: () => sendPageCommand('save-search'),
        showSavedSearches: () => sendPageCommand('saved-searches'),
        toggleTimeline: () => sendPageCommand('toggle-timeline'),
        setTheme,
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  function showError(title: string, error: unknown): void {
    const options = {
      type: 'warning' as const,
      title: PRODUCT_NAME,
      message: title,
      detail: messageOf(error),
    };
    const window = liveWindow(ctx);
    if (window) void dialog.showMessageBox(window, options);
    else void dialog.showMessageBox(options);
  }

  return { refreshMenu, showError };
}
