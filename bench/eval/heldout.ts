/**
 * The frozen held-out parts of the evaluation: fixed lists of PolNeAR articles, Kremlin
 * records and White House files (bench/eval/heldout/*.txt) that no extraction rule is tuned
 * on and no debug dump shows. Everything not listed is the development (train) part.
 *
 * The lists were written once by `npx tsx bench/eval/heldout.ts --freeze [--corpora DIR]` and committed;
 * they are the truth from then on (the code that chose them is kept only to say how):
 * every fifth item (positions 2, 7, 12, …) of
 * - PolNeAR: each publisher's articles in date order (24 of 120 per publisher);
 * - Kremlin: the records with at least one labelled turn, in date order;
 * - White House: all files in path order (category, then month, then date).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Split = 'train' | 'held-out';
export const SPLITS: readonly Split[] = ['train', 'held-out'];

const listDir = join(__dirname, 'heldout');

function listFile(name: 'polnear' | 'kremlin' | 'wh'): string {
  return join(listDir, `${name}.txt`);
}

/** The frozen list of one corpus (PolNeAR article names, Kremlin ids, White House paths). */
export function heldOut(name: 'polnear' | 'kremlin' | 'wh'): Set<string> {
  const file = listFile(name);
  if (!existsSync(file)) throw new Error(`eval: the held-out list ${file} is missing`);
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0 && !l.startsWith('#')),
  );
}

function everyFifth<T>(items: T[]): T[] {
  return items.filter((_, i) => i % 5 === 2);
}

/** White House transcript files under `dir`, relative to it, in path order. */
export function whFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md') && name !== 'SOURCE.md') out.push(p.slice(dir.length + 1));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function freeze(corpora: string): void {
  const meta = readFileSync(join(corpora, 'polnear', 'metadata.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const byPublisher = new Map<string, Array<{ name: string; date: string }>>();
  for (const line of meta) {
    const cols = line.split('\t');
    const [name, publisher, date] = [cols[1], cols[4], cols[5]];
    if (!name || !publisher || !date) continue;
    byPublisher.set(publisher, [...(byPublisher.get(publisher) ?? []), { name, date }]);
  }
  const polnear: string[] = [];
  for (const publisher of [...byPublisher.keys()].sort()) {
    const articles = (byPublisher.get(publisher) ?? []).sort(
      (a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name),
    );
    polnear.push(...everyFifth(articles).map((a) => a.name));
  }
  const kremlin: string[] = [];
  const transcripts = readFileSync(join(corpora, 'kremlin_en', 'kremlin_en_1999-2018.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map(
      (l) =>
        JSON.parse(l) as { id: string; paragraphs: Array<{ turn_start: boolean; speaker: string | null }> },
    )
    .filter((r) => r.paragraphs.some((p) => p.turn_start && p.speaker));
  kremlin.push(...everyFifth(transcripts).map((r) => r.id));
  const wh = everyFifth(whFiles(join(corpora, 'wh_briefings')));
  const header = (what: string) =>
    `# Frozen held-out ${what}: chosen once (see bench/eval/heldout.ts), never tuned on, never dumped.\n`;
  writeFileSync(listFile('polnear'), header('PolNeAR articles') + polnear.join('\n') + '\n');
  writeFileSync(listFile('kremlin'), header('Kremlin record ids') + kremlin.join('\n') + '\n');
  writeFileSync(listFile('wh'), header('White House files') + wh.join('\n') + '\n');
  console.log(
    `heldout: ${polnear.length} PolNeAR articles, ${kremlin.length} Kremlin records, ${wh.length} White House files`,
  );
}

if (require.main === module && process.argv.includes('--freeze')) {
  const i = process.argv.indexOf('--corpora');
  freeze(
    resolve(i >= 0 ? (process.argv[i + 1] ?? '') : join(__dirname, '..', '..', '..', 'shared', 'corpora')),
  );
}
