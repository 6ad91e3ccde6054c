/**
 * The keyboard map: every action of the UI and its keys, in one table that the key handler,
 * the tooltips and the `?` overlay all read. "Mod" is Cmd on macOS and Ctrl elsewhere.
 */
import type { HostPlatform } from '../../main/common/bridge';

export type Action =
  | 'focusSearch'
  | 'nextResult'
  | 'prevResult'
  | 'pageDown'
  | 'pageUp'
  | 'firstResult'
  | 'lastResult'
  | 'open'
  | 'back'
  | 'focusResults'
  | 'facetSpeaker'
  | 'facetTopic'
  | 'facetDate'
  | 'facetKind'
  | 'excludeFacetValue'
  | 'cycleSort'
  | 'toggleGroup'
  | 'toggleCollapse'
  | 'nextHit'
  | 'prevHit'
  | 'copyCitation'
  | 'openOriginal'
  | 'openCorpus'
  | 'skipped'
  | 'exportResults'
  | 'toggleTimeline'
  | 'saveSearch'
  | 'savedSearches'
  | 'help';

/** Where a binding applies: anywhere, or only when focus is not in a text field. */
export type When = 'always' | 'notTyping';

export interface Binding {
  action: Action;
  chords: string[];
  when: When;
  /** What the action does, for the overlay and tooltips. */
  label: string;
  group: 'Search' | 'Results' | 'Facets' | 'Reader' | 'App';
  desktopOnly?: boolean;
}

export const BINDINGS: readonly Binding[] = [
  { action: 'focusSearch', chords: ['/'], when: 'notTyping', label: 'Focus the search box', group: 'Search' },
  {
    action: 'focusSearch',
    chords: ['Mod+K'],
    when: 'always',
    label: 'Focus the search box',
    group: 'Search',
  },
  {
    action: 'back',
    chords: ['Escape'],
    when: 'always',
    label: 'Back one step: reader, results, clear the query, the first screen',
    group: 'Search',
  },
  { action: 'nextResult', chords: ['ArrowDown'], when: 'always', label: 'Next result', group: 'Results' },
  { action: 'nextResult', chords: ['J'], when: 'notTyping', label: 'Next result', group: 'Results' },
  { action: 'prevResult', chords: ['ArrowUp'], when: 'always', label: 'Previous result', group: 'Results' },
  { action: 'prevResult', chords: ['K'], when: 'notTyping', label: 'Previous result', group: 'Results' },
  {
    action: 'pageDown',
    chords: ['PageDown'],
    when: 'always',
    label: 'Down one page of results',
    group: 'Results',
  },
  { action: 'pageUp', chords: ['PageUp'], when: 'always', label: 'Up one page of results', group: 'Results' },
  { action: 'firstResult', chords: ['Home'], when: 'notTyping', label: 'First result', group: 'Results' },
  { action: 'lastResult', chords: ['End'], when: 'notTyping', label: 'Last result', group: 'Results' },
  {
    action: 'open',
    chords: ['Enter'],
    when: 'always',
    label: 'Open the result in the reader',
    group: 'Results',
  },
  {
    action: 'focusResults',
    chords: ['Alt+0'],
    when: 'always',
    label: 'Go to the results list',
    group: 'Results',
  },
  {
    action: 'cycleSort',
    chords: ['Alt+S'],
    when: 'always',
    label: 'Sort: relevance, newest, oldest',
    group: 'Results',
  },
  {
    action: 'toggleGroup',
    chords: ['Alt+G'],
    when: 'always',
    label: 'Group results by document',
    group: 'Results',
  },
  {
    action: 'facetSpeaker',
    chords: ['Alt+1'],
    when: 'always',
    label: 'Speaker facet (type to filter)',
    group: 'Facets',
  },
  { action: 'facetTopic', chords: ['Alt+2'], when: 'always', label: 'Topic facet', group: 'Facets' },
  {
    action: 'facetDate',
    chords: ['Alt+3'],
    when: 'always',
    label: 'Date facet (histogram and range)',
    group: 'Facets',
  },
  { action: 'facetKind', chords: ['Alt+4'], when: 'always', label: 'Kind facet', group: 'Facets' },
  {
    action: 'excludeFacetValue',
    chords: ['X'],
    when: 'notTyping',
    label: 'Inside a facet: leave the value out of the results (again: bring it back)',
    group: 'Facets',
  },
  {
    action: 'nextHit',
    chords: ['N', 'F3'],
    when: 'notTyping',
    label: 'Next hit in the document',
    group: 'Reader',
  },
  {
    action: 'prevHit',
    chords: ['Shift+N', 'Shift+F3'],
    when: 'notTyping',
    label: 'Previous hit in the document',
    group: 'Reader',
  },
  {
    action: 'copyCitation',
    chords: ['C'],
    when: 'notTyping',
    label: 'Copy a citation of the statement',
    group: 'Reader',
  },
  {
    action: 'copyCitation',
    chords: ['Mod+Shift+C'],
    when: 'always',
    label: 'Copy a citation of the statement',
    group: 'Reader',
  },
  {
    action: 'exportResults',
    chords: ['Mod+Shift+E'],
    when: 'always',
    label: 'Export every match (CSV or JSON Lines)',
    group: 'Results',
  },
  {
    action: 'toggleCollapse',
    chords: ['Alt+Q'],
    when: 'always',
    label: 'One row per quote: the same words reported by several sources show once',
    group: 'Results',
  },
  {
    action: 'toggleTimeline',
    chords: ['Alt+T'],
    when: 'always',
    label: 'The chart over time: open it, go to it, close it (from inside)',
    group: 'Results',
  },
  {
    action: 'saveSearch',
    chords: ['Mod+S'],
    when: 'always',
    label: 'Save this search under a name (its new matches are counted)',
    group: 'Search',
  },
  {
    action: 'savedSearches',
    chords: ['Alt+L'],
    when: 'always',
    label: 'Saved searches: Enter opens, F2 renames, Delete deletes',
    group: 'Search',
  },
  {
    action: 'openOriginal',
    chords: ['O'],
    when: 'notTyping',
    label: 'Open the original file',
    group: 'Reader',
  },
  {
    action: 'openCorpus',
    chords: ['Mod+O'],
    when: 'always',
    label: 'Open a corpus folder (in a browser: how to)',
    group: 'App',
  },
  {
    action: 'skipped',
    chords: ['Alt+K'],
    when: 'always',
    label: 'Show the files that were skipped',
    group: 'App',
  },
  { action: 'help', chords: ['?'], when: 'notTyping', label: 'Show this list of keys', group: 'App' },
  { action: 'help', chords: ['F1'], when: 'always', label: 'Show this list of keys', group: 'App' },
];

/** What the key handler needs of a KeyboardEvent (so this stays testable without a DOM). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Chord {
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parseChord(chord: string): Chord {
  const parts = chord.split('+');
  // A chord whose key is "+" itself ends with an empty part.
  const key = chord.endsWith('++') ? '+' : (parts.pop() ?? '');
  return {
    mod: parts.includes('Mod'),
    ctrl: parts.includes('Ctrl'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
    key,
  };
}

function keyMatches(chordKey: string, event: KeyLike): boolean {
  if (/^[0-9]$/.test(chordKey)) return event.code === `Digit${chordKey}` || event.key === chordKey;
  if (/^[A-Z]$/.test(chordKey)) {
    // Alt changes the character on macOS (Alt+S is "ß"), so letters with Alt go by position.
    return event.key.toUpperCase() === chordKey || (event.altKey && event.code === `Key${chordKey}`);
  }
  return event.key === chordKey;
}

/** Whether the event is the chord on this platform. */
export function chordMatches(chord: string, event: KeyLike, platform: HostPlatform): boolean {
  const c = parseChord(chord);
  const mac = platform === 'darwin';
  const wantCtrl = c.ctrl || (c.mod && !mac);
  const wantMeta = c.mod && mac;
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== c.alt) return false;
  // Punctuation such as "?" already says whether Shift was held; letters and named keys do not.
  const shiftMatters = /^[A-Z]$/.test(c.key) || c.key.length > 1;
  if (shiftMatters && event.shiftKey !== c.shift) return false;
  return keyMatches(c.key, event);
}

/** The action of a key press, or null; `typing` says whether focus is in a text field. */
export function actionFor(event: KeyLike, platform: HostPlatform, typing: boolean): Action | null {
  for (const b of BINDINGS) {
    if (b.when === 'notTyping' && typing) continue;
    if (b.chords.some((c) => chordMatches(c, event, platform))) return b.action;
  }
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Escape: 'Esc',
  PageDown: 'PgDn',
  PageUp: 'PgUp',
};

/** How a chord is written for people on this platform: `Ctrl+K`, `⌘K`. */
export function chordLabel(chord: string, platform: HostPlatform): string {
  const c = parseChord(chord);
  const mac = platform === 'darwin';
  const key =
    KEY_NAMES[c.key] ??
    (/^[A-Z]$/.test(c.key) && !c.shift && !c.mod && !c.ctrl && !c.alt ? c.key.toLowerCase() : c.key);
  const mods = [
    c.ctrl ? (mac ? '⌃' : 'Ctrl') : '',
    c.mod ? (mac ? '⌘' : 'Ctrl') : '',
    c.alt ? (mac ? '⌥' : 'Alt') : '',
    c.shift ? (mac ? '⇧' : 'Shift') : '',
  ].filter(Boolean);
  return mac ? [...mods, key].join('') : [...mods, key].join('+');
}

/** The keys of an action as people read them, e.g. `/ or Ctrl+K`. */
export function keysLabel(action: Action, platform: HostPlatform): string {
  return BINDINGS.filter((x) => x.action === action)
    .flatMap((b) => b.chords.map((c) => chordLabel(c, platform)))
    .join(' or ');
}

/** The bindings merged per action, in table order, for the overlay. */
export function actionsList(
  desktop: boolean,
): Array<{ action: Action; label: string; group: Binding['group'] }> {
  const seen = new Set<Action>();
  const out: Array<{ action: Action; label: string; group: Binding['group'] }> = [];
  for (const b of BINDINGS) {
    if (seen.has(b.action) || (b.desktopOnly && !desktop)) continue;
    seen.add(b.action);
    out.push({ action: b.action, label: b.label, group: b.group });
  }
  return out;
}

/** A tooltip: the action's label and its keys. */
export function tooltip(action: Action, platform: HostPlatform, label?: string): string {
  const b = BINDINGS.find((x) => x.action === action);
  return `${label ?? b?.label ?? action} (${keysLabel(action, platform)})`;
}
