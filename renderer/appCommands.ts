/**
 * Every action of the keyboard map, registered with what it does in this window. A handler
 * returns false when the action does not apply where focus is (the key then keeps its usual
 * meaning, for instance ↓ inside a facet list).
 */
import type { DictumBridge } from '../main/common/bridge';
import type { Dialog } from './panels';
import { CommandRegistry } from './model/commands';
import {
  closeDocument,
  cycleSort,
  initialState,
  setQuery,
  statesEqual,
  toggleGroup,
  toggleCollapse,
  type ListFacet,
} from './model/state';
import type { QueryBar } from './queryBar';
import type { ReaderController } from './readerController';
import type { SearchController } from './searchController';
import type { Store } from './store';

/** What a command knows of the moment it runs. */
export interface CommandContext {
  /** The focused element when the key was pressed. */
  active: Element | null;
}

export interface AppParts {
  store: Store;
  bridge: DictumBridge;
  queryBar: QueryBar;
  search: SearchController;
  reader: ReaderController;
  help: Dialog;
  showSkipped(): void;
  /** In a browser: how to open another folder. */
  showOpenFolderHelp(): void;
  showExport(): void;
  /** Opens the chart over time, focuses it, or closes it from inside. */
  toggleTimeline(active: Element | null): void;
  showSaveSearch(): void;
  showSavedSearches(): void;
}

export function registerCommands(parts: AppParts): CommandRegistry<CommandContext> {
  const { store, bridge, queryBar, search, reader, help } = parts;
  const registry = new CommandRegistry<CommandContext>();
  const list = search.list;
  const input = queryBar.input;
  const onList = (active: Element | null) =>
    active === input || active === list.el || active === document.body || active === null;
  const leaveReader = () => {
    if (reader.isOpen) store.dispatch(closeDocument(store.state));
  };

  registry.register('focusSearch', () => {
    leaveReader();
    queryBar.focus(true);
    return true;
  });
  // From the search box, ↓ (or PgDn) takes focus into the list, so the letter keys act on
  // the highlighted result instead of typing; ↑ on the first result goes back up to the box.
  const move = (rows: () => number) => (c: CommandContext) => {
    if (reader.isOpen || !onList(c.active)) return false;
    const delta = rows();
    if (c.active === list.el) {
      if (!list.move(delta) && delta < 0) queryBar.focus();
    } else if (delta > 0) {
      // With nothing listed, ↓ reaches the suggestions ("Did you mean …") instead.
      if (list.total === 0 && search.empty.focusFirst()) return true;
      // The list's focus handler highlights the first result when none is.
      list.el.focus();
      if (delta > 1) list.move(delta);
    } else return false;
    search.syncActive();
    return true;
  };
  registry.register(
    'nextResult',
    move(() => 1),
  );
  registry.register(
    'prevResult',
    move(() => -1),
  );
  registry.register(
    'pageDown',
    move(() => list.pageRows()),
  );
  registry.register(
    'pageUp',
    move(() => -list.pageRows()),
  );
  registry.register('firstResult', (c) => {
    if (reader.isOpen || c.active !== list.el) return false;
    list.first();
    return true;
  });
  registry.register('lastResult', (c) => {
    if (reader.isOpen || c.active !== list.el) return false;
    list.last();
    return true;
  });
  registry.register('open', (c) => {
    if (reader.isOpen || !onList(c.active)) return false;
    let index = list.active;
    if (index < 0 && c.active === input && list.total > 0) index = 0;
    if (index < 0) return false;
    reader.openHit(index);
    return true;
  });
  registry.register('back', (c) => back(parts, c.active));
  registry.register('focusResults', () => {
    if (reader.isOpen) reader.close();
    list.el.focus();
    return true;
  });
  const facet = (name: ListFacet) => () => {
    leaveReader();
    search.facets[name].focus();
    return true;
  };
  registry.register('facetSpeaker', facet('speaker'));
  registry.register('facetTopic', facet('topic'));
  registry.register('facetKind', facet('kind'));
  registry.register('excludeFacetValue', (c) =>
    search.listViews.some((view) => view.excludeFocused(c.active)),
  );
  registry.register('facetDate', () => {
    leaveReader();
    search.dateFacet.focus();
    return true;
  });
  registry.register('cycleSort', () => {
    store.dispatch(cycleSort(store.state));
    return true;
  });
  registry.register('toggleGroup', () => {
    store.dispatch(toggleGroup(store.state));
    return true;
  });
  registry.register('toggleCollapse', () => {
    store.dispatch(toggleCollapse(store.state));
    return true;
  });
  const hit = (delta: 1 | -1) => () => {
    if (!reader.isOpen) return false;
    reader.step(delta);
    return true;
  };
  registry.register('nextHit', hit(1));
  registry.register('prevHit', hit(-1));
  registry.register('copyCitation', () => {
    if (!reader.canCite()) return false;
    void reader.copyCitation();
    return true;
  });
  registry.register('openOriginal', () => {
    if (!reader.isOpen || !reader.canOpenOriginal) return false;
    reader.openOriginal();
    return true;
  });
  registry.register('openCorpus', () => {
    // Handled in the browser too, so Ctrl+O never opens the browser's own file dialog.
    if (bridge.desktop) void bridge.desktop.openCorpusDialog();
    else parts.showOpenFolderHelp();
    return true;
  });
  registry.register('exportResults', () => {
    parts.showExport();
    return true;
  });
  registry.register('toggleTimeline', (c) => {
    leaveReader();
    parts.toggleTimeline(c.active);
    return true;
  });
  registry.register('saveSearch', () => {
    parts.showSaveSearch();
    return true;
  });
  registry.register('savedSearches', () => {
    parts.showSavedSearches();
    return true;
  });
  registry.register('skipped', () => {
    parts.showSkipped();
    return true;
  });
  registry.register('help', () => {
    help.show();
    return true;
  });
  return registry;
}

/** Esc: reader → results → search box → clear the query → the first screen. */
function back(parts: AppParts, active: Element | null): boolean {
  const { store, reader, queryBar, search } = parts;
  if (reader.isOpen || store.state.doc !== null) {
    reader.close();
    return true;
  }
  if (active !== queryBar.input) {
    queryBar.focus();
    return true;
  }
  if (store.state.q !== '') {
    store.dispatch(setQuery(store.state, ''));
    return true;
  }
  // Then back to the first screen exactly: no filter, the default order, no finder text.
  if (!statesEqual(store.state, initialState) || search.hasViewState()) {
    store.dispatch(initialState);
    search.resetViews();
    return true;
  }
  return false;
}
