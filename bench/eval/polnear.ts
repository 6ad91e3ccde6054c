/**
 * Quote attribution against PolNeAR's gold (train compartment).
 *
 * Gold: one annotator file per article (the first annotator listed in metadata.tsv); an
 * attribution is a direct quote when its Content contains a quotation mark, and it counts
 * for this measure when its Source is a name (not a pronoun, not "the campaign", "a source").
 * Prediction: Dictum's `quote` passages with a speaker, mapped back to the article text.
 * A predicted quote matches a gold attribution when at least half of it lies in the gold
 * Content. It is right when its speaker carries the gold source's name (its last
 * capitalised word, e.g. "Trump" for "Donald J. Trump"). A predicted quote inside a gold
 * attribution whose source is not a name is not counted either way (it cannot be judged);
 * one that lies in no gold attribution at all counts as wrong.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract, ratio, type Row } from './common';

interface Span {
  type: string;
  pieces: Array<[number, number]>;
  text: string;
}
interface Attribution {
  source: Span | null;
  content: Span | null;
}

function codePointMap(text: string): number[] {
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return map;
}

export function parseAnn(ann: string, text: string): Attribution[] {
  const cp = codePointMap(text);
  const at = (n: number) => cp[Math.min(n, cp.length - 1)] as number;
  const spans = new Map<string, Span>();
  const out: Attribution[] = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\w+) ([\d ;]+)\t(.*)$/.exec(line);
    if (t) {
      const pieces = (t[3] as string).split(';').map((p) => {
        const [a, b] = p.trim().split(' ').map(Number);
        return [at(a ?? 0), at(b ?? 0)] as [number, number];
      });
      spans.set(t[1] as string, { type: t[2] as string, pieces, text: t[4] as string });
      continue;
    }
    const e = /^E\d+\t(.*)$/.exec(line);
    if (e) {
      const parts = new Map<string, string>();
      for (const kv of (e[1] as string).split(/\s+/)) {
        const [k, v] = kv.split(':');
        if (k && v) parts.set(k, v);
      }
      const get = (k: string) => {
        const id = parts.get(k);
        return id ? (spans.get(id) ?? null) : null;
      };
      out.push({ source: get('Source'), content: get('Content') });
    }
    // other lines continue a span's text across a newline: the offsets already say it all
  }
  return out;
}

const NOT_NAMES = new Set(
  'he she they i we you it his her their the a an this that these those its our my one some many most both each several another his her someone anyone everyone who which what'.split(
    ' ',
  ),
);
const TITLES = new Set('mr mrs ms dr sen senator rep gov governor president gen secretary former'.split(' '));

/** The gold source's name key (lower case surname), or null when the source is not a name. */
export function nameKey(source: string): string | null {
  // "Patricia Moran of Cheyenne", "Scott Reed, who managed ...": the name comes first
  const s = source
    .trim()
    .split(/,|\(|\s(?:of|from|who|at|with|for)\s/)[0]!
    .trim()
    .replace(/[’']s$/, '');
  const words = s.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 8) return null;
  const first = words[0]!;
  if (!/^\p{Lu}/u.test(first)) return null;
  if (NOT_NAMES.has(first.toLowerCase())) return null;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w) && !TITLES.has(w.toLowerCase().replace(/\.$/, '')));
  const last = caps[caps.length - 1];
  if (!last) return null;
  return last
    .replace(/[’']s$/, '')
    .replace(/[.,]$/, '')
    .toLowerCase();
}

/** Whether a predicted speaker carries the gold name ("Mohamed El-Erian" carries "el-erian"). */
function carries(speaker: string, key: string): boolean {
  const lower = speaker.toLowerCase();
  return lower.split(/\s+/).includes(key) || lower.split(/[\s-]+/).includes(key);
}

function overlap(a: [number, number], pieces: Array<[number, number]>): number {
  let n = 0;
  for (const [s, e] of pieces) n += Math.max(0, Math.min(a[1], e) - Math.max(a[0], s));
  return n;
}

function hasQuoteMark(s: string): boolean {
  return /["“”]/.test(s);
}

export function evalPolnear(corpora: string, rows: Row[]): void {
  const dir = join(corpora, 'polnear');
  if (!existsSync(join(dir, 'metadata.tsv'))) {
    rows.push({ section: 'PolNeAR', metric: 'skipped', value: '-', n: '0', note: `no data at ${dir}` });
    return;
  }
  const t0 = performance.now();
  const meta = readFileSync(join(dir, 'metadata.tsv'), 'utf8').trim().split('\n').slice(1);
  const annFiles = new Set(readdirSync(join(dir, 'train', 'attributions')));
  let tp = 0;
  let wrong = 0;
  let unsupported = 0;
  let ignored = 0;
  let goldNamed = 0;
  let found = 0;
  let unmapped = 0;
  let articles = 0;
  const debug: string[] = [];
  const ctx = (text: string, s: [number, number]) =>
    text.slice(Math.max(0, s[0] - 120), s[1] + 80).replace(/\s+/g, ' ');
  for (const line of meta) {
    const cols = line.split('\t');
    const name = cols[1];
    const annotators = (cols[3] ?? '').split('|');
    if (!name) continue;
    const annName = annotators.map((a) => `${name}_${a}.ann`).find((f) => annFiles.has(f));
    if (!annName) continue;
    const text = readFileSync(join(dir, 'train', 'text', `${name}.txt`), 'utf8');
    const gold = parseAnn(readFileSync(join(dir, 'train', 'attributions', annName), 'utf8'), text);
    articles++;
    const docs = extract(`${name}.txt`, text);
    // map predicted quotes back to the article's offsets
    const preds: Array<{ span: [number, number]; speaker: string }> = [];
    for (const d of docs) {
      let cursor = 0;
      for (const p of d.passages) {
        const at = text.indexOf(p.text, cursor);
        if (at < 0) {
          if (p.kind === 'quote' && p.speaker) unmapped++;
          continue;
        }
        cursor = at + 1;
        if (p.kind === 'quote' && p.speaker)
          preds.push({ span: [at, at + p.text.length], speaker: p.speaker });
      }
    }
    const goldDirect = gold.filter((g) => g.content && hasQuoteMark(g.content.text));
    for (const pred of preds) {
      const len = pred.span[1] - pred.span[0];
      const hit = gold.find((g) => g.content && overlap(pred.span, g.content.pieces) * 2 >= len);
      if (!hit) {
        debug.push(`UNSUPPORTED ${name} [${pred.speaker}] ${ctx(text, pred.span)}`);
        unsupported++;
        continue;
      }
      const key = hit.source ? nameKey(hit.source.text) : null;
      if (!key) {
        ignored++;
        continue;
      }
      if (carries(pred.speaker, key)) tp++;
      else {
        wrong++;
        debug.push(`WRONG ${name} [${pred.speaker}] gold=[${hit.source?.text}] ${ctx(text, pred.span)}`);
      }
    }
    for (const g of goldDirect) {
      const key = g.source ? nameKey(g.source.text) : null;
      if (!key || !g.content) continue;
      goldNamed++;
      const ok = preds.some((pred) => {
        const len = pred.span[1] - pred.span[0];
        if (overlap(pred.span, g.content!.pieces) * 2 < len) return false;
        return carries(pred.speaker, key);
      });
      if (ok) found++;
      else {
        const first = g.content.pieces[0]!;
        debug.push(`MISSED ${name} gold=[${g.source?.text}] ${ctx(text, first)}`);
      }
    }
  }
  const ms = performance.now() - t0;
  if (process.env.EVAL_DEBUG) writeFileSync(join(process.env.EVAL_DEBUG, 'polnear.txt'), debug.join('\n'));
  rows.push({
    section: 'PolNeAR quotes',
    metric: 'precision (named source)',
    value: ratio(tp, tp + wrong + unsupported),
    n: String(tp + wrong + unsupported),
    note: `${tp} right, ${wrong} wrong speaker, ${unsupported} not in any gold attribution; ${ignored} in gold with a non-name source not judged`,
  });
  rows.push({
    section: 'PolNeAR quotes',
    metric: 'recall (direct quotes, named source)',
    value: ratio(found, goldNamed),
    n: String(goldNamed),
    note: `${articles} articles, one annotator file each; ${unmapped} predicted quotes not mapped back; ${(ms / 1000).toFixed(1)} s`,
  });
}
