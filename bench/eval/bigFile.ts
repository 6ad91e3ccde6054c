/**
 * `npx tsx bench/eval/bigFile.ts [MB] [--index]`: reads a generated text file of MB megabytes
 * (40 by default) with no paragraph break, as the corpus reader does (bytes, decoding,
 * extraction), and reports the time, the number and longest length of its passages and the
 * process's peak resident memory, against the budget READING_MEMORY_FACTOR × file size above
 * the baseline. With --index the documents are also added to a search index. A script, not a
 * test: figures vary with the machine. Exits 1 when the budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCorpusFile } from '../../main/corpus/corpusReader';
import { SearchIndex } from '../../main/engine/searchIndex';
import { defaultExtractOptions } from '../../main/extract/extractDocuments';
import { MAX_PARAGRAPH_CHARS, READING_MEMORY_FACTOR } from '../../main/extract/passageBound';

/** Words of a made-up language: a large vocabulary, as real text has, from a fixed seed. */
function generate(bytes: number): string {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'tu',
    'sa',
    'vel',
    'dor',
    'in',
    'ex',
    'pra',
    'ost',
    'ule',
    'bri',
  ];
  const word = (): string => {
    let w = '';
    for (let k = 1 + next(4); k > 0; k--) w += syllables[next(syllables.length)];
    return w;
  };
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words = Array.from({ length: 6 + next(25) }, word);
    words[0] = (words[0] as string).charAt(0).toUpperCase() + (words[0] as string).slice(1);
    let sentence = words.join(' ') + (next(5) === 0 ? '?' : '.');
    if (next(20) === 0) sentence = `"${sentence}" said Minister Ostdor.`;
    parts.push(sentence);
    size += sentence.length + 1;
  }
  return parts.join(' ').slice(0, bytes);
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

/** In a process of its own, so that the peak is the reading's and not the generator's. */
async function measure(absPath: string, withIndex: boolean): Promise<void> {
  const size = statSync(absPath).size;
  const stats = statSync(absPath);
  const file = {
    path: 'one-paragraph.txt',
    absPath,
    folder: dirname(absPath),
    size,
    mtimeMs: stats.mtimeMs,
    ctimeMs: stats.ctimeMs,
    ino: stats.ino,
  };
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  const read = await readCorpusFile(file, defaultExtractOptions());
  const seconds = (performance.now() - t0) / 1000;
  if (!read.ok) throw new Error(`bigFile: not read: ${read.reason}`);
  const passages = read.documents.flatMap((d) => d.passages);
  const longest = passages.reduce((max, p) => Math.max(max, p.text.length), 0);
  let indexed = '';
  if (withIndex) {
    const t1 = performance.now();
    const index = new SearchIndex();
    index.addSource(file.path, read.documents);
    indexed = `; indexed in ${((performance.now() - t1) / 1000).toFixed(1)} s`;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  const budget = baseline + READING_MEMORY_FACTOR * size;
  console.log(
    `bigFile: ${mb(size)} in one paragraph read in ${seconds.toFixed(1)} s${indexed}: ` +
      `${passages.length} passages, the longest ${longest} characters (bound ${MAX_PARAGRAPH_CHARS}); ` +
      `peak RSS ${mb(peak)} (baseline ${mb(baseline)}; budget ${mb(budget)} = baseline + ` +
      `${READING_MEMORY_FACTOR} × file size)`,
  );
  if (longest > MAX_PARAGRAPH_CHARS || peak > budget) process.exitCode = 1;
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--child');
  if (child >= 0) return measure(process.argv[child + 1] as string, process.argv.includes('--index'));
  const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 40) * 1048576;
  const dir = mkdtempSync(join(tmpdir(), 'dictum-big-'));
  const absPath = join(dir, 'one-paragraph.txt');
  try {
    writeFileSync(absPath, generate(size));
    // The child runs from a bundle, as Dictum ships, so that its peak is the reading's and
    // not the TypeScript loader's (tsx alone holds about 100 MB).
    const bundle = join(__dirname, '..', '..', '.cache', 'bigFile.cjs'); // beside node_modules
    buildSync({
      entryPoints: [__filename],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      outfile: bundle,
      logLevel: 'error',
    });
    const args = [bundle, '--child', absPath];
    if (process.argv.includes('--index')) args.push('--index');
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    process.exitCode = run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
