/**
 * The renderer's composition root: it picks the bridge (window.dictum in Electron, HTTP in
 * a browser), builds the store, the controllers and the layout, subscribes them to the
 * state, and sends each key press to the command registry.
 */
import type { DictumBridge } from '../main/common/bridge';
import type { StatusResponse } from '../main/common/contract';
import { registerCommands, type CommandContext } from './appCommands';
import { byId, isTyping } from './dom';
import { createHttpBridge, type HttpBridge } from './httpBridge';
import { ExportDialog } from './exportDialog';
import { Layout } from './layout';
import { LiveRegion } from './liveRegion';
import type { CommandRegistry } from './model/commands';
import { actionFor, keysLabel } from './model/keys';
import { initialState } from './model/state';
import { Dialog, StatusBar, renderKeyList, renderSkipped } from './panels';
import { catchDrops, OpenFolderHelp } from './openFolder';
import { QueryBar } from './queryBar';
import { ReaderController } from './readerController';
import { SavedSearchesView } from './savedSearchesView';
import { SearchController } from './searchController';
import { Store } from './store';
import { TimelineView } from './timelineView';

class App {
  private readonly commands: CommandRegistry<CommandContext>;
  private readonly help: Dialog;
  private readonly skipped: Dialog;
  private readonly openFolder: OpenFolderHelp;
  private readonly exporter: ExportDialog;
  private readonly saved: SavedSearchesView;
  private readonly statusBar: StatusBar;
  private readonly search: SearchController;
  private readonly timeline: TimelineView;
  private readonly queryBar: QueryBar;
  private status: StatusResponse | null = null;

  constructor(
    root: HTMLElement,
    private readonly bridge: DictumBridge,
  ) {
    const platform = bridge.platform;
    document.documentElement.dataset.platform = platform;
    const store = new Store();
    const live = new LiveRegion();
    const queryBar = new QueryBar(store, platform);
    this.queryBar = queryBar;
    const search = new SearchController({
      store,
      bridge,
      platform,
      live,
      queryBar,
      onOpen: (index) => reader.openHit(index),
    });
    this.search = search;
    const reader = new ReaderController({
      store,
      bridge,
      platform,
      live,
      search,
      // The layout is built below, before any state is synced.
      setReading: (reading) => layout.setReading(reading),
    });
    const desktop = bridge.desktop;
    this.help = new Dialog('help', 'Keyboard');
    renderKeyList(this.help.body, platform, desktop !== null);
    this.skipped = new Dialog('skipped', 'Skipped files');
    const openFolder = new OpenFolderHelp({
      corpusPath: () => this.status?.corpus.path ?? null,
      http: 'folderOpening' in bridge ? (bridge as HttpBridge) : null,
      onOpened: (corpus) => {
        // A new folder: back to the first screen, searched again as its files are read.
        store.dispatch(initialState);
        search.resetViews();
        search.refresh();
        live.say(`Opened ${corpus.name}`);
        queryBar.focus();
      },
    });
    this.openFolder = openFolder;
    this.timeline = new TimelineView({
      bridge,
      live,
      keys: keysLabel('toggleTimeline', platform),
      state: () => store.state,
      run: (next) => store.dispatch(next),
      leave: (to) => (to === 'results' ? search.list.el.focus() : queryBar.focus()),
    });
    const timeline = this.timeline;
    this.exporter = new ExportDialog(bridge, store, live, () => search.list.total);
    this.statusBar = new StatusBar(
      platform,
      () => this.showSkipped(),
      () => this.help.show(),
      desktop ? () => void desktop.openCorpusDialog() : () => openFolder.show(),
    );
    this.saved = new SavedSearchesView({
      api: bridge.saved,
      store,
      live,
      platform,
      open: (state) => {
        store.dispatch(state);
        search.resetViews();
        search.list.el.focus();
      },
    });
    this.statusBar.el.querySelector('.status-spacer')?.before(this.saved.notice, this.saved.statusButton);
    // The desktop's preload takes dropped folders; a browser would navigate to the file.
    if (!desktop) catchDrops((name) => openFolder.show(name));
    this.commands = registerCommands({
      store,
      bridge,
      queryBar,
      search,
      reader,
      help: this.help,
      showSkipped: () => this.showSkipped(),
      showOpenFolderHelp: () => openFolder.show(),
      showExport: () => this.exporter.open(),
      toggleTimeline: (active) => timeline.toggle(active),
      showSaveSearch: () => this.saved.showSave(),
      showSavedSearches: () => this.saved.showList(),
    });
    const layout = new Layout(root, {
      platform,
      queryBar,
      search,
      reader: reader.view,
      statusBar: this.statusBar,
      live,
      dialogs: [
        this.help,
        this.skipped,
        openFolder.dialog,
        this.exporter.dialog,
        this.saved.saveDialog,
        this.saved.listDialog,
      ],
      timeline,
      run: (action) => this.commands.run(action, { active: document.activeElement }),
    });

    store.subscribe((state, previous) => {
      queryBar.render(state);
      layout.render(state);
      search.update(state, previous);
      reader.sync(state);
      timeline.update();
    });
    queryBar.render(store.state);
    layout.render(store.state);
    reader.sync(store.state);
    search.start();

    document.addEventListener('keydown', (e) => this.onKey(e));
    // The desktop menu's View → Chart Over Time (its accelerator, Alt+T, never reaches the page).
    window.addEventListener('dictum:toggle-timeline', (e) => {
      e.preventDefault();
      timeline.toggle(document.activeElement);
    });
    // The desktop menu's File → Export Results… (its accelerator never reaches the page).
    window.addEventListener('dictum:export-results', (e) => {
      e.preventDefault();
      this.exporter.open();
    });
    // File → Save Search… and Saved Searches… in the desktop app, and its notifications' clicks.
    window.addEventListener('dictum:save-search', (e) => {
      e.preventDefault();
      this.saved.showSave();
    });
    window.addEventListener('dictum:saved-searches', (e) => {
      e.preventDefault();
      this.saved.showList();
    });
    void this.saved.refresh();
    void bridge.status().then(
      (s) => this.onStatus(s),
      (e: unknown) => search.empty.showError((e as Error).message),
    );
    bridge.onStatus((s) => this.onStatus(s));
    queryBar.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return;
    if (
      this.help.isOpen ||
      this.skipped.isOpen ||
      this.openFolder.dialog.isOpen ||
      this.exporter.dialog.isOpen ||
      this.saved.anyOpen
    )
      return;
    const active = document.activeElement;
    const action = actionFor(e, this.bridge.platform, isTyping(active));
    if (action !== null && this.commands.run(action, { active })) e.preventDefault();
    else if (active === this.search.list.el && isPrintable(e)) {
      // Typing in the list goes on in the search box: focus moves before the character lands.
      this.queryBar.focus();
    }
  }

  private onStatus(status: StatusResponse): void {
    // New statements (indexing, or a file changed in the folder): the chart counts again.
    if (this.status !== null && this.status.passages !== status.passages) this.timeline.recount();
    this.status = status;
    this.statusBar.update(status);
    if (this.skipped.isOpen) renderSkipped(this.skipped.body, status);
    document.title = status.corpus.name ? `${status.corpus.name} — Dictum` : 'Dictum';
    this.search.onStatus(status);
    this.saved.onStatus(status);
  }

  private showSkipped(): void {
    renderSkipped(this.skipped.body, this.status);
    this.skipped.show();
  }
}

function isPrintable(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
}

function start(): void {
  const host = (window as unknown as { dictum?: DictumBridge }).dictum;
  new App(byId('app'), host ?? createHttpBridge());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
