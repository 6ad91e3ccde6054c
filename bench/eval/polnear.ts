/**
 * Quote attribution against PolNeAR's gold (the corpus's train compartment, split here into
 * a development part and a frozen held-out fifth: bench/eval/heldout.ts).
 *
 * Gold: one annotator file per article (the first annotator listed in metadata.tsv); an
 * attribution is a direct quote when its Content contains a quotation mark, and it counts
 * for this measure when its Source is a name (not a pronoun, not "the campaign", "a source").
 * Prediction: Dictum's `quote` passages with a speaker, mapped back to the article text.
 * A predicted quote matches a gold attribution when all its words lie inside the gold
 * Content (a quote that runs on past the gold span, or joins two attributions, matches
 * none). It is right when its speaker carries the gold source's name (its last capitalised
 * word, e.g. "Trump" for "Donald J. Trump"). A predicted quote inside a gold attribution
 * whose source is not a name is not counted either way (it cannot be judged: reported as
 * unjudged); one that lies in no gold attribution counts as wrong. Recall: the gold direct
 * quotes with a named source that some predicted quote inside them attributes rightly.
 * Every figure is given for both parts, with and without the built-in name list; the debug
 * dump (EVAL_DEBUG=DIR) shows errors of the development part only.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract, NAME_LIST_SETTINGS, ratio, type Row } from './common';
import { heldOut, SPLITS, type Split } from './heldout';

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

/** Whether every word of the text at `span` lies inside one of the pieces. */
function wordsInside(text: string, span: [number, number], pieces: Array<[number, number]>): boolean {
  let words = 0;
  for (const m of text.slice(span[0], span[1]).matchAll(/[\p{L}\p{N}]+/gu)) {
    const s = span[0] + m.index;
    const e = s + m[0].length;
    if (!pieces.some(([ps, pe]) => ps <= s && e <= pe)) return false;
    words++;
  }
  return words > 0;
}

function hasQuoteMark(s: string): boolean {
  return /["“”]/.test(s);
}

interface Score {
  tp: number;
  wrong: number;
  unsupported: number;
  ignored: number;
  goldNamed: number;
  found: number;
  unmapped: number;
  articles: number;
}

function emptyScore(): Score {
  return { tp: 0, wrong: 0, unsupported: 0, ignored: 0, goldNamed: 0, found: 0, unmapped: 0, articles: 0 };
}

type Pred = { span: [number, number]; speaker: string };

/** Predicted quotes with a speaker, mapped back to the article's offsets. */
function predictions(
  text: string,
  name: string,
  opts: (typeof NAME_LIST_SETTINGS)[number]['options'],
  s: Score,
): Pred[] {
  const preds: Pred[] = [];
  for (const d of extract(`${name}.txt`, text, 0, opts)) {
    let cursor = 0;
    for (const p of d.passages) {
      const at = text.indexOf(p.text, cursor);
      if (at < 0) {
        if (p.kind === 'quote' && p.speaker) s.unmapped++;
        continue;
      }
      cursor = at + 1;
      if (p.kind === 'quote' && p.speaker) preds.push({ span: [at, at + p.text.length], speaker: p.speaker });
    }
  }
  return preds;
}

function scoreArticle(
  name: string,
  text: string,
  gold: Attribution[],
  preds: Pred[],
  s: Score,
  debug: string[] | null,
): void {
  const ctx = (span: [number, number]) =>
    text.slice(Math.max(0, span[0] - 120), span[1] + 80).replace(/\s+/g, ' ');
  s.articles++;
  for (const pred of preds) {
    const hit = gold.find((g) => g.content && wordsInside(text, pred.span, g.content.pieces));
    if (!hit) {
      debug?.push(`UNSUPPORTED ${name} [${pred.speaker}] ${ctx(pred.span)}`);
      s.unsupported++;
      continue;
    }
    const key = hit.source ? nameKey(hit.source.text) : null;
    if (!key) {
      s.ignored++;
      continue;
    }
    if (carries(pred.speaker, key)) s.tp++;
    else {
      s.wrong++;
      debug?.push(`WRONG ${name} [${pred.speaker}] gold=[${hit.source?.text}] ${ctx(pred.span)}`);
    }
  }
  for (const g of gold) {
    if (!g.content || !hasQuoteMark(g.content.text)) continue;
    const key = g.source ? nameKey(g.source.text) : null;
    if (!key) continue;
    s.goldNamed++;
    const pieces = g.content.pieces;
    if (preds.some((pred) => wordsInside(text, pred.span, pieces) && carries(pred.speaker, key))) s.found++;
    else debug?.push(`MISSED ${name} gold=[${g.source?.text}] ${ctx(pieces[0]!)}`);
  }
}

export function evalPolnear(corpora: string, rows: Row[]): void {
  const dir = join(corpora, 'polnear');
  if (!existsSync(join(dir, 'metadata.tsv'))) {
    rows.push({ section: 'PolNeAR', metric: 'skipped', value: '-', n: '0', note: `no data at ${dir}` });
    return;
  }
  const t0 = performance.now();
  const held = heldOut('polnear');
  const meta = readFileSync(join(dir, 'metadata.tsv'), 'utf8').trim().split('\n').slice(1);
  const annFiles = new Set(readdirSync(join(dir, 'train', 'attributions')));
  const scores = NAME_LIST_SETTINGS.map(
    () => ({ train: emptyScore(), 'held-out': emptyScore() }) as Record<Split, Score>,
  );
  const debug = NAME_LIST_SETTINGS.map(() => [] as string[]);
  for (const line of meta) {
    const cols = line.split('\t');
    const name = cols[1];
    const annotators = (cols[3] ?? '').split('|');
    if (!name) continue;
    const annName = annotators.map((a) => `${name}_${a}.ann`).find((f) => annFiles.has(f));
    if (!annName) continue;
    const text = readFileSync(join(dir, 'train', 'text', `${name}.txt`), 'utf8');
    const gold = parseAnn(readFileSync(join(dir, 'train', 'attributions', annName), 'utf8'), text);
    const split: Split = held.has(name) ? 'held-out' : 'train';
    NAME_LIST_SETTINGS.forEach((setting, i) => {
      const s = scores[i]![split];
      const preds = predictions(text, name, setting.options, s);
      // the held-out part is never shown: its errors stay out of the dump
      scoreArticle(name, text, gold, preds, s, split === 'train' ? debug[i]! : null);
    });
  }
  const ms = performance.now() - t0;
  if (process.env.EVAL_DEBUG)
    NAME_LIST_SETTINGS.forEach((_setting, i) =>
      writeFileSync(
        join(process.env.EVAL_DEBUG!, `polnear-train${i === 0 ? '' : '-no-name-list'}.txt`),
        debug[i]!.join('\n'),
      ),
    );
  for (const split of SPLITS)
    NAME_LIST_SETTINGS.forEach((setting, i) => {
      const s = scores[i]![split];
      const judged = s.tp + s.wrong + s.unsupported;
      rows.push({
        section: 'PolNeAR quotes',
        metric: `precision (named source), ${split}, ${setting.label}`,
        value: ratio(s.tp, judged),
        n: String(judged),
        note: `${s.articles} articles; ${s.tp} right, ${s.wrong} wrong speaker, ${s.unsupported} in no gold attribution; unjudged: ${s.ignored} inside gold attributions whose source is not a name`,
      });
      rows.push({
        section: 'PolNeAR quotes',
        metric: `recall (direct quotes, named source), ${split}, ${setting.label}`,
        value: ratio(s.found, s.goldNamed),
        n: String(s.goldNamed),
        note: `${s.found} found; ${s.unmapped} predicted quotes not mapped back to the text`,
      });
    });
  rows.push({
    section: 'PolNeAR quotes',
    metric: 'time (both settings)',
    value: `${(ms / 1000).toFixed(1)} s`,
    n: String(meta.length),
    note: `held-out: the ${held.size} articles of bench/eval/heldout/polnear.txt; one annotator file per article`,
  });
}
