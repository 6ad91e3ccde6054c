/**
 * `npm run bench`: Dictum's engine against MiniSearch used plainly and FlexSearch 0.8, on the
 * shared real corpora and a replicated one-million-passage set, in one run. Each engine and
 * size runs in a fresh process (worker.ts) for clean heap and cold-start figures.
 *
 *   npm run bench -- --sizes 90000,1000000 --engines dictum,flexsearch --queries 200
 *
 * `--sizes` takes passage counts; `real` means all real passages (about 486k). Writes the
 * table to bench/search/RESULTS.md (and the raw figures beside it as results.json; `--out DIR`
 * writes them elsewhere). `--render results.json` only redraws the table from saved figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const worker = join(here, 'worker.ts');

function arg(name: string, dflt: string): string {
  const a = process.argv.slice(2);
  const i = a.indexOf(`--${name}`);
  return i >= 0 && a[i + 1] !== undefined ? a[i + 1]! : dflt;
}

const sizes = arg('sizes', 'real,1000000')
  .split(',')
  .map((s) => (s === 'real' ? 10_000_000 : Number(s)))
  .filter((n) => Number.isFinite(n) && n > 0);
const engines = arg('engines', 'dictum,minisearch,flexsearch').split(',');
const queries = Number(arg('queries', '200'));
const timeoutMs = Number(arg('timeout', '900')) * 1000;
const workDir = join(tmpdir(), `dictum-bench-${process.pid}`);
mkdirSync(workDir, { recursive: true });

type Figures = Record<string, unknown> & {
  latency?: { plain: P; filtered: P; all: P; cpu?: P; cpuShare: number };
};
type P = { p50: number; p95: number; p99: number };

function runWorker(args: string[]): { figures: Figures | null; wallMs: number; error: string | null } {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx', worker, ...args],
    {
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - t;
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return { figures: JSON.parse(line) as Figures, wallMs, error: null };
  } catch {
    const why = r.error
      ? r.error.message
      : `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`;
    return { figures: null, wallMs, error: why };
  }
}

interface Row {
  engine: string;
  size: number;
  build: Figures | null;
  cold: Figures | null;
  coldWholeMs: number | null;
  error: string | null;
}

const render = arg('render', '');
const outDir = arg('out', here);
const rows: Row[] = render ? (JSON.parse(readFileSync(render, 'utf8')) as Row[]) : [];
for (const size of render ? [] : sizes) {
  for (const engine of engines) {
    const save = join(workDir, `${engine}-${size}.idx`);
    console.error(
      `bench: ${engine} at ${size === 10_000_000 ? 'all real' : size} passages (load ${loadavg()[0]!.toFixed(1)})`,
    );
    const b = runWorker([
      '--engine',
      engine,
      '--size',
      size === 10_000_000 ? 'real' : String(size),
      '--queries',
      String(queries),
      '--save',
      save,
      '--corpus-cache',
      join(workDir, 'corpus.json'),
    ]);
    const row: Row = { engine, size, build: b.figures, cold: null, coldWholeMs: null, error: b.error };
    if (b.figures && !b.figures.saveError) {
      const c = runWorker([
        '--engine',
        engine,
        '--mode',
        'cold',
        '--save',
        save,
        '--q',
        String(b.figures.firstQuery ?? 'president'),
      ]);
      row.cold = c.figures;
      row.coldWholeMs = c.figures ? Math.round(c.wallMs) : null;
      if (c.error) row.error = `cold start: ${c.error}`;
    }
    rmSync(save, { force: true });
    console.error(`bench: ${JSON.stringify(row)}`);
    rows.push(row);
  }
}
rmSync(workDir, { recursive: true, force: true });
const runAt = render ? `(re-rendered ${new Date().toISOString()} from ${render})` : new Date().toISOString();

const f1 = (n: unknown): string =>
  typeof n === 'number'
    ? n < 10
      ? n.toFixed(2)
      : n < 100
        ? n.toFixed(1)
        : Math.round(n).toLocaleString('en-US')
    : '—';
const ratio = (a: unknown, b: unknown): string =>
  typeof a === 'number' && typeof b === 'number' && a > 0 ? `${(b / a).toFixed(1)}×` : '—';
const lat = (p: P | undefined): string => (p ? `${f1(p.p50)} / ${f1(p.p95)} / ${f1(p.p99)}` : '—');

const lines: string[] = [];
lines.push('# Search benchmark (latest run)');
lines.push('');
lines.push(
  `Run ${runAt} on ${cpus().length} cores, Node ${process.version}; load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )}. ${queries} fixed queries (bench/search/queries.ts: 1–3 words, all required, as-you-type prefixes, one-letter typos), each run unfiltered and filtered (10 speakers + a 2–3 month window), facet counts (speaker, topic, date) over all matches always. One fresh process per engine and size.`,
);
lines.push('');
lines.push(
  'Latency: p50 / p95 / p99 in ms. "CPU share" is CPU time over wall time while querying: below 1.0 the process was waiting for a core (other work on the machine), which inflates every figure of that row.',
);
lines.push('');
for (const size of [...new Set(rows.map((r) => r.size))]) {
  const rs = rows.filter((r) => r.size === size);
  const n = rs.find((r) => r.build)?.build?.size;
  lines.push(
    `## ${typeof n === 'number' ? n.toLocaleString('en-US') : size} passages${size === 10_000_000 ? ' (all real)' : size > 490_000 ? ' (real set replicated)' : ''}`,
  );
  lines.push('');
  lines.push(
    '| engine | build passages/s (CPU s) | heap+buffers per passage | saved index | cold start to first answer (CPU) | whole process | all queries, wall | unfiltered | filtered | all queries, CPU time | CPU share |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rs) {
    const b = r.build;
    if (!b) {
      lines.push(`| ${r.engine} | failed: ${r.error ?? '?'} | | | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.engine} | ${f1(b.buildRate)} (${f1((b.buildCpuMs as number) / 1000)}) | ${f1(b.heapPerPassage)} B | ${typeof b.savedBytes === 'number' ? `${(b.savedBytes / 1e6).toFixed(0)} MB` : (b.saveError ?? '—')} | ${r.cold ? `${f1(r.cold.coldMs)} ms (${f1(r.cold.coldCpuMs)})` : '—'} | ${r.coldWholeMs !== null ? `${f1(r.coldWholeMs)} ms` : '—'} | ${lat(b.latency?.all)} | ${lat(b.latency?.plain)} | ${lat(b.latency?.filtered)} | ${lat(b.latency?.cpu)} | ${b.latency?.cpuShare ?? '—'} |`,
    );
  }
  const d = rs.find((r) => r.engine === 'dictum')?.build;
  if (d) {
    lines.push('');
    lines.push('Peers relative to Dictum (how many times slower; build: how many times fewer passages/s):');
    lines.push('');
    lines.push('| engine | p50 | p95 | p99 | p95 CPU time | build rate | heap per passage |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const r of rs.filter((x) => x.engine !== 'dictum' && x.build)) {
      const b = r.build!;
      lines.push(
        `| ${r.engine} | ${ratio(d.latency?.all.p50, b.latency?.all.p50)} | ${ratio(d.latency?.all.p95, b.latency?.all.p95)} | ${ratio(d.latency?.all.p99, b.latency?.all.p99)} | ${ratio(d.latency?.cpu?.p95, b.latency?.cpu?.p95)} | ${ratio(b.buildRate, d.buildRate)} | ${ratio(d.heapPerPassage, b.heapPerPassage)} |`,
      );
    }
  }
  lines.push('');
}
lines.push(
  'Targets (issue 4, at 1M): faceted as-you-type p95 ≤ 50 ms and ≤ 1/3 of FlexSearch p95; cold start ≤ 2 s; build ≥ 30,000 passages/s; heap ≤ 1 KB per passage.',
);
lines.push('');
lines.push(
  "Notes: the 1M set repeats the real passages with new ids, so vocabulary and texts are shared (memory is flattered for every engine alike). Heap is `heapUsed + arrayBuffers` after GC, minus the same before building, with the documents already loaded; for Dictum it includes postings, vocabulary, facet columns and look-up maps, not the caller's documents. The peers count facets from the same typed columns Dictum keeps (built before their heap baseline). MiniSearch: `combineWith: AND`, prefix on the last word, fuzzy distance 1 for words of 5+ letters, filter callback. FlexSearch: `tokenize: forward`, all matches then filter and count; it has no typo tolerance in this configuration.",
);
const out = lines.join('\n') + '\n';
writeFileSync(join(outDir, 'RESULTS.md'), out);
if (!render) writeFileSync(join(outDir, 'results.json'), JSON.stringify(rows, null, 2) + '\n');
console.log(out);
