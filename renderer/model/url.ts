/**
 * The search state in a URL fragment (`#q=olympics&speaker=Vladimir+Putin`), so a search can
 * be bookmarked, reloaded and shared. Only what differs from the initial state is written;
 * values that make no sense are dropped when read, never thrown.
 */
import { LIMITS } from '../../main/common/contract';
import { initialState, isIsoDate, isPassageKind, isSortOrder, type UiState } from './state';

export function urlFromState(state: UiState): string {
  const p = new URLSearchParams();
  if (state.q !== '') p.set('q', state.q);
  for (const v of state.speaker) p.append('speaker', v);
  for (const v of state.topic) p.append('topic', v);
  for (const v of state.kind) p.append('kind', v);
  if (state.from !== null) p.set('from', state.from);
  if (state.to !== null) p.set('to', state.to);
  if (state.sort !== initialState.sort) p.set('sort', state.sort);
  if (state.group) p.set('group', '1');
  if (state.doc !== null) p.set('doc', state.doc);
  if (state.passage !== null) p.set('passage', state.passage);
  const s = p.toString();
  return s === '' ? '' : `#${s}`;
}

/** Reads a fragment (with or without its `#`) back into a state. */
export function stateFromUrl(fragment: string): UiState {
  const p = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const values = (name: string) => {
    const seen = new Set<string>();
    for (const v of p.getAll(name)) {
      if (v.length > 0 && v.length <= LIMITS.filterValueLength && seen.size < LIMITS.filterValues)
        seen.add(v);
    }
    return [...seen];
  };
  const date = (name: string) => {
    const v = p.get(name);
    return v !== null && isIsoDate(v) ? v : null;
  };
  const id = (name: string) => {
    const v = p.get(name);
    return v !== null && v.length > 0 && v.length <= LIMITS.idLength ? v : null;
  };
  const sort = p.get('sort');
  const doc = id('doc');
  return {
    q: (p.get('q') ?? '').slice(0, LIMITS.queryLength),
    speaker: values('speaker'),
    topic: values('topic'),
    kind: values('kind').filter(isPassageKind),
    from: date('from'),
    to: date('to'),
    sort: sort !== null && isSortOrder(sort) ? sort : initialState.sort,
    group: p.get('group') === '1',
    doc,
    passage: doc === null ? null : id('passage'),
  };
}
