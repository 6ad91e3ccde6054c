/**
 * Saved searches in the UI, as pure functions: the search state a saved query restores, the
 * query the current state saves, a name to suggest, and what to tell the user when new
 * matches arrive.
 */
import { savedQueryOf, type SavedQuery, type SavedSearch } from '../../main/common/savedSearches';
import { initialState, toRequest, type UiState } from './state';

/** The query of the current search: query text, filters, exclusions, dates and sort. */
export function savedQueryFromState(state: UiState): SavedQuery {
  return savedQueryOf(toRequest(state));
}

/** The first screen with the saved query applied (no document open, not grouped). */
export function stateFromSavedQuery(query: SavedQuery): UiState {
  return {
    ...initialState,
    q: query.q,
    speaker: [...query.speaker],
    topic: [...query.topic],
    kind: [...query.kind],
    notSpeaker: [...(query.notSpeaker ?? [])],
    notTopic: [...(query.notTopic ?? [])],
    notKind: [...(query.notKind ?? [])],
    from: query.from ?? null,
    to: query.to ?? null,
    sort: query.sort,
  };
}

/** A name to start from: the query's words, else its first filter, made unique among `taken`. */
export function suggestedName(query: SavedQuery, taken: readonly string[]): string {
  const base =
    query.q.trim() ||
    query.speaker[0] ||
    query.topic[0] ||
    query.kind[0] ||
    (query.from !== undefined || query.to !== undefined ? 'Dated statements' : 'All statements');
  const clipped = base.replace(/\s+/g, ' ').slice(0, 60);
  const names = new Set(taken.map((n) => n.toLowerCase()));
  if (!names.has(clipped.toLowerCase())) return clipped;
  for (let n = 2; ; n++) if (!names.has(`${clipped} (${n})`.toLowerCase())) return `${clipped} (${n})`;
}

/** How a count of new matches reads in the list. */
export function newCountLabel(search: Pick<SavedSearch, 'newCount'>): string {
  if (search.newCount === null) return 'counting…';
  return search.newCount === 0 ? 'no new matches' : `${search.newCount} new`;
}

/**
 * What to tell the user after the list was fetched again: the saved searches whose count of
 * new matches grew since the last list (none on the first list: those counts were seen then).
 */
export function newMatchNotice(
  previous: readonly SavedSearch[] | null,
  next: readonly SavedSearch[],
): string | null {
  if (previous === null) return null;
  const before = new Map(previous.map((s) => [s.id, s.newCount ?? 0]));
  const grown = next.filter((s) => (s.newCount ?? 0) > (before.get(s.id) ?? 0));
  if (grown.length === 0) return null;
  const part = (s: SavedSearch) => {
    const added = (s.newCount ?? 0) - (before.get(s.id) ?? 0);
    return `${added} new ${added === 1 ? 'match' : 'matches'} for “${s.name}”`;
  };
  return grown.length <= 2
    ? grown.map(part).join('; ')
    : `${part(grown[0]!)} and ${grown.length - 1} more saved searches`;
}

/** The total of new matches, for the status bar's button. */
export function totalNew(searches: readonly SavedSearch[]): number {
  return searches.reduce((sum, s) => sum + (s.newCount ?? 0), 0);
}
