/**
 * The application menu as a template: a pure function of the platform and the app's state,
 * so the accelerators and the platform differences are tested without Electron. macOS gets
 * the app menu (About, Services, Hide, Quit) first and a Window menu; Windows and Linux get
 * Quit under File and About under Help, as their users expect.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { ThemeSource } from './settings';

export interface MenuActions {
  openFolder(): void;
  openRecent(dir: string): void;
  clearRecent(): void;
  openOriginal(): void;
  revealOriginal(): void;
  focusSearch(): void;
  showShortcuts(): void;
  exportResults(): void;
  saveSearch(): void;
  showSavedSearches(): void;
  toggleTimeline(): void;
  setTheme(theme: ThemeSource): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools are offered only when running unpackaged. */
  isDev: boolean;
  recentCorpora: readonly string[];
  theme: ThemeSource;
  /** Whether a document has been opened, so Open Original / Reveal have something to act on. */
  hasDocument: boolean;
}

export const ACCELERATORS = {
  openFolder: 'CmdOrCtrl+O',
  openOriginal: 'CmdOrCtrl+Shift+O',
  revealOriginal: 'CmdOrCtrl+Alt+R',
  focusSearch: 'CmdOrCtrl+F',
  showShortcuts: 'CmdOrCtrl+/',
  exportResults: 'CmdOrCtrl+Shift+E',
  saveSearch: 'CmdOrCtrl+S',
  showSavedSearches: 'Alt+L',
  toggleTimeline: 'Alt+T',
} as const;

function revealLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Reveal in Finder';
  if (platform === 'win32') return 'Show in Explorer';
  return 'Show in Folder';
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = state.recentCorpora.map((dir) => ({
    label: `${basename(dir) || dir} — ${dir}`,
    click: () => actions.openRecent(dir),
  }));
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Folder…', accelerator: ACCELERATORS.openFolder, click: () => actions.openFolder() },
      {
        label: 'Open Recent',
        submenu: [
          ...(recent.length > 0 ? recent : [{ label: 'No Recent Folders', enabled: false }]),
          { type: 'separator' },
          { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      { label: 'Save Search…', accelerator: ACCELERATORS.saveSearch, click: () => actions.saveSearch() },
      {
        label: 'Saved Searches…',
        accelerator: ACCELERATORS.showSavedSearches,
        click: () => actions.showSavedSearches(),
      },
      {
        label: 'Export Results…',
        accelerator: ACCELERATORS.exportResults,
        click: () => actions.exportResults(),
      },
      { type: 'separator' },
      {
        label: 'Open Original',
        accelerator: ACCELERATORS.openOriginal,
        enabled: state.hasDocument,
        click: () => actions.openOriginal(),
      },
      {
        label: revealLabel(state.platform),
        accelerator: ACCELERATORS.revealOriginal,
        enabled: state.hasDocument,
        click: () => actions.revealOriginal(),
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find', accelerator: ACCELERATORS.focusSearch, click: () => actions.focusSearch() },
    ],
  };
  const themeItem = (theme: ThemeSource, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: state.theme === theme,
    click: () => actions.setTheme(theme),
  });
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(state.isDev
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      {
        label: 'Chart Over Time',
        accelerator: ACCELERATORS.toggleTimeline,
        click: () => actions.toggleTimeline(),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      {
        label: 'Appearance',
        submenu: [
          themeItem('system', 'Follow System'),
          themeItem('light', 'Light'),
          themeItem('dark', 'Dark'),
        ],
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      {
        label: 'Keyboard Shortcuts',
        accelerator: ACCELERATORS.showShortcuts,
        click: () => actions.showShortcuts(),
      },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about' }] satisfies MenuItemConstructorOptions[])),
    ],
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: state.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(file, edit, view);
  if (mac) template.push({ role: 'windowMenu' });
  template.push(help);
  return template;
}
