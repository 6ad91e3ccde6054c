/**
 * Export end to end, as a user runs it: `npx tsx bench/export/endToEnd.ts DIR QUERY [--port N]`.
 *
 * With the built CLI (`npm run build` first) and the saved index of DIR (run `dictum index DIR`
 * first, with the same DICTUM_CACHE_DIR), it exports every match of QUERY
 *  1. through the CLI, `dictum search QUERY --corpus DIR --format csv|jsonl > file`, timed with
 *     GNU time (wall clock and the process's peak RSS, index loading included), and
 *  2. through the API, `GET /api/export?format=csv|jsonl&q=QUERY` of a `dictum serve`, timed
 *     from the request to the last byte (the server's peak RSS read from /proc: VmHWM),
 * then checks that each file reopens cleanly: `jq -c . FILE | wc -l` for JSON Lines, csv-parse
 * (the spreadsheet-grade parser, RFC 4180) for CSV, the same ids in the same order in all
 * four files, the search's total rows in each; and, where LibreOffice is installed, converts the
 * CSV to .xlsx with `soffice --headless` and back, and counts the rows it holds.
 * Prints a Markdown table for bench/export/RESULTS.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const argv = process.argv.slice(2);
const [dirArg, query] = argv;
if (!dirArg || query === undefined) {
  console.error('usage: npx tsx bench/export/endToEnd.ts DIR QUERY [--port N]');
  process.exit(2);
}
const dir = resolve(dirArg);
const port = Number(argv[argv.indexOf('--port') + 1] ?? 4871) || 4871;
const cli = resolve(__dirname, '..', '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'dictum-export-e2e-'));

interface Run {
  how: string;
  format: 'csv' | 'jsonl';
  rows: number;
  seconds: number;
  bytes: number;
  peakRssMb: number;
}

function cliExport(format: 'csv' | 'jsonl'): Run {
  const out = join(work, `cli.${format}`);
  const timeFile = join(work, `cli-${format}.time`);
  const started = performance.now();
  const result = spawnSync(
    'bash',
    [
      '-c',
      `/usr/bin/time -v -o "${timeFile}" node "${cli}" search "$1" --corpus "$2" --format ${format} > "${out}"`,
      'x',
      query!,
      dir,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench: the CLI export failed (${result.status})`);
  const peakKb = Number(
    /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1] ?? 0,
  );
  return {
    how: 'CLI',
    format,
    rows: 0,
    seconds,
    bytes: statSync(out).size,
    peakRssMb: Math.round(peakKb / 1024),
  };
}

async function waitReady(): Promise<void> {
  for (;;) {
    try {
      const status = (await (await fetch(`http://127.0.0.1:${port}/api/status`)).json()) as {
        progress: { phase: string };
      };
      if (status.progress.phase === 'ready') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function vmHwmMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

async function apiExports(): Promise<Run[]> {
  const server = spawn('node', [cli, 'serve', '--corpus', dir, '--port', String(port)], { stdio: 'ignore' });
  const runs: Run[] = [];
  try {
    await waitReady();
    for (const format of ['csv', 'jsonl'] as const) {
      const out = join(work, `api.${format}`);
      const started = performance.now();
      const response = await fetch(
        `http://127.0.0.1:${port}/api/export?format=${format}&q=${encodeURIComponent(query!)}`,
      );
      if (!response.ok || !response.body)
        throw new Error(`bench: GET /api/export answered ${response.status}`);
      const file = createWriteStream(out);
      for await (const chunk of response.body)
        if (!file.write(chunk)) await new Promise<void>((r) => file.once('drain', () => r()));
      await new Promise<void>((r) => file.end(() => r()));
      const seconds = (performance.now() - started) / 1000;
      runs.push({
        how: 'API',
        format,
        rows: 0,
        seconds,
        bytes: statSync(out).size,
        peakRssMb: vmHwmMb(server.pid!),
      });
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  return runs;
}

function jsonlIds(file: string): string[] {
  const jq = spawnSync('bash', ['-c', `jq -c . "${file}" | wc -l`], { encoding: 'utf8' });
  if (jq.status !== 0) throw new Error(`bench: jq could not read ${file}: ${jq.stderr}`);
  const ids = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
  if (Number(jq.stdout.trim()) !== ids.length)
    throw new Error(`bench: jq read ${jq.stdout.trim()} lines of ${ids.length}`);
  return ids;
}

function csvIds(file: string): string[] {
  const rows = parse(readFileSync(file), { bom: true, columns: true }) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** Rows LibreOffice holds after CSV → xlsx → CSV; null when soffice is not installed. */
function libreOfficeRows(csv: string): number | null {
  if (spawnSync('bash', ['-c', 'command -v soffice']).status !== 0) return null;
  const out = join(work, 'xlsx');
  const profile = `-env:UserInstallation=file://${join(work, 'lo-profile')}`;
  const toXlsx = spawnSync('soffice', [profile, '--headless', '--convert-to', 'xlsx', '--outdir', out, csv], {
    encoding: 'utf8',
  });
  const xlsx = readdirSync(out).find((f) => f.endsWith('.xlsx'));
  if (toXlsx.status !== 0 || !xlsx)
    throw new Error(`bench: soffice could not convert the CSV: ${toXlsx.stderr}`);
  const back = join(work, 'back');
  const toCsv = spawnSync(
    'soffice',
    [profile, '--headless', '--convert-to', 'csv', '--outdir', back, join(out, xlsx)],
    { encoding: 'utf8' },
  );
  if (toCsv.status !== 0) throw new Error(`bench: soffice could not read the xlsx back: ${toCsv.stderr}`);
  const rows = parse(readFileSync(join(back, xlsx.replace(/\.xlsx$/, '.csv'))), {
    bom: true,
    columns: true,
    relax_column_count: true,
  }) as unknown[];
  return rows.length;
}

async function main(): Promise<void> {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const load = loadavg()[0]!.toFixed(1);
  const runs = [cliExport('csv'), cliExport('jsonl'), ...(await apiExports())];
  const ids = new Map<string, string[]>();
  for (const run of runs) {
    const file = join(work, `${run.how.toLowerCase()}.${run.format}`);
    const found = run.format === 'jsonl' ? jsonlIds(file) : csvIds(file);
    run.rows = found.length;
    ids.set(`${run.how} ${run.format}`, found);
  }
  const reference = ids.get('CLI jsonl')!;
  for (const [name, found] of ids) {
    if (found.length !== reference.length || found.some((id, i) => id !== reference[i])) {
      throw new Error(
        `bench: ${name} does not hold the same statements in the same order as the CLI's JSON Lines`,
      );
    }
    if (new Set(found).size !== found.length) throw new Error(`bench: ${name} repeats a statement`);
  }
  const office = libreOfficeRows(join(work, 'api.csv'));
  console.log(`Started ${when} UTC, load average ${load}; query "${query}" over ${dir}.\n`);
  console.log('| via | format | rows | time | rows/s | file | peak RSS |');
  console.log('| --- | ------ | ---: | ---: | -----: | ---: | -------: |');
  for (const r of runs) {
    console.log(
      `| ${r.how} | ${r.format} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${Math.round(r.bytes / 1048576)} MB | ${r.peakRssMb} MB |`,
    );
  }
  console.log(
    `\nAll four files hold the same ${reference.length.toLocaleString('en')} statements in the same order; jq read every JSON Lines line, csv-parse every CSV row` +
      (office === null
        ? '; LibreOffice is not installed here.'
        : `; LibreOffice (soffice --headless) converted the API's CSV to .xlsx and back with ${office.toLocaleString('en')} data rows.`),
  );
}

main()
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
