/** The filters in force as chips: facet selections, then the filters typed in the query. */
import { removeFilter, parseQuery } from '../../main/common/query';
import { dateLabel } from './histogram';
import { kindLabel, topicLabel } from './labels';
import { clearFacet, setQuery, toggleFacetValue, type UiState } from './state';

export interface Chip {
  label: string;
  remove(state: UiState): UiState;
}

export function chipsOf(state: UiState): Chip[] {
  const chips: Chip[] = [];
  for (const v of state.speaker)
    chips.push({ label: `Speaker: ${v}`, remove: (s) => toggleFacetValue(s, 'speaker', v) });
  for (const v of state.topic)
    chips.push({ label: `Topic: ${topicLabel(v)}`, remove: (s) => toggleFacetValue(s, 'topic', v) });
  for (const v of state.kind)
    chips.push({ label: `Kind: ${kindLabel(v)}`, remove: (s) => toggleFacetValue(s, 'kind', v) });
  if (state.from !== null || state.to !== null) {
    const label =
      state.from === state.to && state.from !== null
        ? dateLabel(state.from)
        : `${state.from ? dateLabel(state.from) : '…'} – ${state.to ? dateLabel(state.to) : '…'}`;
    chips.push({ label: `Date: ${label}`, remove: (s) => clearFacet(s, 'date') });
  }
  for (const f of parseQuery(state.q).filters) {
    chips.push({
      label: `${f.field}: ${f.value}`,
      remove: (s) => (s.q === state.q ? setQuery(s, removeFilter(s.q, f)) : s),
    });
  }
  return chips;
}
