/**
 * Deep paging on the real corpus (issue 16): serves the bench corpus with `dictum serve` (two
 * index workers, the default on two cores), pages through every match of a frequent query with
 * the `after` cursor in each sort order, and checks that every statement comes exactly once,
 * that the count equals the total, and that the orders list the same statements.
 *
 *   npx tsx bench/paging/run.ts [--corpus real|million|DIR] [--build DIR] [--query russia]
 *                               [--port 4891] [--out bench/paging/RESULTS.md]
 *
 * The build (default: this checkout, `npm run build` first) indexes the corpus on first use
 * into the bench cache (see bench/startup/corpus.ts). Exits 1 when a check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchResponse, StatusResponse } from '../../main/common/contract';
import { assemble, benchCacheDir } from '../startup/corpus';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'real' },
    build: { type: 'string', default: process.cwd() },
    query: { type: 'string', default: 'russia' },
    port: { type: 'string', default: '4891' },
    out: { type: 'string', default: join(__dirname, 'RESULTS.md') },
  },
});

const SORTS = ['relevance', 'date-desc', 'date-asc'] as const;
const PAGE = 200;

const corpusDir =
  values.corpus === 'real' || values.corpus === 'million' ? assemble(values.corpus) : resolve(values.corpus!);
const build = resolve(values.build!);
const base = `http://127.0.0.1:${values.port}`;

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`bench: ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function ready(child: ChildProcess): Promise<StatusResponse> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: dictum serve exited with ${child.exitCode}`);
    const status = await get<StatusResponse>('/api/status').catch(() => null);
    if (status?.progress.phase === 'ready') return status;
    await new Promise((done) => setTimeout(done, 500));
  }
}

interface Walk {
  sort: string;
  total: number;
  pages: number;
  listed: number;
  distinct: number;
  repeated: number;
  totalsSeen: number;
  ms: number;
  ids: Set<string>;
}

async function walk(sort: string): Promise<Walk> {
  const ids = new Set<string>();
  const totals = new Set<number>();
  let listed = 0;
  let pages = 0;
  let after: string | undefined;
  const started = performance.now();
  do {
    const params = new URLSearchParams({ q: values.query!, sort, limit: String(PAGE) });
    if (after !== undefined) params.set('after', after);
    const page = await get<SearchResponse>(`/api/search?${params.toString()}`);
    pages++;
    totals.add(page.total);
    for (const hit of page.hits) {
      listed++;
      ids.add(hit.id);
    }
    after = page.next;
    if (page.hits.length === 0 && after !== undefined) throw new Error('bench: an empty page with a cursor');
  } while (after !== undefined);
  return {
    sort,
    total: [...totals][0]!,
    pages,
    listed,
    distinct: ids.size,
    repeated: listed - ids.size,
    totalsSeen: totals.size,
    ms: performance.now() - started,
    ids,
  };
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [join(build, 'dist', 'cli.js'), 'serve', '--corpus', corpusDir, '--port', String(values.port)],
    { env: { ...process.env, DICTUM_CACHE_DIR: benchCacheDir(corpusDir, build) }, stdio: 'ignore' },
  );
  const loadBefore = loadavg()[0]!;
  const walks: Walk[] = [];
  let status: StatusResponse;
  try {
    status = await ready(child);
    for (const sort of SORTS) walks.push(await walk(sort));
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  const first = walks[0]!.ids;
  const sameSet = walks.every((w) => w.ids.size === first.size && [...w.ids].every((id) => first.has(id)));
  const ok = walks.every((w) => w.repeated === 0 && w.distinct === w.total && w.totalsSeen === 1) && sameSet;
  const lines = [
    '# Deep paging on the real corpus (issue 16)',
    '',
    `Run: \`npx tsx bench/paging/run.ts --query ${values.query}\`, ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores, Node ${process.version}, load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.`,
    `Corpus: ${corpusDir} (bench/startup/corpus.ts), ${status.documents.toLocaleString('en-US')} documents, ${status.passages.toLocaleString('en-US')} statements, served by \`dictum serve\` with two index workers (shards).`,
    `Every match of "${values.query}" paged with the \`after\` cursor, ${PAGE} a page, in each sort order.`,
    '',
    '| sort | total | pages | statements listed | distinct | listed twice or more | total the same on every page | seconds |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...walks.map(
      (w) =>
        `| ${w.sort} | ${w.total.toLocaleString('en-US')} | ${w.pages} | ${w.listed.toLocaleString('en-US')} | ${w.distinct.toLocaleString('en-US')} | ${w.repeated} | ${w.totalsSeen === 1 ? 'yes' : 'no'} | ${(w.ms / 1000).toFixed(1)} |`,
    ),
    '',
    `The three orders list the same statements: ${sameSet ? 'yes' : 'NO'}. Every statement exactly once, count equal to the total: ${ok ? 'yes' : 'NO'}.`,
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(values.out!, report);
  if (!ok) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
