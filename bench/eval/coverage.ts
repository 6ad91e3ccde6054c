/**
 * Text coverage ("nothing lost without a reason", issue 18): for every development corpus,
 * the share of each source paragraph's words that reading puts in some passage, the share it
 * leaves out under a named reason (the reader reports those: `dropped` per document), and the
 * rest, which is text lost by a bug. Words are runs of letters and digits, compared per
 * document as a multiset (a word found in a passage is used once).
 *
 * Source paragraphs are taken from the files independently of the reader: blank-line blocks
 * of Markdown and text files (a Markdown file's front matter is one of them), the `lead` and
 * `paragraphs` of a Kremlin record, the title and body paragraphs of a Reuters story. The
 * held-out part is the frozen list of bench/eval/heldout for White House, Kremlin and PolNeAR,
 * and every fifth document (positions 2, 7, 12, …) of UNGDC and Reuters; no rule was tuned on
 * either part here, and the lost text of the held-out part is never printed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocuments } from '../../main/extract/extractDocuments';
import { options, type Row } from './common';
import { heldOut, whFiles, type Split } from './heldout';

interface Item {
  part: Split;
  /** The file name the reader sees (its extension chooses the format). */
  path: string;
  text: string;
  sources: string[];
}

interface Tally {
  documents: number;
  words: number;
  inPassages: number;
  named: Map<string, number>;
  lost: number;
  lostDocuments: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const wordsOf = (s: string): string[] => (s.toLowerCase().match(WORD) ?? []) as string[];
const blocks = (text: string): string[] => text.replace(/\r\n?/g, '\n').split(/\n[^\S\n]*\n/);
const fifth = (i: number): Split => (i % 5 === 2 ? 'held-out' : 'train');

function measure(item: Item, tally: Tally): void {
  const read = extractDocuments({ path: item.path, text: item.text, mtimeMs: 0 }, options);
  const found = new Map<string, number>();
  let namedWords = 0;
  if (read.ok) {
    for (const doc of read.documents)
      for (const p of doc.passages) for (const w of wordsOf(p.text)) found.set(w, (found.get(w) ?? 0) + 1);
    for (const d of read.dropped)
      for (const drop of d.dropped) {
        tally.named.set(drop.reason, (tally.named.get(drop.reason) ?? 0) + drop.words);
        namedWords += drop.words;
      }
  }
  let words = 0;
  let missing = 0;
  for (const source of item.sources)
    for (const w of wordsOf(source)) {
      words++;
      const n = found.get(w) ?? 0;
      if (n > 0) found.set(w, n - 1);
      else missing++;
    }
  tally.documents++;
  tally.words += words;
  tally.inPassages += words - missing;
  // words left out under a reason that the source did not hold (a label repeated in the
  // text) cannot make up for other words: the reasons explain at most what is missing
  const lost = Math.max(0, missing - namedWords);
  tally.lost += lost;
  if (lost > 0) tally.lostDocuments.push(`${item.path} (${lost})`);
}

function* whItems(corpora: string): Generator<Item> {
  const dir = join(corpora, 'wh_briefings');
  const held = heldOut('wh');
  for (const rel of whFiles(dir)) {
    const text = readFileSync(join(dir, rel), 'utf8');
    yield { part: held.has(rel) ? 'held-out' : 'train', path: rel, text, sources: blocks(text) };
  }
}

function* kremlinItems(corpora: string): Generator<Item> {
  const file = join(corpora, 'kremlin_en', 'kremlin_en_1999-2018.jsonl');
  if (!existsSync(file)) return;
  const held = heldOut('kremlin');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const rec = JSON.parse(line) as {
      id: string;
      lead?: string | null;
      paragraphs?: Array<{ text: string }>;
    };
    const sources = [...(rec.lead ? [rec.lead] : []), ...(rec.paragraphs ?? []).map((p) => p.text)];
    yield { part: held.has(rec.id) ? 'held-out' : 'train', path: 'kremlin.jsonl', text: line, sources };
  }
}

function* textItems(dir: string, held: (name: string, i: number) => Split): Generator<Item> {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  for (const [i, name] of names.entries()) {
    const text = readFileSync(join(dir, name), 'utf8');
    yield { part: held(name, i), path: name, text, sources: blocks(text) };
  }
}

function* reutersItems(corpora: string): Generator<Item> {
  const dir = join(corpora, 'reuters21578', 'sgm');
  if (!existsSync(dir)) return;
  const entity = (s: string) =>
    s
      .replace(/&#\d+;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
  let i = 0;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.sgm')) continue;
    for (const m of readFileSync(join(dir, name), 'latin1').matchAll(
      /<REUTERS[^>]*>([\s\S]*?)<\/REUTERS>/g,
    )) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[1] as string)?.[1];
      if (!body) continue;
      const title = entity(/<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[1] as string)?.[1] ?? '');
      const paragraphs = entity(body)
        .replace(/\n\s*Reuter\s*$/, '')
        .split(/\n {2,}/);
      const text = [title, ...paragraphs].join('\n\n');
      yield { part: fifth(i++), path: `${name}-${i}.txt`, text, sources: [title, ...paragraphs] };
    }
  }
}

const percent = (n: number, of: number): string => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(2)} %`);

export function evalCoverage(corpora: string, rows: Row[]): void {
  const polHeld = heldOut('polnear');
  const corpusItems: Array<[string, string, Iterable<Item>]> = [
    ['wh_briefings', 'Markdown', whItems(corpora)],
    ['kremlin_en', 'JSON Lines', kremlinItems(corpora)],
    ['ungdc', 'text', textItems(join(corpora, 'ungdc', 'txt'), (_, i) => fifth(i))],
    ['reuters21578', 'text', reutersItems(corpora)],
    [
      'polnear',
      'text',
      textItems(join(corpora, 'polnear', 'train', 'text'), (name) =>
        polHeld.has(name.replace(/\.txt$/, '')) ? 'held-out' : 'train',
      ),
    ],
  ];
  for (const [corpus, format, items] of corpusItems) {
    const tallies = new Map<Split, Tally>();
    for (const item of items) {
      let t = tallies.get(item.part);
      if (!t) {
        t = { documents: 0, words: 0, inPassages: 0, named: new Map(), lost: 0, lostDocuments: [] };
        tallies.set(item.part, t);
      }
      measure(item, t);
    }
    for (const part of ['train', 'held-out'] as const) {
      const t = tallies.get(part);
      if (!t) continue;
      const named = [...t.named]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => `${reason} ${percent(n, t.words)}`)
        .join(', ');
      const lostNote =
        t.lost === 0
          ? 'nothing lost without a reason'
          : `${t.lost} words lost without a reason in ${t.lostDocuments.length} documents` +
            (part === 'train' ? ` (${t.lostDocuments.slice(0, 3).join('; ')})` : '');
      rows.push({
        section: 'Text coverage',
        metric: `${corpus} (${format}), ${part}: words in a passage`,
        value: percent(t.inPassages, t.words),
        n: String(t.documents),
        note:
          `${t.words} source words; in a passage or left out under a named reason ` +
          `${percent(t.words - t.lost, t.words)}; named: ${named || 'none'}; ${lostNote}`,
      });
    }
  }
}
