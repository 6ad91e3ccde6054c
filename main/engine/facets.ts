/**
 * Filters and facets: the query's own filters and the request's facet selections as look-up
 * tables over the dictionaries, applied in one pass over the matches that also counts each
 * facet disjunctively (a facet's counts ignore its own selection).
 */
import {
  FACET_NAMES,
  NO_SPEAKER,
  PASSAGE_KINDS,
  type FacetName,
  type FacetValue,
  type PassageKind,
  type SearchRequest,
} from '../common/contract';
import { isoDateRange, type QueryFilter } from '../common/query';
import { fold } from './analyzer';
import { bucketDates } from './dateFacet';
import { KIND_CODE, type PassageTable } from './passageTable';

/**
 * What a filter lets through, per facet. Speaker and kind are one value per passage, so
 * includes and excludes fold into one table of allowed ids; topics are several per passage:
 * a passage passes when it has an included topic (if any are) and no excluded one.
 */
export interface FilterTables {
  speaker: Uint8Array | null;
  topic: Uint8Array | null;
  notTopic: Uint8Array | null;
  kind: Uint8Array | null;
  dateMin: number;
  dateMax: number;
}

export interface FacetCounts {
  matches: Uint32Array;
  speaker: Uint32Array;
  topic: Uint32Array;
  kind: Uint32Array;
  date: Uint32Array;
}

/** Values the facet lists keep even past their limit: those the request includes or excludes. */
export interface PinnedValues {
  speaker: Set<string>;
  topic: Set<string>;
  kind: Set<string>;
}

const noFilter = (): FilterTables => ({
  speaker: null,
  topic: null,
  notTopic: null,
  kind: null,
  dateMin: -Infinity,
  dateMax: Infinity,
});

/** Allowed ids: the included ones (all when none is), minus the excluded ones; null when neither. */
function allowed(size: number, include: number[] | null, exclude: number[]): Uint8Array | null {
  if (include === null && exclude.length === 0) return null;
  const table = new Uint8Array(size);
  if (include === null) table.fill(1);
  else for (const id of include) table[id] = 1;
  for (const id of exclude) table[id] = 0;
  return table;
}

function marked(size: number, ids: number[]): Uint8Array | null {
  if (ids.length === 0) return null;
  const table = new Uint8Array(size);
  for (const id of ids) table[id] = 1;
  return table;
}

export class Facets {
  constructor(
    private readonly t: PassageTable,
    private readonly facetLimit: number,
  ) {}

  /** Speaker ids a query filter value names: any word of the name starting with it. */
  speakersNamed(value: string): number[] {
    if (value.trim().toLowerCase() === NO_SPEAKER) return [0];
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(fold(value.trim()))}`, 'u');
    const ids: number[] = [];
    for (let i = 1; i < this.t.speakers.length; i++) if (re.test(this.t.speakerFolded[i]!)) ids.push(i);
    return ids;
  }

  /** Topic ids a query filter value names: the slug itself or a slug it starts. */
  topicsNamed(value: string): number[] {
    // A topic is a slug: "foreign policy" as typed names foreign-policy.
    const v = fold(value.trim()).replace(/[\s_]+/g, '-');
    const ids: number[] = [];
    for (let i = 0; i < this.t.topics.length; i++) {
      const slug = fold(this.t.topics[i]!);
      if (slug === v || slug.startsWith(v)) ids.push(i);
    }
    return ids;
  }

  queryFilterTables(filters: QueryFilter[]): FilterTables {
    const t = noFilter();
    const of = (field: string, negated: boolean): QueryFilter[] =>
      filters.filter((f) => f.field === field && (f.negated === true) === negated);
    const speakerIn = of('speaker', false);
    t.speaker = allowed(
      this.t.speakers.length,
      speakerIn.length > 0 ? speakerIn.flatMap((f) => this.speakersNamed(f.value)) : null,
      of('speaker', true).flatMap((f) => this.speakersNamed(f.value)),
    );
    const topicIn = of('topic', false);
    if (topicIn.length > 0)
      t.topic =
        marked(
          this.t.topics.length,
          topicIn.flatMap((f) => this.topicsNamed(f.value)),
        ) ?? new Uint8Array(this.t.topics.length);
    t.notTopic = marked(
      this.t.topics.length,
      of('topic', true).flatMap((f) => this.topicsNamed(f.value)),
    );
    const kindIn = of('kind', false);
    t.kind = allowed(
      3,
      kindIn.length > 0 ? kindIn.map((f) => KIND_CODE[f.value as PassageKind]) : null,
      of('kind', true).map((f) => KIND_CODE[f.value as PassageKind]),
    );
    for (const f of filters) {
      if (f.range) {
        t.dateMin = Math.max(t.dateMin, f.range.min);
        t.dateMax = Math.min(t.dateMax, f.range.max);
      }
    }
    return t;
  }

  selectionTables(request: SearchRequest, notes: string[]): FilterTables {
    const t = noFilter();
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const speakerId = (s: string): number | undefined => (s === NO_SPEAKER ? 0 : this.t.speakerIds.get(s));
    const topicId = (s: string): number | undefined => this.t.topicIds.get(s);
    const kindId = (s: string): number | undefined =>
      s in KIND_CODE ? KIND_CODE[s as PassageKind] : undefined;
    const ids = (values: string[], id: (s: string) => number | undefined): number[] =>
      values.map(id).filter((x): x is number => x !== undefined);
    const speakers = list(request.speaker);
    t.speaker = allowed(
      this.t.speakers.length,
      speakers.length > 0 ? ids(speakers, speakerId) : null,
      ids(list(request.notSpeaker), speakerId),
    );
    const topics = list(request.topic);
    if (topics.length > 0)
      t.topic = marked(this.t.topics.length, ids(topics, topicId)) ?? new Uint8Array(this.t.topics.length);
    t.notTopic = marked(this.t.topics.length, ids(list(request.notTopic), topicId));
    const kinds = list(request.kind);
    t.kind = allowed(3, kinds.length > 0 ? ids(kinds, kindId) : null, ids(list(request.notKind), kindId));
    if (typeof request.from === 'string' && request.from !== '') {
      const r = isoDateRange(request.from);
      if (r) t.dateMin = r.min;
      else notes.push(`from=${request.from} is not a date; ignored.`);
    }
    if (typeof request.to === 'string' && request.to !== '') {
      const r = isoDateRange(request.to);
      if (r) t.dateMax = r.max;
      else notes.push(`to=${request.to} is not a date; ignored.`);
    }
    return t;
  }

  /**
   * One pass over the matching passages: applies the query's filters, then counts each
   * facet over the passages that pass every selection except that facet's own.
   */
  countAndFilter(base: Uint32Array, qf: FilterTables, sel: FilterTables): FacetCounts {
    const speaker = new Uint32Array(this.t.speakers.length);
    const topic = new Uint32Array(this.t.topics.length);
    const kind = new Uint32Array(3);
    const date = new Uint32Array(this.t.dates.length);
    // Matches are compacted in place: every list reaching here is a fresh copy.
    const out = base;
    let k = 0;
    const pSpeaker = this.t.pSpeaker.data;
    const pKind = this.t.pKind.data;
    const pDate = this.t.pDate.data;
    const tStart = this.t.pTopicStart.data;
    const tIds = this.t.pTopics.data;
    const dMin = this.t.dateMin.data;
    const dMax = this.t.dateMax.data;
    const qDate = qf.dateMin !== -Infinity || qf.dateMax !== Infinity;
    const sDate = sel.dateMin !== -Infinity || sel.dateMax !== Infinity;
    const { speaker: qS, topic: qT, notTopic: qTx, kind: qK } = qf;
    const { speaker: sS, topic: sT, notTopic: sTx, kind: sK } = sel;
    for (let i = 0; i < base.length; i++) {
      const p = base[i]!;
      const spk = pSpeaker[p]!;
      const kd = pKind[p]!;
      const dt = pDate[p]!;
      if (qS !== null && qS[spk] !== 1) continue;
      if (qK !== null && qK[kd] !== 1) continue;
      if (qDate && (dt === 0 || dMax[dt]! < qf.dateMin || dMin[dt]! > qf.dateMax)) continue;
      const ts = tStart[p]!;
      const te = tStart[p + 1]!;
      if (qT !== null || qTx !== null) {
        let any = false;
        let excluded = false;
        for (let j = ts; j < te; j++) {
          if (qT !== null && qT[tIds[j]!] === 1) any = true;
          if (qTx !== null && qTx[tIds[j]!] === 1) excluded = true;
        }
        if ((qT !== null && !any) || excluded) continue;
      }
      let fail = 0;
      if (sS !== null && sS[spk] !== 1) fail |= 1;
      if (sK !== null && sK[kd] !== 1) fail |= 4;
      if (sDate && (dt === 0 || dMax[dt]! < sel.dateMin || dMin[dt]! > sel.dateMax)) fail |= 8;
      if (sT !== null || sTx !== null) {
        let any = false;
        let excluded = false;
        for (let j = ts; j < te; j++) {
          if (sT !== null && sT[tIds[j]!] === 1) any = true;
          if (sTx !== null && sTx[tIds[j]!] === 1) excluded = true;
        }
        if ((sT !== null && !any) || excluded) fail |= 2;
      }
      if (fail === 0) {
        out[k++] = p;
        speaker[spk]!++;
        kind[kd]!++;
        date[dt]!++;
        for (let j = ts; j < te; j++) topic[tIds[j]!]!++;
      } else if ((fail & (fail - 1)) === 0) {
        // Fails exactly one facet's selection: counts for that facet only.
        if (fail === 1) speaker[spk]!++;
        else if (fail === 4) kind[kd]!++;
        else if (fail === 8) date[dt]!++;
        else for (let j = ts; j < te; j++) topic[tIds[j]!]!++;
      }
    }
    return { matches: out.subarray(0, k), speaker, topic, kind, date };
  }

  /**
   * The facet lists, most frequent first, cut to `limit` values (pinned values are always
   * listed), and per facet how many values were left out.
   */
  facetLists(
    c: FacetCounts,
    pinned: PinnedValues,
    limit = this.facetLimit,
  ): { facets: Record<FacetName, FacetValue[]>; more: Partial<Record<FacetName, number>> } {
    const more: Partial<Record<FacetName, number>> = {};
    const top = (
      facet: FacetName,
      counts: Uint32Array,
      nameOf: (i: number) => string,
      live: Uint32Array | null,
    ): FacetValue[] => {
      const keep = pinned[facet as keyof PinnedValues];
      const list: FacetValue[] = [];
      for (let i = 0; i < counts.length; i++) {
        const value = nameOf(i);
        // A pinned value is listed with no matches too, but only while some passage has it:
        // the dictionaries keep values of removed documents, which a fresh index never saw.
        const listed = keep.has(value) && (live === null || live[i]! > 0);
        if (counts[i]! > 0 || listed) list.push({ value, count: counts[i]! });
      }
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      if (list.length <= limit) return list;
      const kept = list.slice(0, limit);
      for (const v of list.slice(limit)) if (keep.has(v.value)) kept.push(v);
      more[facet] = list.length - kept.length;
      return kept;
    };
    const facets: Record<FacetName, FacetValue[]> = {
      speaker: top(
        'speaker',
        c.speaker,
        (i) => (i === 0 ? NO_SPEAKER : this.t.speakers[i]!),
        this.t.speakerCount.data,
      ),
      topic: top('topic', c.topic, (i) => this.t.topics[i]!, this.t.topicCount.data),
      kind: top('kind', c.kind, (i) => PASSAGE_KINDS[i]!, null),
      date: bucketDates(
        this.t.dates.map((d, i) => ({ date: d, count: c.date[i]! })).filter((x, i) => i > 0 && x.count > 0),
      ),
    };
    for (const f of FACET_NAMES) facets[f] = facets[f] ?? [];
    return { facets, more };
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
