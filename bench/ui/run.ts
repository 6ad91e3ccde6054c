/**
 * The UI benchmark: the time from a keystroke in the search box to the frame that shows
 * the results for it, and from opening the app to its first results, in Debian's Chromium
 * against `dictum serve`. Each character of a set of queries is typed, then the benchmark
 * waits for its results, so every keystroke is measured (including the UI's coalescing).
 * Not a timed test: it reports p50/p95.
 *
 *   npm run build && npx tsx bench/ui/run.ts [--corpus DIR]... [--runs N] [--build DIST]...
 *
 * With no --corpus: the bundled corpus, then /work/shared/corpora/wh_briefings if present.
 * With two or more --build (each the dist/ folder of a built checkout with its node_modules:
 * `git archive main | tar -x -C /tmp/base`, node_modules linked in, `npm run build`), the
 * builds run side by side on the same corpus, one query at a time in turn (the order
 * alternating), so a change of load hits them alike; the table gives each build's figures
 * and the ratio to the first build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';

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
/** How many times the app is opened afresh to time its first results. */
const OPENINGS = 7;

interface Figures {
  build: string;
  corpus: string;
  passages: number;
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  serverP50: number;
  httpP50: number;
  httpP95: number;
  pageP50: number;
  pageP95: number;
  firstP50: number;
}

interface Samples {
  latencies: number[];
  /** Each keystroke's latency less its request's time: the page's own part. */
  page: number[];
  server: number[];
  http: number[];
  first: number[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A port nothing listens on now (a fixed one may be another run's server, which would answer). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('bench/ui: no free port')),
      );
    });
  });
}

async function startServer(dist: string, corpus: string | null, port: number): Promise<ChildProcess> {
  const args = [join(dist, 'cli.js'), 'serve', '--port', String(port), '--no-cache'];
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
      const status = (await (
        await fetch(`http://127.0.0.1:${port}/api/status`, { signal: AbortSignal.timeout(5000) })
      ).json()) as {
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

/**
 * Page code run before the app: notes when the first result rows are on screen, for any build
 * of the app: the first task after the frame that shows a filled row. Rows written inside an
 * animation frame are shown by that frame, others by the next one; a frame loop of its own
 * tells which (its callback runs first in each frame, its timer right after the frame).
 */
const FIRST_RESULTS_PROBE = `(() => {
  let inFrame = false;
  let done = false;
  const loop = () => {
    if (done) return;
    inFrame = true;
    setTimeout(() => (inFrame = false), 0);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const mark = () => {
    done = true;
    document.documentElement.dataset.benchFirstResultsMs = performance.now().toFixed(1);
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('#results [role=option].result:not(.is-loading)')) return;
    observer.disconnect();
    if (inFrame) setTimeout(mark, 0);
    else requestAnimationFrame(() => setTimeout(mark, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** Opens the app afresh and returns the time from navigation to its first results. */
async function timeOpening(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  try {
    await context.addInitScript(FIRST_RESULTS_PROBE);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      'document.documentElement.dataset.benchFirstResultsMs !== undefined',
      undefined,
      {
        timeout: 60_000,
      },
    );
    return Number(await page.evaluate('document.documentElement.dataset.benchFirstResultsMs'));
  } finally {
    await context.close();
  }
}

/** Types one query a character at a time, waiting for the results of each. */
async function typeQuery(page: Page, query: string, into: Samples): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search' });
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
    await page
      .waitForFunction(
        `${SEQ} > ${before} && document.documentElement.dataset.renderedQuery === ${JSON.stringify(typed)}`,
        undefined,
        { timeout: 30_000 },
      )
      .catch(async (error: Error) => {
        const shown = await page.evaluate('JSON.stringify(document.documentElement.dataset)');
        throw new Error(
          `bench/ui: no results drawn for "${typed}" at ${page.url()} (${shown}): ${error.message}`,
        );
      });
    const latency = Number(await page.evaluate('document.documentElement.dataset.latencyMs'));
    into.latencies.push(latency);
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
    if (Number.isFinite(fetchMs)) {
      into.http.push(fetchMs);
      into.page.push(latency - fetchMs);
    }
  }
}

interface Target {
  build: string;
  url: string;
  page: Page;
  samples: Samples;
}

async function benchCorpus(builds: string[], corpus: string | null, runs: number): Promise<Figures[]> {
  const servers: ChildProcess[] = [];
  let browser: Browser | null = null;
  try {
    // One server per build, indexing the same corpus; all are ready before any is timed.
    const ports: number[] = [];
    for (const _ of builds) ports.push(await freePort());
    servers.push(...(await Promise.all(builds.map((b, i) => startServer(b, corpus, ports[i] ?? 0)))));
    process.stderr.write(`bench/ui: ${builds.length} server(s) ready on ${corpus ?? 'the bundled corpus'}\n`);
    browser = await chromium.launch({
      executablePath: process.env.DICTUM_CHROMIUM ?? '/usr/bin/chromium',
      // The flags of playwright.config.ts: without them Chromium starts fetching components.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const targets: Target[] = [];
    for (const [i, build] of builds.entries()) {
      const url = `http://127.0.0.1:${ports[i] ?? 0}/`;
      // The waits below are page code given as strings, which the UI's CSP would refuse to evaluate.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      const page = await context.newPage();
      const samples: Samples = { latencies: [], page: [], server: [], http: [], first: [] };
      page.on('response', async (response) => {
        if (!response.url().includes('/api/search')) return;
        try {
          samples.server.push(((await response.json()) as { tookMs: number }).tookMs);
        } catch {
          // an aborted request has no body
        }
      });
      await page.goto(url);
      await page.waitForSelector('#results[aria-busy="false"]');
      targets.push({ build, url, page, samples });
    }
    // Openings, in turn.
    for (let n = 0; n < OPENINGS; n++) {
      for (const t of n % 2 === 0 ? targets : [...targets].reverse())
        t.samples.first.push(await timeOpening(browser, t.url));
    }
    process.stderr.write(`bench/ui: opened each build ${OPENINGS} times\n`);
    // Keystrokes: each query typed in every build before the next query, the order alternating.
    let turn = 0;
    for (let r = 0; r < runs; r++) {
      for (const query of QUERIES) {
        for (const t of turn++ % 2 === 0 ? targets : [...targets].reverse())
          await typeQuery(t.page, query, t.samples);
        process.stderr.write(`bench/ui: typed "${query}" (run ${r + 1} of ${runs})\n`);
      }
    }
    const status = (await (await fetch(`http://127.0.0.1:${ports[0] ?? 0}/api/status`)).json()) as {
      passages: number;
    };
    return targets.map((t) => ({
      build: t.build,
      corpus: corpus ?? 'corpus/ (bundled)',
      passages: status.passages,
      keystrokes: t.samples.latencies.length,
      p50: percentile(t.samples.latencies, 50),
      p95: percentile(t.samples.latencies, 95),
      max: Math.max(...t.samples.latencies),
      serverP50: percentile(t.samples.server, 50),
      httpP50: percentile(t.samples.http, 50),
      httpP95: percentile(t.samples.http, 95),
      pageP50: percentile(t.samples.page, 50),
      pageP95: percentile(t.samples.page, 95),
      firstP50: percentile(t.samples.first, 50),
    }));
  } finally {
    await browser?.close();
    for (const s of servers) s.kill('SIGTERM');
  }
}

function loadLine(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpora: Array<string | null> = [];
  const builds: string[] = [];
  let runs = 2;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--corpus') corpora.push(args[++i] ?? null);
    else if (args[i] === '--build') builds.push(resolve(args[++i] ?? ''));
    else if (args[i] === '--runs') runs = Math.max(1, Number(args[++i]) || 1);
  }
  if (corpora.length === 0) {
    corpora.push(null);
    if (existsSync('/work/shared/corpora/wh_briefings')) corpora.push('/work/shared/corpora/wh_briefings');
  }
  if (builds.length === 0) builds.push(join(root, 'dist'));
  for (const b of builds)
    if (!existsSync(join(b, 'cli.js')))
      throw new Error(`bench/ui: ${b} has no cli.js; run \`npm run build\``);
  console.log(`UI benchmark, ${new Date().toISOString()}, ${loadLine()}`);
  const rows: Figures[] = [];
  for (const corpus of corpora) {
    rows.push(...(await benchCorpus(builds, corpus, runs)));
    console.log(`(${corpus ?? 'bundled corpus'} done, ${loadLine()})`);
  }
  console.log(
    '| build | corpus | passages | keystrokes | keystroke→results p50 ms | p95 ms | max ms | HTTP p50 / p95 ms | without HTTP p50 / p95 ms | server tookMs p50 | open→first results p50 ms |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.build} | ${r.corpus} | ${r.passages} | ${r.keystrokes} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} | ${r.httpP50.toFixed(0)} / ${r.httpP95.toFixed(0)} | ${r.pageP50.toFixed(0)} / ${r.pageP95.toFixed(0)} | ${r.serverP50.toFixed(1)} | ${r.firstP50.toFixed(0)} |`,
    );
  }
  if (builds.length > 1) {
    console.log('\nRatios to the first build (below 1: faster):');
    console.log(
      '| build | corpus | p50 | p95 | without HTTP p50 | without HTTP p95 | open→first results p50 |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const base = rows.find((b) => b.corpus === r.corpus && b.build === builds[0]);
      if (!base || r.build === base.build) continue;
      console.log(
        `| ${r.build} | ${r.corpus} | ${(r.p50 / base.p50).toFixed(2)} | ${(r.p95 / base.p95).toFixed(2)} | ${(r.pageP50 / base.pageP50).toFixed(2)} | ${(r.pageP95 / base.pageP95).toFixed(2)} | ${(r.firstP50 / base.firstP50).toFixed(2)} |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
