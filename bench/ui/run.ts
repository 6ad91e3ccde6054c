/**
 * The UI benchmark: the time from a keystroke in the search box to the frame that shows
 * the results for it, in Debian's Chromium against `dictum serve`, on the bundled corpus
 * and on a large one. Each character of a set of queries is typed, then the benchmark
 * waits for its results, so every keystroke is measured (including the UI's coalescing
 * delay). Not a timed test: it reports p50/p95.
 *
 *   npm run build && npx tsx bench/ui/run.ts [--corpus DIR]... [--runs N]
 *
 * With no --corpus: the bundled corpus, then /work/shared/corpora/wh_briefings if present.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';

const root = join(__dirname, '..', '..');
const QUERIES = [
  'olympics',
  'sanctions russia',
  'president xi',
  'inflation',
  'covid vaccine',
  'speaker:psaki boycott',
  'climate change',
  'beijing winter games',
  'ukraine',
  'infrastructure bill',
];

interface Figures {
  corpus: string;
  passages: number;
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  serverP50: number;
  httpP50: number;
  httpP95: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function startServer(corpus: string | null, port: number): Promise<ChildProcess> {
  const args = [join(root, 'dist', 'cli.js'), 'serve', '--port', String(port), '--no-cache'];
  if (corpus) args.push('--corpus', corpus);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let exited: string | null = null;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.on(
    'exit',
    (code) => (exited = `bench/ui: the server exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`),
  );
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('bench/ui: the server did not finish indexing in 15 minutes');
    if (exited !== null) throw new Error(exited);
    try {
      const status = (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as {
        progress: { phase: string };
      };
      if (status.progress.phase === 'ready') return child;
      if (status.progress.phase === 'failed') throw new Error('bench/ui: indexing failed');
    } catch (error) {
      if ((error as Error).message.startsWith('bench/ui')) throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const SEQ = 'Number(document.documentElement.dataset.renderSeq ?? 0)';

async function measure(page: Page): Promise<{ latencies: number[]; server: number[]; http: number[] }> {
  const latencies: number[] = [];
  const http: number[] = [];
  const server: number[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/api/search')) return;
    try {
      server.push(((await response.json()) as { tookMs: number }).tookMs);
    } catch {
      // an aborted request has no body
    }
  });
  const search = page.getByRole('combobox', { name: 'Search' });
  for (const query of QUERIES) {
    await search.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.waitForSelector('#results[aria-busy="false"]');
    let typed = '';
    for (const ch of query) {
      typed += ch;
      const before = Number(await page.evaluate(SEQ));
      await page.keyboard.type(ch);
      // A space does not change the search (the query is trimmed), so nothing new is drawn.
      if (ch === ' ') continue;
      // Page code as strings: this file is type-checked without the DOM library.
      await page.waitForFunction(
        `${SEQ} > ${before} && document.documentElement.dataset.renderedQuery === ${JSON.stringify(typed)}`,
        undefined,
        {
          timeout: 30_000,
        },
      );
      latencies.push(Number(await page.evaluate('document.documentElement.dataset.latencyMs')));
      // The HTTP part of it: the first-page request for this query, as the browser timed it.
      const fetchMs = Number(
        await page.evaluate(`(() => {
          const e = performance.getEntriesByType('resource').filter((r) => {
            const u = new URL(r.name);
            return u.pathname === '/api/search' && u.searchParams.get('offset') === '0' && u.searchParams.get('q') === ${JSON.stringify(typed.trim())};
          }).pop();
          performance.clearResourceTimings();
          return e ? e.duration : NaN;
        })()`),
      );
      if (Number.isFinite(fetchMs)) http.push(fetchMs);
    }
  }
  return { latencies, server, http };
}

async function benchCorpus(corpus: string | null, port: number, runs: number): Promise<Figures> {
  const server = await startServer(corpus, port);
  const browser = await chromium.launch({
    executablePath: process.env.DICTUM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    // The waits below are page code given as strings, which the UI's CSP would refuse to evaluate.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('#results[aria-busy="false"]');
    const status = (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as {
      passages: number;
      corpus: { name: string };
    };
    const all: number[] = [];
    const serverAll: number[] = [];
    const httpAll: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { latencies, server: s, http } = await measure(page);
      all.push(...latencies);
      serverAll.push(...s);
      httpAll.push(...http);
    }
    all.sort((a, b) => a - b);
    serverAll.sort((a, b) => a - b);
    httpAll.sort((a, b) => a - b);
    return {
      corpus: corpus ?? 'corpus/ (bundled)',
      passages: status.passages,
      keystrokes: all.length,
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      max: all[all.length - 1] ?? NaN,
      serverP50: percentile(serverAll, 50),
      httpP50: percentile(httpAll, 50),
      httpP95: percentile(httpAll, 95),
    };
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpora: Array<string | null> = [];
  let runs = 2;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--corpus') corpora.push(args[++i] ?? null);
    else if (args[i] === '--runs') runs = Math.max(1, Number(args[++i]) || 1);
  }
  if (corpora.length === 0) {
    corpora.push(null);
    if (existsSync('/work/shared/corpora/wh_briefings')) corpora.push('/work/shared/corpora/wh_briefings');
  }
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('bench/ui: run `npm run build` first');
  const rows: Figures[] = [];
  for (const [i, corpus] of corpora.entries()) rows.push(await benchCorpus(corpus, 4898 + i * 2, runs));
  console.log(
    `UI benchmark, ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    '| corpus | passages | keystrokes | keystroke→results p50 ms | p95 ms | max ms | HTTP p50 / p95 ms | server tookMs p50 |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.corpus} | ${r.passages} | ${r.keystrokes} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} | ${r.httpP50.toFixed(0)} / ${r.httpP95.toFixed(0)} | ${r.serverP50.toFixed(1)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
