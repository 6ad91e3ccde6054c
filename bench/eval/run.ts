/**
 * `npm run eval [-- --corpora DIR]`: Dictum's extraction measured on real data
 * (/work/shared/corpora by default: ../shared/corpora relative to the repo). Prints a table
 * of figures and writes it to bench/eval/RESULTS.md. Set EVAL_DEBUG=DIR to dump the errors
 * of the development parts to DIR (never the held-out parts: bench/eval/heldout.ts).
 * `--only NAME` runs the steps whose name contains NAME and writes no RESULTS.md.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { evalCoverage } from './coverage';
import { evalFormats } from './formats';
import { evalPolnear } from './polnear';
import { evalKremlin, evalWhiteHouse } from './transcripts';
import { evalDates, evalKremlinTopics, evalReutersTopics } from './topicsDates';
import type { Row } from './common';

const repo = resolve(__dirname, '..', '..');

function corporaDir(): string {
  const i = process.argv.indexOf('--corpora');
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && !value) throw new Error('eval: --corpora needs a folder');
  return resolve(value ?? join(repo, '..', 'shared', 'corpora'));
}

function table(rows: Row[]): string {
  const head = '| section | metric | value | n | note |\n|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map((r) => `| ${r.section} | ${r.metric} | **${r.value}** | ${r.n} | ${r.note.replace(/\|/g, '/')} |`)
      .join('\n') +
    '\n'
  );
}

async function main(): Promise<void> {
  const corpora = corporaDir();
  if (!existsSync(corpora)) {
    console.error(`eval: no corpora at ${corpora} (pass --corpora DIR)`);
    process.exit(1);
  }
  const t0 = performance.now();
  const rows: Row[] = [];
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const step = (name: string, f: () => void) => {
    if (only && !name.toLowerCase().includes(only.toLowerCase())) return;
    const s = performance.now();
    f();
    console.error(`eval: ${name} done in ${((performance.now() - s) / 1000).toFixed(1)} s`);
  };
  step('PolNeAR', () => evalPolnear(corpora, rows));
  let wh = { files: 0, paragraphs: 0, ms: 0, cpuMs: 0, bytes: 0 };
  step('White House turns', () => (wh = evalWhiteHouse(corpora, rows)));
  step('Kremlin turns', () => evalKremlin(corpora, rows));
  step('Kremlin topics', () => evalKremlinTopics(corpora, rows));
  step('Reuters topics', () => evalReutersTopics(corpora, rows));
  step('dates', () => evalDates(corpora, rows));
  step('coverage', () => evalCoverage(corpora, rows));
  if (!only || 'formats'.includes(only.toLowerCase())) await evalFormats(corpora, rows);
  rows.push({
    section: 'Speed',
    metric: 'extracting all of wh_briefings (CPU time)',
    value: `${(wh.cpuMs / 1000).toFixed(1)} s`,
    n: String(wh.files),
    note:
      `${wh.paragraphs} paragraphs, ${(wh.bytes / 1e6).toFixed(1)} M characters: ` +
      `${Math.round(wh.paragraphs / (wh.cpuMs / 1000))} paragraphs/s of CPU on one core ` +
      `(wall ${(wh.ms / 1000).toFixed(1)} s on a shared machine); files already in memory`,
  });
  const total = (performance.now() - t0) / 1000;
  const coverage = rows.filter((r) => r.section === 'Text coverage');
  const out = table(rows.filter((r) => r.section !== 'Text coverage'));
  const coverageOut = coverage.length > 0 ? table(coverage) : '';
  console.log(out + coverageOut);
  if (only) return;
  const md =
    '# Extraction evaluation (latest run)\n\n' +
    `Written by \`npm run eval\` (bench/eval/run.ts); how each gold was made is documented at the top of ` +
    '`polnear.ts`, `transcripts.ts` and `topicsDates.ts`. Figures, not pass/fail. Attribution figures are ' +
    'given for the development (train) part and the frozen held-out part (bench/eval/heldout.ts), with and ' +
    'without the built-in name list. The parts were frozen on 2026-12-03: rules written before then had seen ' +
    'all 840 PolNeAR articles and all transcripts, so only later changes are tested on unseen text.\n\n' +
    `Run on ${new Date().toISOString().slice(0, 10)}, ${total.toFixed(0)} s in total, Node ${process.version}.\n\n` +
    out +
    (coverageOut
      ? '\n## Text coverage\n\nWhat share of the words of each source paragraph reading puts in a passage, what ' +
        'it leaves out under a named reason (reported by the reader per document), and what it loses without ' +
        'one; how source paragraphs are taken is documented at the top of `coverage.ts`. Target: nothing lost ' +
        'without a reason (at least 99.9 % of words in a passage or under a named reason).\n\n' +
        coverageOut
      : '');
  // written as the repo's formatter would, so `npm run lint` stays clean after a run
  const target = join(__dirname, 'RESULTS.md');
  const config = (await resolveConfig(target)) ?? {};
  writeFileSync(target, await format(md, { ...config, filepath: target }));
}

main().catch((error: unknown) => {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
