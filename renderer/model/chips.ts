/**
 * The filters as chips: facet selections, then the filters typed in the query, then the
 * typed filters that were ignored (an error chip that says why).
 */
import { FILTER_FIELDS, removeFilter, parseQuery } from '../../main/common/query';
import { dateLabel } from './histogram';
import { kindLabel, speakerLabel, topicLabel } from './labels';
import { clearFacet, setQuery, toggleExcludedValue, toggleFacetValue, type UiState } from './state';

export interface Chip {
  label: string;
  remove(state: UiState): UiState;
  /** Set on a typed filter that was ignored: why, in the parser's words. */
  error?: string;
}

export interface IgnoredFilter {
  /** The filter as typed, e.g. `date:2021-13`. */
  text: string;
  start: number;
  end: number;
  why: string;
}

const TYPED_FILTER = new RegExp(`(?<=^|\\s)-?(?:${FILTER_FIELDS.join('|')}):(?:"[^"]*"?|\\S*)`, 'gi');

/** The filters typed in the query that the parser did not apply, with its reason for each. */
export function ignoredFilters(q: string): IgnoredFilter[] {
  const parsed = parseQuery(q);
  const applied = new Set(parsed.filters.map((f) => f.start));
  const out: IgnoredFilter[] = [];
  for (const m of q.matchAll(TYPED_FILTER)) {
    const start = m.index ?? 0;
    if (applied.has(start)) continue;
    const text = m[0];
    const bare = text.replace(/^-/, '').replace(/"/g, '');
    const why =
      parsed.notes.find((n) => n.includes(bare)) ??
      parsed.notes.find((n) => n.startsWith(bare.slice(0, bare.indexOf(':') + 1))) ??
      'not understood; ignored.';
    out.push({ text, start, end: start + text.length, why });
  }
  return out;
}

export function chipsOf(state: UiState): Chip[] {
  const chips: Chip[] = [];
  for (const v of state.speaker)
    chips.push({ label: `Speaker: ${speakerLabel(v)}`, remove: (s) => toggleFacetValue(s, 'speaker', v) });
  for (const v of state.topic)
    chips.push({ label: `Topic: ${topicLabel(v)}`, remove: (s) => toggleFacetValue(s, 'topic', v) });
  for (const v of state.kind)
    chips.push({ label: `Kind: ${kindLabel(v)}`, remove: (s) => toggleFacetValue(s, 'kind', v) });
  for (const v of state.notSpeaker)
    chips.push({
      label: `Not speaker: ${speakerLabel(v)}`,
      remove: (s) => toggleExcludedValue(s, 'speaker', v),
    });
  for (const v of state.notTopic)
    chips.push({ label: `Not topic: ${topicLabel(v)}`, remove: (s) => toggleExcludedValue(s, 'topic', v) });
  for (const v of state.notKind)
    chips.push({ label: `Not kind: ${kindLabel(v)}`, remove: (s) => toggleExcludedValue(s, 'kind', v) });
  if (state.from !== null || state.to !== null) {
    const label =
      state.from === state.to && state.from !== null
        ? dateLabel(state.from)
        : `${state.from ? dateLabel(state.from) : '…'} – ${state.to ? dateLabel(state.to) : '…'}`;
    chips.push({ label: `Date: ${label}`, remove: (s) => clearFacet(s, 'date') });
  }
  for (const f of parseQuery(state.q).filters) {
    chips.push({
      label: `${f.negated === true ? 'not ' : ''}${f.field}: ${f.value}`,
      remove: (s) => (s.q === state.q ? setQuery(s, removeFilter(s.q, f)) : s),
    });
  }
  for (const f of ignoredFilters(state.q)) {
    chips.push({
      label: f.text,
      error: f.why,
      remove: (s) => (s.q === state.q ? setQuery(s, removeFilter(s.q, f)) : s),
    });
  }
  return chips;
}
