/**
 * HTTP benchmark: faceted searches through `dictum serve` (autocannon over loopback) beside
 * the same searches through the in-process SearchService, on a real corpus.
 *
 *   npx tsx bench/http/run.ts                       # wh_briefings press briefings (a few minutes)
 *   npx tsx bench/http/run.ts --large               # wh_briefings + kremlin_en + ungdc
 *   npx tsx bench/http/run.ts --corpus DIR [--corpus DIR2 ...] [--duration 5] [--connections 8]
 *
 * The saved index is kept in a temporary cache folder, so a second run skips indexing.
 * Results are printed and written to bench/http/RESULTS.md (--out FILE to change).
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { searchRequest, type SearchRequest, type SearchResponse } from '../../main/common/contract';
import { validateSearchRequest } from '../../main/common/validate';
import { createSearchService, WorkerSearchService, type SearchService } from '../../main/service/index';
import { startServer } from '../../main/server/index';

const CORPORA = '/work/shared/corpora';
const DEFAULT_CORPUS = [join(CORPORA, 'wh_briefings', 'press-briefings')];
const LARGE_CORPUS = ['wh_briefings', 'kremlin_en', 'ungdc'].map((name) => join(CORPORA, name));

const USAGE = `Usage: npx tsx bench/http/run.ts [--corpus DIR]... [--large] [--duration SECONDS] [--connections N]
                                  [--no-cache] [--out FILE] [--append]
  --corpus DIR      corpus folder (repeat to combine folders); default ${DEFAULT_CORPUS.join(', ')}
  --large           ${LARGE_CORPUS.join(' + ')}
  --duration S      seconds per scenario and side (default 5; at most 60)
  --connections N   concurrent HTTP connections and in-process callers (default 8)
  --no-cache        index from scratch and do not save the index
  --out FILE        where to write the results (default bench/http/RESULTS.md)
  --append          add this run's section to FILE instead of replacing it
`;

interface Scenario {
  name: string;
  params: Record<string, string | number | string[]>;
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

function flags() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', multiple: true },
      large: { type: 'boolean' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      'no-cache': { type: 'boolean' },
      out: { type: 'string' },
      append: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const duration = Math.min(60, Math.max(1, Number(values.duration ?? 5)));
  const connections = Math.min(256, Math.max(1, Number(values.connections ?? 8)));
  if (!Number.isFinite(duration) || !Number.isFinite(connections))
    throw new Error('bench: bad --duration or --connections');
  const corpora = (values.corpus?.length ? values.corpus : values.large ? LARGE_CORPUS : DEFAULT_CORPUS).map(
    (d) => resolve(d),
  );
  for (const dir of corpora) if (!existsSync(dir)) throw new Error(`bench: no such corpus folder ${dir}`);
  return {
    corpora,
    duration,
    connections,
    cache: !values['no-cache'],
    out: resolve(values.out ?? join(__dirname, 'RESULTS.md')),
    append: values.append === true,
  };
}

/**
 * One folder for several corpora: symbolic links side by side (the corpus reader follows
 * them). Its path depends only on the corpora, so the saved index of a previous run applies.
 */
function corpusFolder(corpora: string[]): string {
  if (corpora.length === 1) return corpora[0] as string;
  const key = createHash('sha256').update(corpora.join('\n')).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `dictum-bench-corpus-${key}`);
  mkdirSync(dir, { recursive: true });
  for (const corpus of corpora) {
    const link = join(dir, basename(corpus));
    if (!existsSync(link)) symlinkSync(corpus, link);
  }
  return dir;
}

/** The middle half of the matches' dates (by count), as a from/to pair. */
function middleDates(response: SearchResponse): [string, string] {
  const buckets = [...response.facets.date].sort((a, b) => a.value.localeCompare(b.value));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  let seen = 0;
  let from = buckets[0]?.value ?? '2021';
  let to = buckets[buckets.length - 1]?.value ?? '2022';
  for (const bucket of buckets) {
    if (seen <= total / 4) from = bucket.value;
    seen += bucket.count;
    if (seen >= (total * 3) / 4) {
      to = bucket.value;
      break;
    }
  }
  return [from, to];
}

/** Faceted searches built from the corpus's own facets, so every filter matches something. */
async function scenarios(service: SearchService): Promise<Scenario[]> {
  const browse = await service.search(searchRequest({ limit: 0 }));
  const speakers = browse.facets.speaker.map((f) => f.value).filter((s) => s !== 'Reporter');
  const topics = browse.facets.topic.map((f) => f.value);
  const s1 = speakers[0] ?? 'Jen Psaki';
  const s2 = speakers[1] ?? s1;
  const [from, to] = middleDates(await service.search(searchRequest({ speaker: [s1, s2], limit: 0 })));
  const [anyFrom, anyTo] = middleDates(browse);
  const topic = topics.find((t) => t === 'economy-business-finance') ?? topics[0] ?? 'politics';
  return [
    { name: 'word', params: { q: 'president' } },
    { name: 'word + speaker', params: { q: 'economy', speaker: s1 } },
    { name: 'two words + topic + kind', params: { q: 'security cooperation', topic, kind: 'turn' } },
    {
      name: 'browse: 2 speakers + dates, newest first',
      params: { q: '', speaker: [s1, s2], from, to, sort: 'date-desc' },
    },
    { name: 'phrase + date range', params: { q: '"united states"', from: anyFrom, to: anyTo } },
    { name: 'prefix while typing + topic', params: { q: 'infla', topic } },
  ];
}

function query(params: Scenario['params']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  return `/api/search?${search.toString()}`;
}

/** The typed request the service takes, from the same parameters the URL carries. */
function request(params: Scenario['params']): SearchRequest {
  const list = (v: string | number | string[] | undefined) =>
    v === undefined ? undefined : [v].flat().map(String);
  const { speaker, topic, kind, ...rest } = params;
  return validateSearchRequest({
    ...rest,
    ...(speaker !== undefined ? { speaker: list(speaker) } : {}),
    ...(topic !== undefined ? { topic: list(topic) } : {}),
    ...(kind !== undefined ? { kind: list(kind) } : {}),
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * The same load in process: `connections` callers in a loop for `duration` seconds. As with
 * autocannon, only searches that finish inside the window count (a slow one still running
 * at the end is awaited, so it does not overlap the next measurement, but not counted).
 */
async function inProcess(
  service: SearchService,
  requests: SearchRequest[],
  connections: number,
  duration: number,
): Promise<Measure> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, caller) => {
      for (let i = caller; performance.now() < until; i++) {
        const t = performance.now();
        try {
          await service.search(requests[i % requests.length] as SearchRequest);
          const done = performance.now();
          if (done <= until) latencies.push(done - t);
        } catch {
          failures++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failures,
  };
}

async function overHttp(
  url: string,
  paths: string[],
  connections: number,
  duration: number,
): Promise<Measure> {
  // One worker thread fires the requests, so the client does not share the server's event loop.
  const result = await autocannon({
    url,
    connections,
    duration,
    workers: 1,
    timeout: 30,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    // Completed requests over the window: the per-second average hides windows with none.
    rps: result.requests.total / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.non2xx + result.timeouts,
  };
}

/**
 * Median times of a few searches one at a time, HTTP and in process taken in turns so that
 * both see the same machine: the cost of HTTP itself, without queueing.
 */
async function alone(
  viaHttp: () => Promise<unknown>,
  direct: () => Promise<unknown>,
  times = 7,
): Promise<{ http: Spread; direct: Spread }> {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < times; i++) {
    for (const [side, run] of [viaHttp, direct].entries()) {
      const t = performance.now();
      await run();
      samples[side as 0 | 1].push(performance.now() - t);
    }
  }
  const spread = (xs: number[]): Spread => {
    xs.sort((a, b) => a - b);
    return { median: percentile(xs, 50), best: xs[0] ?? NaN };
  };
  return { http: spread(samples[0]), direct: spread(samples[1]) };
}

/** Median and best of a few timings: on a shared machine the best shows the cost itself. */
interface Spread {
  median: number;
  best: number;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  const options = flags();
  const corpusDir = corpusFolder(options.corpora);
  const cacheDir = options.cache ? join(tmpdir(), 'dictum-bench-http-cache') : null;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const staticDir = mkdtempSync(join(tmpdir(), 'dictum-bench-ui-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Dictum</title>\n');

  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`bench: indexing ${options.corpora.join(' + ')} ${cacheDir ? `(cache ${cacheDir})` : '(no cache)'}`);
  const t0 = performance.now();
  const service = createSearchService({ corpusDir, cacheDir });
  const status = await service.ready();
  const indexMs = performance.now() - t0;
  if (status.error) throw new Error(`bench: indexing failed: ${status.error}`);
  log(`bench: ${status.documents} documents, ${status.passages} passages in ${fmt(indexMs / 1000)} s`);
  if (cacheDir && service instanceof WorkerSearchService) {
    // The service saves its index once searching pauses after ready(), and a save holds its
    // worker's searches: let it happen before measuring. A worker answers `statistics()`
    // only after the save it is busy with.
    log('bench: letting the service save its index');
    await new Promise((r) => setTimeout(r, 2500));
    await service.statistics();
  }

  const server = await startServer({ service, host: '127.0.0.1', port: 0, staticDir, logger: false });
  interface Row {
    name: string;
    query: string;
    total: number | null;
    aloneHttp: Spread;
    aloneDirect: Spread;
    http: Measure;
    direct: Measure;
  }
  const rows: Row[] = [];
  let statusLoad: Measure | null = null;
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const list = await scenarios(service);
    // Warm up both paths (JIT, the client's worker, the workers' caches) before measuring.
    log('bench: warming up');
    await overHttp(
      server.url,
      list.map((s) => query(s.params)),
      options.connections,
      2,
    );
    await inProcess(
      service,
      list.map((s) => request(s.params)),
      options.connections,
      2,
    );
    const mixed: Scenario = { name: 'mixed (all of the above in turn)', params: {} };
    for (const scenario of [...list, mixed]) {
      const group = scenario === mixed ? list : [scenario];
      const requests = group.map((s) => request(s.params));
      const paths = group.map((s) => query(s.params));
      const first = requests[0] as SearchRequest;
      const url = `${server.url}${paths[0] as string}`;
      // Warm up both paths and check that HTTP answers what the service answers.
      const direct = await service.search(first);
      const viaHttp = (await (await fetch(url)).json()) as SearchResponse;
      if (viaHttp.total !== direct.total)
        throw new Error(`bench: ${scenario.name}: HTTP and service disagree`);
      log(`bench: ${scenario.name} (${direct.total} matches)`);
      const isMixed = scenario === mixed;
      const none = { median: NaN, best: NaN };
      const { http: aloneHttp, direct: aloneDirect } = isMixed
        ? { http: none, direct: none }
        : await alone(
            async () => (await fetch(url)).text(),
            () => service.search(first),
          );
      const http = await overHttp(server.url, paths, options.connections, options.duration);
      const inproc = await inProcess(service, requests, options.connections, options.duration);
      rows.push({
        name: scenario.name,
        query: isMixed ? '' : (paths[0] as string),
        total: isMixed ? null : direct.total,
        aloneHttp,
        aloneDirect,
        http,
        direct: inproc,
      });
      log(
        `  alone: http ${fmt(aloneHttp.median)} ms, in-process ${fmt(aloneDirect.median)} ms | ${options.connections} at once: http ${fmt(http.rps)} req/s p99 ${fmt(http.p99)} ms, in-process ${fmt(inproc.rps)} req/s p99 ${fmt(inproc.p99)} ms`,
      );
    }
    statusLoad = await overHttp(
      server.url,
      ['/api/status'],
      options.connections,
      Math.min(3, options.duration),
    );
  } finally {
    await server.close();
    await service.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] ?? 0;

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# HTTP benchmark: `dictum serve` vs the in-process SearchService',
    '',
    `## ${options.corpora.map((c) => basename(c)).join(' + ')}: ${status.documents} documents, ${status.passages} passages`,
    '',
    `Run: \`npx tsx bench/http/run.ts ${process.argv.slice(2).join(' ')}\`, ${new Date().toISOString().slice(0, 16)}Z.`,
    `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; ` +
      `load average ${fmt(loadBefore)} before, ${fmt(loadAfter)} after (other work shares the machine).`,
    `Corpus: ${options.corpora.map((c) => `\`${c}\``).join(' + ')}: ${status.documents} documents, ${status.passages} passages, ` +
      `${status.skipped.length} skipped; ready in ${fmt(indexMs / 1000)} s (${cacheDir ? 'saved index allowed' : 'no cache'}).`,
    '',
    `"Alone": median / best of 7 searches one at a time (HTTP and in-process in turns). "Under load": ${options.connections} concurrent connections (HTTP:`,
    `autocannon in a worker thread over loopback) or callers (in process) for ${options.duration} s; req/s counts the`,
    'requests completed in the window (on both sides; slower ones are not counted, so p99 is that of the completed).',
    'Latencies in ms. The HTTP client (one worker thread), the server and the two index workers share the machine,',
    'so under load HTTP also pays for its client; "alone" isolates the cost of HTTP itself.',
    '',
    '| search | matches | alone HTTP (median / best) | alone in-process (median / best) | HTTP req/s | HTTP p50 | HTTP p99 | in-process req/s | in-process p50 | in-process p99 | failures |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name}${r.query ? ` \`${r.query}\`` : ''} | ${r.total ?? ''} | ${fmt(r.aloneHttp.median)} / ${fmt(r.aloneHttp.best)} | ${fmt(r.aloneDirect.median)} / ${fmt(r.aloneDirect.best)} | ` +
        `${fmt(r.http.rps)} | ${fmt(r.http.p50)} | ${fmt(r.http.p99)} | ${fmt(r.direct.rps)} | ${fmt(r.direct.p50)} | ${fmt(r.direct.p99)} | ` +
        `${r.http.failures + r.direct.failures} |`,
    ),
    '',
    statusLoad
      ? `Server overhead alone: \`GET /api/status\` (no search) ${fmt(statusLoad.rps)} req/s, p50 ${fmt(statusLoad.p50)} ms, p99 ${fmt(statusLoad.p99)} ms.`
      : '',
    '',
  ];
  if (options.append && existsSync(options.out))
    appendFileSync(options.out, `\n${lines.slice(2).join('\n')}\n`);
  else writeFileSync(options.out, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  log(`bench: written to ${options.out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
