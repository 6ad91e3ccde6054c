/**
 * Cold start, side by side: how long from starting `dictum serve` on a saved index to the
 * first full answer (every match counted) for a query, for two or more builds of Dictum in
 * one run, interleaved, so the machine's load falls on each alike. Also the serving
 * process's RSS once ready, and the saved index's size beside the corpus's text.
 *
 *   npx tsx bench/startup/run.ts [--corpus real|million|DIR] [--build DIR]... [--runs 9]
 *                                [--query russia] [--port 4890] [--cpu-prof DIR]
 *
 * A build is a checkout with `dist/` built (default: this one); each gets its own cache folder
 * under the corpus's bench root, filled by `dictum index` before the first run. "Full" means
 * the total a settled server gives for the query (taken once per build, and required to agree).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatOf } from '../../main/extract/formats';
import { assemble, benchCacheDir } from './corpus';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'real' },
    build: { type: 'string', multiple: true },
    runs: { type: 'string', default: '9' },
    query: { type: 'string', default: 'russia' },
    port: { type: 'string', default: '4890' },
    'cpu-prof': { type: 'string' },
  },
});

const corpusDir =
  values.corpus === 'real' || values.corpus === 'million' ? assemble(values.corpus) : resolve(values.corpus!);
const builds = (values.build ?? [process.cwd()]).map((b) => resolve(b));
const runs = Number(values.runs);
const port = Number(values.port);
const query = values.query!;

const cacheDirOf = (build: string): string => benchCacheDir(corpusDir, build);

function bytesUnder(dir: string, test: (name: string) => boolean): number {
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sum += bytesUnder(path, test);
    else if (test(entry.name)) sum += statSync(path).size;
  }
  return sum;
}

interface Answer {
  total: number;
}

async function ask(url: string): Promise<Answer | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    return (await response.json()) as Answer;
  } catch {
    return null;
  }
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function serve(build: string, extraNodeArgs: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    [...extraNodeArgs, join(build, 'dist', 'cli.js'), 'serve', '--corpus', corpusDir, '--port', String(port)],
    { env: { ...process.env, DICTUM_CACHE_DIR: cacheDirOf(build) }, stdio: 'ignore' },
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

const searchUrl = `http://127.0.0.1:${port}/api/search?q=${encodeURIComponent(query)}&limit=20`;

/** The total of a settled server: the answer every cold start must reach. */
async function settledTotal(build: string): Promise<{ total: number; passages: number; rss: number }> {
  const child = serve(build);
  try {
    for (;;) {
      const status = (await fetch(`http://127.0.0.1:${port}/api/status`)
        .then((r) => r.json())
        .catch(() => null)) as { progress: { phase: string }; passages: number } | null;
      if (status?.progress.phase === 'ready') {
        const answer = await ask(searchUrl);
        if (answer) return { total: answer.total, passages: status.passages, rss: rssOf(child.pid!) };
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    await stop(child);
  }
}

/** One cold start: ms from spawn to the first answer with the full total. */
async function coldStart(build: string, total: number, profileDir?: string): Promise<number> {
  const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const started = performance.now();
  const child = serve(build, args);
  try {
    for (;;) {
      const answer = await ask(searchUrl);
      if (answer && answer.total === total) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`bench: dictum serve exited with ${child.exitCode}`);
      await new Promise((done) => setTimeout(done, 5));
    }
  } finally {
    await stop(child);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const load = [loadavg()[0]!];
  // The files Dictum reads (the shared folder also holds formats it leaves alone).
  const textBytes = bytesUnder(corpusDir, (name) => formatOf(name) !== null);
  const info = new Map<string, { total: number; passages: number; rss: number; indexBytes: number }>();
  for (const build of builds) {
    const cacheDir = cacheDirOf(build);
    mkdirSync(cacheDir, { recursive: true });
    const indexed = spawnSync(process.execPath, [join(build, 'dist', 'cli.js'), 'index', corpusDir], {
      env: { ...process.env, DICTUM_CACHE_DIR: cacheDir },
      stdio: 'ignore',
    });
    if (indexed.status !== 0) throw new Error(`bench: dictum index failed for ${build}`);
    const settled = await settledTotal(build);
    const indexBytes = existsSync(cacheDir) ? bytesUnder(cacheDir, (n) => n.endsWith('.bin')) : 0;
    info.set(build, { ...settled, indexBytes });
  }
  const totals = new Set([...info.values()].map((i) => i.total));
  if (totals.size !== 1)
    throw new Error(`bench: the builds disagree on the total: ${[...totals].join(', ')}`);
  const total = [...totals][0]!;
  const times = new Map<string, number[]>(builds.map((b) => [b, []]));
  for (let run = 0; run < runs; run++) {
    for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
      const profile = values['cpu-prof'] && run === 0 ? join(values['cpu-prof'], basename(build)) : undefined;
      times.get(build)!.push(await coldStart(build, total, profile));
      load.push(loadavg()[0]!);
    }
  }
  console.log(
    `\nCold start of \`dictum serve\` on a saved index to the first full answer for "${query}" (${total.toLocaleString('en-US')} hits), ${corpusDir}`,
  );
  console.log(
    `${runs} runs per build, interleaved; load average (1 min) ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}; files Dictum reads ${(textBytes / 1e6).toFixed(0)} MB\n`,
  );
  console.log(
    '| build | statements | median ms | p95 ms | min ms | × first build (median) | RSS when ready | RSS per statement | saved index | index ÷ corpus bytes |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const base = percentile(
    [...times.get(builds[0]!)!].sort((a, b) => a - b),
    50,
  );
  for (const build of builds) {
    const sorted = [...times.get(build)!].sort((a, b) => a - b);
    const i = info.get(build)!;
    const median = percentile(sorted, 50);
    console.log(
      `| ${build} | ${i.passages.toLocaleString('en-US')} | ${median.toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${sorted[0]!.toFixed(0)} | ${(median / base).toFixed(2)} | ${(i.rss / 1e6).toFixed(0)} MB | ${(i.rss / i.passages).toFixed(0)} B | ${(i.indexBytes / 1e6).toFixed(0)} MB | ${(i.indexBytes / textBytes).toFixed(2)} |`,
    );
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
