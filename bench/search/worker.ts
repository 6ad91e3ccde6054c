/**
 * One benchmark process: one engine at one size. Builds (or loads) the index, runs the fixed
 * queries unfiltered and filtered with facet counts, and prints one JSON line of figures.
 * Run by run.ts in a fresh process each time, so heap and cold-start figures are clean.
 */
import { existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { searchRequest } from '../../main/common/contract';
import { isoDateRange } from '../../main/common/query';
import { SearchIndex } from '../../main/engine/searchIndex';
import { passagesIn, readAll, sized, type Source } from './corpora';
import { makeQueries, type BenchQuery } from './queries';

interface Args {
  engine: 'dictum' | 'minisearch' | 'flexsearch';
  size: number;
  mode: 'build' | 'cold';
  save: string | null;
  queries: number;
  q: string | null;
  corpusCache: string | null;
}

function parseArgs(): Args {
  const a = process.argv.slice(2);
  const get = (name: string): string | undefined => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    engine: (get('engine') ?? 'dictum') as Args['engine'],
    // `real`: all real passages, none repeated.
    size: get('size') === 'real' ? Infinity : Number(get('size') ?? 90000),
    mode: (get('mode') ?? 'build') as Args['mode'],
    save: get('save') ?? null,
    queries: Number(get('queries') ?? 300),
    q: get('q') ?? null,
    corpusCache: get('corpus-cache') ?? null,
  };
}

/** The same typed facet columns every engine's facet counting reads. */
interface Columns {
  n: number;
  speaker: Uint32Array;
  speakers: string[];
  speakerIds: Map<string, number>;
  topicStart: Uint32Array;
  topics: Uint16Array;
  topicNames: string[];
  month: Uint32Array;
  months: string[];
  dateMin: Int32Array;
  dateMax: Int32Array;
}

function buildColumns(sources: Source[]): Columns {
  const n = passagesIn(sources);
  const speaker = new Uint32Array(n);
  const speakers = [''];
  const speakerIds = new Map<string, number>();
  const topicStart = new Uint32Array(n + 1);
  const topicList: number[] = [];
  const topicNames: string[] = [];
  const topicIds = new Map<string, number>();
  const month = new Uint32Array(n);
  const months = [''];
  const monthIds = new Map<string, number>();
  const dateMin = new Int32Array(n);
  const dateMax = new Int32Array(n);
  let i = 0;
  for (const s of sources) {
    for (const d of s.docs) {
      for (const p of d.passages) {
        if (p.speaker) {
          let id = speakerIds.get(p.speaker);
          if (id === undefined) {
            id = speakers.length;
            speakers.push(p.speaker);
            speakerIds.set(p.speaker, id);
          }
          speaker[i] = id;
        }
        for (const t of p.topics.length > 0 ? p.topics : d.document.topics) {
          let id = topicIds.get(t);
          if (id === undefined) {
            id = topicNames.length;
            topicNames.push(t);
            topicIds.set(t, id);
          }
          topicList.push(id);
        }
        topicStart[i + 1] = topicList.length;
        const date = p.date ?? d.document.date;
        if (date) {
          const m = date.slice(0, 7);
          let id = monthIds.get(m);
          if (id === undefined) {
            id = months.length;
            months.push(m);
            monthIds.set(m, id);
          }
          month[i] = id;
          const r = isoDateRange(date.slice(0, 10));
          dateMin[i] = r?.min ?? 0;
          dateMax[i] = r?.max ?? 0;
        }
        i++;
      }
    }
  }
  return {
    n,
    speaker,
    speakers,
    speakerIds,
    topicStart,
    topics: Uint16Array.from(topicList),
    topicNames,
    month,
    months,
    dateMin,
    dateMax,
  };
}

/** Filter and facet counting for the peers: over all matches, from the same typed columns. */
function peerFacets(
  cols: Columns,
  ids: ArrayLike<number>,
  filter: ((i: number) => boolean) | null,
): number[] {
  const sp = new Uint32Array(cols.speakers.length);
  const tp = new Uint32Array(cols.topicNames.length);
  const mo = new Uint32Array(cols.months.length);
  const kept: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k]!;
    if (filter !== null && !filter(i)) continue;
    kept.push(i);
    sp[cols.speaker[i]!]!++;
    mo[cols.month[i]!]!++;
    for (let j = cols.topicStart[i]!; j < cols.topicStart[i + 1]!; j++) tp[cols.topics[j]!]!++;
  }
  return kept;
}

function makeFilter(cols: Columns, q: BenchQuery): (i: number) => boolean {
  const ok = new Uint8Array(cols.speakers.length);
  for (const s of q.speakers) {
    const id = cols.speakerIds.get(s);
    if (id !== undefined) ok[id] = 1;
  }
  const from = isoDateRange(q.from)!.min;
  const to = isoDateRange(q.to)!.max;
  return (i) => ok[cols.speaker[i]!] === 1 && cols.dateMax[i]! >= from && cols.dateMin[i]! <= to;
}

function heap(): number {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function percentiles(ms: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

interface Engine {
  /** Runs one query with facet counts; returns the number of matches. */
  run(q: BenchQuery, filtered: boolean): number;
}

function dictumEngine(index: SearchIndex): Engine {
  return {
    run(q, filtered) {
      const r = index.search(
        searchRequest(
          filtered
            ? { q: q.q, speaker: q.speakers, from: q.from, to: q.to, limit: 20 }
            : { q: q.q, limit: 20 },
        ),
      );
      return r.total;
    },
  };
}

function buildMiniSearch(sources: Source[]): MiniSearch {
  const ms = new MiniSearch({ fields: ['text', 'title', 'speaker'], idField: 'pid', storeFields: [] });
  let i = 0;
  for (const s of sources) {
    for (const d of s.docs) {
      for (const p of d.passages)
        ms.add({ pid: i++, text: p.text, title: d.document.title, speaker: p.speaker ?? '' });
    }
  }
  return ms;
}

function miniSearchEngine(ms: MiniSearch, cols: Columns): Engine {
  return {
    run(q, filtered) {
      const filter = filtered ? makeFilter(cols, q) : null;
      const results = ms.search(q.q, {
        combineWith: 'AND',
        prefix: (_t, i, terms) => i === terms.length - 1,
        fuzzy: (term) => (term.length >= 5 ? 1 : 0),
        ...(filter ? { filter: (r) => filter(r.id as number) } : {}),
      });
      const ids = results.map((r) => r.id as number);
      return peerFacets(cols, ids, null).length;
    },
  };
}

// FlexSearch's typings do not cover every 0.8 option; the benchmark uses its documented API.
type FlexIndex = {
  add(id: number, text: string): void;
  search(q: string, options: { limit: number }): number[];
  export(handler: (key: string, data: string) => void): void;
  import(key: string, data: string): void;
};

function buildFlexSearch(sources: Source[]): FlexIndex {
  const Ctor = (FlexSearch as unknown as { Index: new (o: object) => FlexIndex }).Index;
  const index = new Ctor({ tokenize: 'forward' });
  let i = 0;
  for (const s of sources) {
    for (const d of s.docs) {
      for (const p of d.passages) index.add(i++, `${d.document.title} ${p.speaker ?? ''} ${p.text}`);
    }
  }
  return index;
}

function flexEngine(index: FlexIndex, cols: Columns): Engine {
  return {
    run(q, filtered) {
      const ids = index.search(q.q, { limit: 10_000_000 });
      return peerFacets(cols, ids, filtered ? makeFilter(cols, q) : null).length;
    },
  };
}

function timeQueries(engine: Engine, queries: BenchQuery[]): Record<string, unknown> {
  // A short warm-up, the same for every engine, so the JIT has seen the code.
  for (const q of queries.slice(0, 10)) engine.run(q, false);
  const plain: number[] = [];
  const filtered: number[] = [];
  let matches = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  // CPU time per query too: on a busy machine wall time includes waiting for a core.
  const cpuTimes: number[] = [];
  for (const q of queries) {
    for (const f of [false, true]) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      const n = engine.run(q, f);
      const ms = performance.now() - t;
      const c1 = process.cpuUsage(c0);
      (f ? filtered : plain).push(ms);
      if (!f) matches += n;
      cpuTimes.push((c1.user + c1.system) / 1000);
    }
  }
  const c = process.cpuUsage(cpu);
  return {
    plain: percentiles(plain),
    filtered: percentiles(filtered),
    all: percentiles([...plain, ...filtered]),
    cpu: percentiles(cpuTimes),
    matches,
    // CPU time over wall time: below 1 means the process waited for a core (a busy machine).
    cpuShare: Math.round(((c.user + c.system) / 1000 / (performance.now() - wall)) * 100) / 100,
  };
}

/** Cold start: from reading the saved index to the first answer (no corpus is read). */
function coldStart(args: Args): void {
  const q = args.q ?? 'president';
  const t = performance.now();
  const cpu = process.cpuUsage();
  let total = 0;
  if (args.engine === 'dictum') {
    // Read what the index needs up front; documents are read from the file on demand.
    const fd = openSync(args.save!, 'r');
    const readAt = (offset: number, length: number): Uint8Array => {
      const buf = new Uint8Array(length);
      readSync(fd, buf, 0, length, offset);
      return buf;
    };
    let head = readAt(0, 16);
    for (let need = SearchIndex.bytesNeeded(head); need > head.length; need = SearchIndex.bytesNeeded(head)) {
      head = readAt(0, need);
    }
    const index = SearchIndex.deserialize(head, { readDocuments: readAt });
    total = index.search(searchRequest({ q, limit: 20 })).total;
  } else if (args.engine === 'minisearch') {
    const ms = MiniSearch.loadJSON(readFileSync(args.save!, 'utf8'), {
      fields: ['text', 'title', 'speaker'],
      idField: 'pid',
      storeFields: [],
    });
    total = ms.search(q, { combineWith: 'AND', prefix: (_t, i, terms) => i === terms.length - 1 }).length;
  } else {
    const Ctor = (FlexSearch as unknown as { Index: new (o: object) => FlexIndex }).Index;
    const index = new Ctor({ tokenize: 'forward' });
    const entries = JSON.parse(readFileSync(args.save!, 'utf8')) as Array<[string, string]>;
    for (const [k, v] of entries) index.import(k, v);
    total = index.search(q, { limit: 10_000_000 }).length;
  }
  const c = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      engine: args.engine,
      mode: 'cold',
      coldMs: Math.round(performance.now() - t),
      coldCpuMs: Math.round((c.user + c.system) / 1000),
      total,
    }),
  );
}

/** The real corpora, parsed once per benchmark run and cached as JSON for the next processes. */
function readCorpus(cache: string | null): Source[] {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Source[];
  const real = readAll();
  if (cache) writeFileSync(cache, JSON.stringify(real));
  return real;
}

function main(): void {
  const args = parseArgs();
  if (args.mode === 'cold') {
    coldStart(args);
    return;
  }
  const t0 = performance.now();
  const real = readCorpus(args.corpusCache);
  const sources = Number.isFinite(args.size) ? sized(real, args.size) : real;
  const n = passagesIn(sources);
  const queries = makeQueries(real, args.queries);
  const readMs = performance.now() - t0;
  const out: Record<string, unknown> = {
    engine: args.engine,
    size: n,
    mode: args.mode,
    readMs: Math.round(readMs),
  };

  const cols = buildColumns(sources);
  const before = heap();
  const tb = performance.now();
  const buildCpu = process.cpuUsage();
  let engine: Engine;
  let save: () => void = () => undefined;
  if (args.engine === 'dictum') {
    const index = new SearchIndex();
    for (const s of sources) index.addSource(s.key, s.docs);
    // The first search seals pending passages; count it as part of the build.
    index.search(searchRequest({ q: 'x' }));
    out.buildMs = Math.round(performance.now() - tb);
    out.heapBytes = heap() - before;
    engine = dictumEngine(index);
    save = () => {
      const ts = performance.now();
      const bytes = index.serialize();
      writeFileSync(args.save!, bytes);
      out.saveMs = Math.round(performance.now() - ts);
      out.savedBytes = bytes.length;
    };
  } else if (args.engine === 'minisearch') {
    const ms = buildMiniSearch(sources);
    out.buildMs = Math.round(performance.now() - tb);
    out.heapBytes = heap() - before;
    engine = miniSearchEngine(ms, cols);
    save = () => {
      const ts = performance.now();
      const json = JSON.stringify(ms);
      writeFileSync(args.save!, json);
      out.saveMs = Math.round(performance.now() - ts);
      out.savedBytes = Buffer.byteLength(json);
    };
  } else {
    const fx = buildFlexSearch(sources);
    out.buildMs = Math.round(performance.now() - tb);
    out.heapBytes = heap() - before;
    engine = flexEngine(fx, cols);
    save = () => {
      const ts = performance.now();
      const entries: Array<[string, string]> = [];
      fx.export((k, v) => {
        entries.push([k, v]);
      });
      const json = JSON.stringify(entries);
      writeFileSync(args.save!, json);
      out.saveMs = Math.round(performance.now() - ts);
      out.savedBytes = Buffer.byteLength(json);
    };
  }
  const bc = process.cpuUsage(buildCpu);
  out.buildCpuMs = Math.round((bc.user + bc.system) / 1000);
  out.buildRate = Math.round(n / ((out.buildMs as number) / 1000));
  out.heapPerPassage = Math.round((out.heapBytes as number) / n);
  out.latency = timeQueries(engine, queries);
  if (args.save) {
    try {
      save();
    } catch (err) {
      out.saveError = err instanceof Error ? err.message : String(err);
    }
  }
  console.log(JSON.stringify(out));
}

main();
