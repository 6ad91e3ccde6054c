/**
 * Assembles the benchmark corpora from the public sets in ../shared/corpora, outside the
 * repository (under /tmp unless told otherwise), the same way every time:
 *
 * - `real`: the shared folder copied as it is (White House briefings, Kremlin JSONL, UN
 *   General Debate, PolNeAR texts; the annotation files are there too, listed as skipped),
 *   with Reuters-21578, whose SGML Dictum does not read, as one JSON Lines file per SGML file
 *   (one record per article: title, date, topics and the body's paragraphs).
 * - `million`: the real set twice over, plus the White House and UN folders a third time,
 *   each copy in a folder of its own (so every document has its own path and id): about 1M
 *   statements by estimate (not yet indexed), vocabulary and texts shared with the real set.
 *
 * Files are copied, not linked: Dictum follows no link out of the corpus folder.
 *
 *   npx tsx bench/startup/corpus.ts [--into /tmp/dictum-bench] [real|million]...
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CORPORA_ROOT, readReuters } from '../search/corpora';

const REUTERS = 'reuters21578';

/** Reuters-21578 as JSON Lines, one file per SGML file, under `dir`. */
function writeReuters(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, string[]>();
  for (const source of readReuters()) {
    const file = source.key.slice(0, source.key.indexOf('/')).replace(/\.sgm$/, '.jsonl');
    const lines = files.get(file) ?? [];
    for (const { document, passages } of source.docs) {
      const record = {
        title: document.title,
        date: document.date,
        topics: document.topics,
        text: passages.map((p) => p.text).join('\n\n'),
      };
      lines.push(JSON.stringify(record));
    }
    files.set(file, lines);
  }
  for (const [file, lines] of files) writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
}

export const DEFAULT_BENCH_ROOT = '/tmp/dictum-bench';

export type CorpusName = 'real' | 'million';

/** The folders of one corpus: [copy folder, source folder] pairs. */
function plan(name: CorpusName): Array<[string, string]> {
  const sets = readdirSync(CORPORA_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (name === 'real') return sets.map((set) => [set, join(CORPORA_ROOT, set)]);
  const out: Array<[string, string]> = [];
  for (const copy of ['copy-1', 'copy-2'])
    for (const set of sets) out.push([join(copy, set), join(CORPORA_ROOT, set)]);
  for (const set of ['wh_briefings', 'ungdc']) out.push([join('copy-3', set), join(CORPORA_ROOT, set)]);
  return out;
}

/** Where a build of Dictum keeps its saved index of a bench corpus (one folder per pair). */
export function benchCacheDir(corpusDir: string, build: string): string {
  const key = createHash('sha1').update(build).digest('hex').slice(0, 8);
  return join(DEFAULT_BENCH_ROOT, 'cache', `${basename(corpusDir)}-${basename(build)}-${key}`);
}

/** The folder of `name` under `root`, assembled on first use (a marker file says it is whole). */
export function assemble(name: CorpusName, root = DEFAULT_BENCH_ROOT): string {
  const dir = join(root, name);
  const marker = join(root, `${name}.assembled`);
  if (existsSync(marker)) return dir;
  mkdirSync(dir, { recursive: true });
  for (const [to, from] of plan(name)) {
    if (from.endsWith(REUTERS)) writeReuters(join(dir, to));
    else cpSync(from, join(dir, to), { recursive: true });
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return dir;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--into');
  const root = at >= 0 && args[at + 1] ? args[at + 1]! : DEFAULT_BENCH_ROOT;
  const names = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1));
  for (const name of (names.length > 0 ? names : ['real', 'million']) as CorpusName[]) {
    if (name !== 'real' && name !== 'million') throw new Error(`bench: unknown corpus ${String(name)}`);
    console.log(`${name}: ${assemble(name, root)}`);
  }
}
