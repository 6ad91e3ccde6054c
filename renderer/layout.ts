/**
 * The page's layout: the top bar with the search box, the chips, the facets beside the
 * results (or the reader), the status bar and the dialogs; and the results' head with its
 * sort and grouping buttons, which run their commands like their keys do.
 */
import type { HostPlatform } from '../main/common/bridge';
import { h, setAttr, setText } from './dom';
import type { LiveRegion } from './liveRegion';
import { keysLabel, tooltip, type Action } from './model/keys';
import type { UiState } from './model/state';
import type { Dialog, StatusBar } from './panels';
import type { QueryBar } from './queryBar';
import type { ReaderView } from './readerView';
import type { SearchController } from './searchController';

const SORT_LABELS = {
  relevance: 'Relevance',
  'date-desc': 'Newest first',
  'date-asc': 'Oldest first',
} as const;
const SYNTAX_HINT =
  'All words match · "exact phrase" · -exclude · a OR b · speaker:putin · topic:sport · kind:quote · date:2021-12 · after:2021-12-01 · before:2022';

export interface LayoutParts {
  platform: HostPlatform;
  queryBar: QueryBar;
  search: SearchController;
  reader: ReaderView;
  statusBar: StatusBar;
  live: LiveRegion;
  dialogs: Dialog[];
  /** The chart over time, above the results, and its toggle for the results head. */
  timeline: { el: HTMLElement; button: HTMLButtonElement };
  /** Runs a command, as its key would. */
  run(action: Action): void;
}

export class Layout {
  readonly workspace: HTMLDivElement;
  private readonly sortButton: HTMLButtonElement;
  private readonly groupButton: HTMLButtonElement;
  private readonly collapseButton: HTMLButtonElement;

  constructor(root: HTMLElement, parts: LayoutParts) {
    const { platform, queryBar, search } = parts;
    this.sortButton = h('button', {
      type: 'button',
      class: 'tool-button',
      title: tooltip('cycleSort', platform),
      'aria-describedby': 'sort-label',
    });
    this.sortButton.addEventListener('click', () => parts.run('cycleSort'));
    this.groupButton = h(
      'button',
      { type: 'button', class: 'tool-button', title: tooltip('toggleGroup', platform) },
      'Group by document',
    );
    this.groupButton.addEventListener('click', () => parts.run('toggleGroup'));
    this.collapseButton = h(
      'button',
      { type: 'button', class: 'tool-button', title: tooltip('toggleCollapse', platform) },
      'One row per quote',
    );
    this.collapseButton.addEventListener('click', () => parts.run('toggleCollapse'));
    const exportButton = h(
      'button',
      { type: 'button', class: 'tool-button', title: tooltip('exportResults', platform) },
      'Export…',
    );
    exportButton.addEventListener('click', () => parts.run('exportResults'));

    this.workspace = h(
      'div',
      { class: 'workspace' },
      h(
        'aside',
        { class: 'facets', 'aria-label': 'Filters' },
        search.facets.speaker.el,
        search.facets.topic.el,
        search.tags.el,
        search.dateFacet.el,
        search.facets.kind.el,
      ),
      h(
        'main',
        { class: 'main' },
        h(
          'section',
          { class: 'results-pane', 'aria-label': 'Results' },
          h(
            'div',
            { class: 'results-head' },
            search.total,
            search.took,
            h('span', { class: 'spacer' }),
            h('span', { class: 'tool-label', id: 'sort-label' }, 'Sort'),
            this.sortButton,
            this.groupButton,
            this.collapseButton,
            parts.timeline.button,
            exportButton,
          ),
          search.notes,
          parts.timeline.el,
          h('div', { class: 'results-body' }, search.list.el, search.empty.el),
        ),
        parts.reader.el,
      ),
    );

    root.replaceChildren(
      h(
        'header',
        { class: 'topbar' },
        h('h1', { class: 'brand' }, 'Dictum'),
        h(
          'div',
          { class: 'searchbox' },
          queryBar.input,
          h(
            'kbd',
            { class: 'key-hint search-key', 'aria-hidden': 'true' },
            keysLabel('focusSearch', platform),
          ),
        ),
        search.busy,
      ),
      h(
        'section',
        { class: 'querybar', 'aria-label': 'Query' },
        queryBar.chips,
        h('p', { class: 'syntax-hint', id: 'search-hint' }, SYNTAX_HINT),
      ),
      this.workspace,
      parts.statusBar.el,
      parts.live.el,
      ...parts.dialogs.map((d) => d.el),
    );
  }

  setReading(reading: boolean): void {
    this.workspace.classList.toggle('is-reading', reading);
  }

  render(state: UiState): void {
    setText(this.sortButton, SORT_LABELS[state.sort]);
    setAttr(this.groupButton, 'aria-pressed', state.group ? 'true' : 'false');
    setAttr(this.collapseButton, 'aria-pressed', state.collapse ? 'true' : 'false');
  }
}
