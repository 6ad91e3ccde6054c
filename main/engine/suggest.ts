/**
 * "Did you mean": for a filter value that names nothing (`speaker:puttin`, `topic:sports`),
 * the nearest values the corpus has; for a search that found nothing, the query with its
 * unknown words and filter values replaced by the nearest ones the corpus has. Suggestions
 * are taken from the index's own vocabulary and dictionaries, never invented.
 */
import type { FilterSuggestion, SearchRequest, SearchSuggestions } from '../common/contract';
import { NO_SPEAKER } from '../common/contract';
import { allowedDistance, editDistance } from '../common/editDistance';
import type { ParsedQuery, QueryFilter } from '../common/query';
import { fold, tokenize } from './analyzer';
import { escapeRegExp, type Facets } from './facets';
import type { PassageTable } from './passageTable';
import { PREFIX_MARK } from './vocabulary';

/** Nearest values offered per filter value. */
const NEAREST = 3;

const WORDS = /[^\p{L}\p{N}]+/u;

export class Suggester {
  constructor(
    private readonly t: PassageTable,
    private readonly facets: Facets,
  ) {}

  /**
   * Suggestions for a search, or undefined when there is nothing to suggest. `totalOf` runs
   * a query (with the request's selections) and says how many it finds, so a suggested query
   * is offered only when it finds something.
   */
  suggest(
    input: string,
    parsed: ParsedQuery,
    request: SearchRequest,
    total: number,
    totalOf: (query: string) => number,
  ): SearchSuggestions | undefined {
    const filters = this.filterSuggestions(parsed.filters, request);
    let query: string | undefined;
    if (total === 0) {
      const alternative = this.alternativeQuery(input, parsed, filters);
      if (alternative !== null && alternative !== input && totalOf(alternative) > 0) query = alternative;
    }
    if (filters.length === 0 && query === undefined) return undefined;
    return { filters, ...(query !== undefined ? { query } : {}) };
  }

  private filterSuggestions(typed: QueryFilter[], request: SearchRequest): FilterSuggestion[] {
    const out: FilterSuggestion[] = [];
    const add = (field: 'speaker' | 'topic', value: string): void => {
      if (out.some((s) => s.field === field && s.value === value)) return;
      const nearest = field === 'speaker' ? this.nearestSpeakers(value) : this.nearestTopics(value);
      // Listed even with no nearest value: it says the value names nothing (and lets the merge
      // of shards tell a value no shard has from one that some shard has).
      out.push({ field, value, nearest });
    };
    for (const f of typed) {
      if (f.field === 'speaker' && this.facets.speakersNamed(f.value).length === 0) add('speaker', f.value);
      if (f.field === 'topic' && this.facets.topicsNamed(f.value).length === 0) add('topic', f.value);
    }
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    for (const s of [...list(request.speaker), ...list(request.notSpeaker)]) {
      if (s !== NO_SPEAKER && !this.t.speakerIds.has(s)) add('speaker', s);
    }
    for (const s of [...list(request.topic), ...list(request.notTopic)]) {
      if (!this.t.topicIds.has(s)) add('topic', s);
    }
    return out;
  }

  /** Live speakers with a name, or a word of it, nearest to `value`; closest, then most frequent, first. */
  nearestSpeakers(value: string): string[] {
    const v = fold(value.trim());
    const max = allowedDistance(v);
    const found: Array<{ value: string; distance: number; count: number }> = [];
    for (let i = 1; i < this.t.speakers.length; i++) {
      const count = this.t.speakerCount.data[i]!;
      if (count === 0) continue;
      const name = this.t.speakerFolded[i]!;
      let distance = editDistance(v, name, max);
      for (const word of name.split(WORDS))
        if (word !== '') distance = Math.min(distance, editDistance(v, word, max));
      if (distance <= max) found.push({ value: this.t.speakers[i]!, distance, count });
    }
    return nearest(found);
  }

  /** Live topics whose slug, or a part of it, is nearest to `value`. */
  nearestTopics(value: string): string[] {
    const v = fold(value.trim());
    const max = allowedDistance(v);
    const found: Array<{ value: string; distance: number; count: number }> = [];
    for (let i = 0; i < this.t.topics.length; i++) {
      const count = this.t.topicCount.data[i]!;
      if (count === 0) continue;
      const slug = fold(this.t.topics[i]!);
      let distance = editDistance(v, slug, max);
      for (const part of slug.split(WORDS))
        if (part !== '') distance = Math.min(distance, editDistance(v, part, max));
      if (distance <= max) found.push({ value: this.t.topics[i]!, distance, count });
    }
    return nearest(found);
  }

  /** The nearest known word to one the corpus does not have, most frequent among the nearest. */
  private nearestWord(word: string): string | null {
    const max = Math.min(2, allowedDistance(word));
    let best: string | null = null;
    let bestDistance = max + 1;
    let bestDf = -1;
    for (const [term, id, distance] of this.t.vocab.fuzzy(word, max)) {
      if (term.startsWith(PREFIX_MARK) || term === word) continue;
      const df = this.t.df(id);
      if (df === 0) continue;
      if (distance < bestDistance || (distance === bestDistance && df > bestDf)) {
        best = term;
        bestDistance = distance;
        bestDf = df;
      }
    }
    return best;
  }

  /** The query with unknown words and filter values replaced; null when nothing was replaced. */
  private alternativeQuery(input: string, parsed: ParsedQuery, filters: FilterSuggestion[]): string | null {
    let out = input;
    let changed = false;
    // Filters first, from the end, so earlier offsets stay valid.
    for (const f of [...parsed.filters].sort((a, b) => b.start - a.start)) {
      const s = filters.find((x) => x.field === f.field && x.value === f.value);
      const value = s?.nearest[0];
      if (value === undefined) continue;
      const text = `${f.negated ? '-' : ''}${f.field}:${/\s/.test(value) ? `"${value}"` : value}`;
      out = out.slice(0, f.start) + text + out.slice(f.end);
      changed = true;
    }
    for (const term of parsed.groups.flat()) {
      if (term.type !== 'word') continue;
      const tokens = tokenize(term.text).filter((x) => !x.extra);
      if (tokens.length !== 1 || tokens[0]!.stop) continue;
      const word = tokens[0]!.term;
      if (this.t.df(this.t.vocab.get(word) ?? -1) > 0) continue;
      if (term.prefix) {
        let completes = false;
        this.t.vocab.forEachWithPrefix(word, () => (completes = true));
        if (completes) continue;
      }
      const replacement = this.nearestWord(word);
      if (replacement === null) continue;
      const re = new RegExp(`(^|[\\s(])${escapeRegExp(term.text)}(?=$|[\\s)])`, 'u');
      const next = out.replace(re, (_m, lead: string) => `${lead}${replacement}`);
      if (next !== out) {
        out = next;
        changed = true;
      }
    }
    return changed ? out : null;
  }
}

function nearest(found: Array<{ value: string; distance: number; count: number }>): string[] {
  found.sort(
    (a, b) =>
      a.distance - b.distance || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  return found.slice(0, NEAREST).map((f) => f.value);
}
