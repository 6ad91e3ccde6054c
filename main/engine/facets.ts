/**
 * Filters and facets: the query's own filters and the request's facet selections as look-up
 * tables over the dictionaries, applied in one pass over the matches that also counts each
 * facet disjunctively (a facet's counts ignore its own selection).
 */
import {
  FACET_NAMES,
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

export interface FilterTables {
  speaker: Uint8Array | null;
  topic: Uint8Array | null;
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

export class Facets {
  constructor(
    private readonly t: PassageTable,
    private readonly facetLimit: number,
  ) {}

  queryFilterTables(filters: QueryFilter[]): FilterTables {
    const t: FilterTables = { speaker: null, topic: null, kind: null, dateMin: -Infinity, dateMax: Infinity };
    const speakers = filters.filter((f) => f.field === 'speaker').map((f) => fold(f.value.trim()));
    if (speakers.length > 0) {
      t.speaker = new Uint8Array(this.t.speakers.length);
      const patterns = speakers.map((s) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(s)}`, 'u'));
      for (let i = 1; i < this.t.speakers.length; i++) {
        const name = this.t.speakerFolded[i]!;
        if (patterns.some((re) => re.test(name))) t.speaker[i] = 1;
      }
    }
    const topics = filters.filter((f) => f.field === 'topic').map((f) => fold(f.value.trim()));
    if (topics.length > 0) {
      t.topic = new Uint8Array(this.t.topics.length);
      for (let i = 0; i < this.t.topics.length; i++) {
        const slug = fold(this.t.topics[i]!);
        if (topics.some((v) => slug === v || slug.startsWith(v))) t.topic[i] = 1;
      }
    }
    const kinds = filters.filter((f) => f.field === 'kind').map((f) => f.value);
    if (kinds.length > 0) {
      t.kind = new Uint8Array(3);
      for (const k of kinds) if (k in KIND_CODE) t.kind[KIND_CODE[k as PassageKind]] = 1;
    }
    for (const f of filters) {
      if (f.range) {
        t.dateMin = Math.max(t.dateMin, f.range.min);
        t.dateMax = Math.min(t.dateMax, f.range.max);
      }
    }
    return t;
  }

  selectionTables(request: SearchRequest, notes: string[]): FilterTables {
    const t: FilterTables = { speaker: null, topic: null, kind: null, dateMin: -Infinity, dateMax: Infinity };
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const speakers = list(request.speaker);
    if (speakers.length > 0) {
      t.speaker = new Uint8Array(this.t.speakers.length);
      for (const s of speakers) {
        const id = this.t.speakerIds.get(s);
        if (id !== undefined) t.speaker[id] = 1;
      }
    }
    const topics = list(request.topic);
    if (topics.length > 0) {
      t.topic = new Uint8Array(this.t.topics.length);
      for (const s of topics) {
        const id = this.t.topicIds.get(s);
        if (id !== undefined) t.topic[id] = 1;
      }
    }
    const kinds = list(request.kind);
    if (kinds.length > 0) {
      t.kind = new Uint8Array(3);
      for (const k of kinds) if (k in KIND_CODE) t.kind[KIND_CODE[k as PassageKind]] = 1;
    }
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
    const { speaker: qS, topic: qT, kind: qK } = qf;
    const { speaker: sS, topic: sT, kind: sK } = sel;
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
      if (qT !== null) {
        let ok = false;
        for (let j = ts; j < te; j++) if (qT[tIds[j]!] === 1) ok = true;
        if (!ok) continue;
      }
      let fail = 0;
      if (sS !== null && sS[spk] !== 1) fail |= 1;
      if (sK !== null && sK[kd] !== 1) fail |= 4;
      if (sDate && (dt === 0 || dMax[dt]! < sel.dateMin || dMin[dt]! > sel.dateMax)) fail |= 8;
      if (sT !== null) {
        let ok = false;
        for (let j = ts; j < te; j++) if (sT[tIds[j]!] === 1) ok = true;
        if (!ok) fail |= 2;
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

  facetLists(c: FacetCounts, _sel: FilterTables): Record<FacetName, FacetValue[]> {
    const top = (
      counts: Uint32Array,
      names: string[],
      skipZeroId: boolean,
      selected: Uint8Array | null,
      live: Uint32Array | null,
    ): FacetValue[] => {
      const list: FacetValue[] = [];
      for (let i = skipZeroId ? 1 : 0; i < counts.length; i++) {
        // A selected value is listed with no matches too, but only while some passage has it:
        // the dictionaries keep values of removed documents, which a fresh index never saw.
        const listed = selected !== null && selected[i] === 1 && (live === null || live[i]! > 0);
        if (counts[i]! > 0 || listed) list.push({ value: names[i]!, count: counts[i]! });
      }
      list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      if (list.length <= this.facetLimit) return list;
      const kept = list.slice(0, this.facetLimit);
      if (selected !== null) {
        for (const v of list.slice(this.facetLimit)) if (selected[names.indexOf(v.value)] === 1) kept.push(v);
      }
      return kept;
    };
    const facets: Record<FacetName, FacetValue[]> = {
      speaker: top(c.speaker, this.t.speakers, true, _sel.speaker, this.t.speakerCount.data),
      topic: top(c.topic, this.t.topics, false, _sel.topic, this.t.topicCount.data),
      kind: top(c.kind, PASSAGE_KINDS as unknown as string[], false, _sel.kind, null),
      date: bucketDates(
        this.t.dates.map((d, i) => ({ date: d, count: c.date[i]! })).filter((x, i) => i > 0 && x.count > 0),
      ),
    };
    for (const f of FACET_NAMES) facets[f] = facets[f] ?? [];
    return facets;
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
