/**
 * Canonical speakers of transcript turns (White House and Kremlin).
 *
 * Gold, White House: the most frequent turn labels of wh_briefings (every label with more
 * than ~20 turns whose holder we could name with certainty for 2021–2022) mapped by hand
 * to the person; labels not in the table are not scored (the coverage is reported).
 * Gold, Kremlin: the paragraph's `speaker` label normalised by hand-written rules: generic
 * labels (Question → Reporter, Remark, Reply, Response, Comment) and two-word labels taken
 * as they are (first name + surname); longer labels only when listed in the hand-checked
 * table below (role + name, e.g. "President of Russia Vladimir Putin" → "Vladimir Putin").
 * A turn is right when the Dictum passage covering its first words has the gold speaker; for
 * Kremlin, in any transliteration of it (the gold keeps each record's own spelling, "Kirill
 * Kleymenov" here and "Kirill Kleimenov" there, while Dictum makes the spellings one person).
 *
 * After reading, the corpus names pass (main/extract/corpusNames.ts) runs on each part on its
 * own, as on a corpus folder of just those files: the held-out files never lend names to the
 * development part or take names from it.
 *
 * Reading is blind: Kremlin records are given to Dictum with their `speaker` and
 * `turn_start` fields removed (the labels stay in the text), White House files under a
 * neutral name (no folder or file name to go by). Each corpus has a frozen held-out part
 * (bench/eval/heldout.ts); figures are given for both parts, with and without the built-in
 * name list, and the debug dump (EVAL_DEBUG=DIR) shows development-part errors only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract, loose, NAME_LIST_SETTINGS, ratio, type Row } from './common';
import { heldOut, SPLITS, whFiles, type Split } from './heldout';
import type { ExtractedDocument } from '../../main/common/contract';
import {
  applyNameMerges,
  mergeMap,
  planNameMerges,
  tallyPeople,
  tallySpeakers,
} from '../../main/extract/corpusNames';
import { foldName } from '../../main/extract/nameFold';

export const WH_GOLD: Record<string, string> = {
  Q: 'Reporter',
  'MS. PSAKI': 'Jen Psaki',
  'MS. JEAN-PIERRE': 'Karine Jean-Pierre',
  'THE PRESIDENT': 'Joe Biden',
  'PRESIDENT BIDEN': 'Joe Biden',
  'SENIOR ADMINISTRATION OFFICIAL': 'Senior administration official',
  MODERATOR: 'Moderator',
  'MR. SULLIVAN': 'Jake Sullivan',
  'THE VICE PRESIDENT': 'Kamala Harris',
  'VICE PRESIDENT HARRIS': 'Kamala Harris',
  'MR. ZIENTS': 'Jeff Zients',
  'MR. KIRBY': 'John Kirby',
  'DR. FAUCI': 'Anthony Fauci',
  'DR. WALENSKY': 'Rochelle Walensky',
  'DR. JHA': 'Ashish Jha',
  'ACTING ADMINISTRATOR SLAVITT': 'Andy Slavitt',
  'AUDIENCE MEMBER': 'Audience member',
  AUDIENCE: 'Audience',
  'MR. DEESE': 'Brian Deese',
  'MR. MUNOZ': 'Kevin Munoz',
  'THE FIRST LADY': 'Jill Biden',
  'SECRETARY RAIMONDO': 'Gina Raimondo',
  'SECRETARY GRANHOLM': 'Jennifer Granholm',
  'ADMINISTRATOR CRISWELL': 'Deanne Criswell',
  'SECRETARY MAYORKAS': 'Alejandro Mayorkas',
  'SURGEON GENERAL MURTHY': 'Vivek Murthy',
  'DR. MURTHY': 'Vivek Murthy',
  'MR. BERNSTEIN': 'Jared Bernstein',
  'SECRETARY BUTTIGIEG': 'Pete Buttigieg',
  'MS. BEDINGFIELD': 'Kate Bedingfield',
  'MS. NEUBERGER': 'Anne Neuberger',
  'AMBASSADOR RICE': 'Susan Rice',
  'SECRETARY CARDONA': 'Miguel Cardona',
  'CHAIR ROUSE': 'Cecilia Rouse',
  'MR. BATES': 'Andrew Bates',
  'MR. RAMAMURTI': 'Bharat Ramamurti',
  'SECRETARY KERRY': 'John Kerry',
  OPERATOR: 'Operator',
  PARTICIPANT: 'Participant',
  'SECRETARY VILSACK': 'Tom Vilsack',
  'ADMINISTRATOR REGAN': 'Michael Regan',
  'SECRETARY FUDGE': 'Marcia Fudge',
  'SECRETARY YELLEN': 'Janet Yellen',
  'SECRETARY BECERRA': 'Xavier Becerra',
  'MR. LANDRIEU': 'Mitch Landrieu',
  'PRESIDENT MACRON': 'Emmanuel Macron',
  'PRESIDENT ZELENSKYY': 'Volodymyr Zelenskyy',
  'PRIME MINISTER JOHNSON': 'Boris Johnson',
  'MR. MEAGHER': 'Chris Meagher',
  'DR. NUNEZ-SMITH': 'Marcella Nunez-Smith',
};

const KREMLIN_GENERIC: Record<string, string> = {
  Question: 'Reporter',
  Remark: 'Remark',
  Reply: 'Reply',
  Response: 'Reply',
  Comment: 'Remark',
};

/** Hand-checked labels of more than two words (role + name, or a three-part name). */
const KREMLIN_LONG: Record<string, string> = {
  'President of Russia Vladimir Putin': 'Vladimir Putin',
  'President of Russia Dmitry Medvedev': 'Dmitry Medvedev',
  'Prime Minister Dmitry Medvedev': 'Dmitry Medvedev',
  'Finance Minister Anton Siluanov': 'Anton Siluanov',
  'Recep Tayyip Erdogan': 'Recep Tayyip Erdogan',
  'Transport Minister Maxim Sokolov': 'Maxim Sokolov',
  'Deputy Prime Minister Olga Golodets': 'Olga Golodets',
  'Healthcare Minister Veronika Skvortsova': 'Veronika Skvortsova',
  'Minister of Industry and Trade Denis Manturov': 'Denis Manturov',
  'President of Kazakhstan Nursultan Nazarbayev': 'Nursultan Nazarbayev',
  'President of Belarus Alexander Lukashenko': 'Alexander Lukashenko',
  'Defence Minister Sergei Shoigu': 'Sergei Shoigu',
  'Gazprom CEO Alexei Miller': 'Alexei Miller',
  'Deputy Prime Minister Dmitry Rogozin': 'Dmitry Rogozin',
  'Deputy Prime Minister Arkady Dvorkovich': 'Arkady Dvorkovich',
  'Minister of Sport Pavel Kolobkov': 'Pavel Kolobkov',
  'Energy Minister Alexander Novak': 'Alexander Novak',
  'President of Armenia Serzh Sargsyan': 'Serzh Sargsyan',
  'Chairman of the Federation of Independent Trade Unions of Russia Mikhail Shmakov': 'Mikhail Shmakov',
  'Accounts Chamber Chairperson Tatyana Golikova': 'Tatyana Golikova',
  'President of Kyrgyzstan Almazbek Atambayev': 'Almazbek Atambayev',
  'Minister of Healthcare Veronika Skvortsova': 'Veronika Skvortsova',
  'Moscow Mayor Sergei Sobyanin': 'Sergei Sobyanin',
  'President of Uzbekistan Shavkat Mirziyoyev': 'Shavkat Mirziyoyev',
  'Rostec State Corporation CEO Sergei Chemezov': 'Sergei Chemezov',
  'FIFA President Gianni Infantino': 'Gianni Infantino',
  'President of the Republic of Belarus Alexander Lukashenko': 'Alexander Lukashenko',
  'Economic Development Minister Maxim Oreshkin': 'Maxim Oreshkin',
  'President of Azerbaijan Ilham Aliyev': 'Ilham Aliyev',
};

export function kremlinGold(label: string): string | null {
  const l = label.trim();
  const generic = KREMLIN_GENERIC[l];
  if (generic) return generic;
  const long = KREMLIN_LONG[l];
  if (long) return long;
  if (/^\p{Lu}[\p{L}’'-]+ \p{Lu}[\p{L}’'-]+$/u.test(l)) return l;
  return null;
}

interface Tally {
  right: number;
  wrong: number;
  unscored: number;
  units: number;
  confusions: Map<string, number>;
  /** Development-part errors for the debug dump; null for the held-out part. */
  examples: string[] | null;
}

function tally(split: Split): Tally {
  return {
    right: 0,
    wrong: 0,
    unscored: 0,
    units: 0,
    confusions: new Map(),
    examples: split === 'train' ? [] : null,
  };
}

function score(
  t: Tally,
  where: string,
  gold: string,
  got: string | null | undefined,
  spellingsAreOne = false,
): void {
  if (got === gold || (spellingsAreOne && got && foldName(got) === foldName(gold))) t.right++;
  else {
    t.wrong++;
    if (t.examples && t.examples.length < 2000) t.examples.push(`${where}\t${gold}\t${got ?? 'null'}`);
    const k = `${gold} ← ${got ?? 'null'}`;
    t.confusions.set(k, (t.confusions.get(k) ?? 0) + 1);
  }
}

function top(t: Tally, n: number): string {
  return [...t.confusions.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ×${v}`)
    .join('; ');
}

type Tallies = Array<Record<Split, Tally>>;

function tallies(): Tallies {
  return NAME_LIST_SETTINGS.map(() => ({ train: tally('train'), 'held-out': tally('held-out') }));
}

/** One row per part and setting; the errors of the development part go to the debug dump. */
function report(
  ts: Tallies,
  metric: string,
  unit: string,
  unscoredWhat: string,
  rows: Row[],
  dump: string,
): void {
  if (process.env.EVAL_DEBUG)
    NAME_LIST_SETTINGS.forEach((_setting, i) =>
      writeFileSync(
        join(process.env.EVAL_DEBUG!, `${dump}-train${i === 0 ? '' : '-no-name-list'}.txt`),
        ts[i]!.train.examples!.join('\n'),
      ),
    );
  for (const split of SPLITS)
    NAME_LIST_SETTINGS.forEach((setting, i) => {
      const t = ts[i]![split];
      rows.push({
        section: 'Transcript turns',
        metric: `${metric}, ${split}, ${setting.label}`,
        value: ratio(t.right, t.right + t.wrong),
        n: String(t.right + t.wrong),
        note: `${t.units} ${unit}; unjudged: ${t.unscored} ${unscoredWhat}. Top errors: ${top(t, 4) || 'none'}`,
      });
    });
}

const WH_LABEL = /^[ \t]*([A-Z][A-Z.'’ -]*[A-Z.]):[ \t]*/;
const WH_Q = /^[ \t]*Q(?:[ \t]*:[ \t]*|[ \t]+)/;

function scoreWhiteHouseFile(
  t: Tally,
  where: string,
  raw: string,
  doc: ReturnType<typeof extract>[number] | undefined,
): number {
  const body = raw.replace(/^---\n[\s\S]*?\n---\n/, '');
  const paras = body.split(/\n[^\S\n]*\n/);
  let cursor = 0;
  for (const p of paras) {
    const m = WH_LABEL.exec(p) ?? WH_Q.exec(p);
    const label = m ? (m[1] ?? 'Q').replace(/\s+/g, ' ').trim() : null;
    const rest = loose(m ? p.slice(m[0].length) : p);
    // every paragraph moves the cursor, so a short answer ("Yeah.") is looked for only
    // after the question before it
    const probe = rest.slice(0, 100);
    const at = doc && probe.length > 0 ? doc.text.indexOf(probe, cursor) : -1;
    if (at >= 0) cursor = at + probe.length;
    if (label === null) continue;
    const gold = WH_GOLD[label];
    if (!gold) {
      t.unscored++;
      continue;
    }
    if (!doc) {
      score(t, where, gold, null);
      continue;
    }
    if (probe.length === 0) continue;
    if (at < 0) {
      score(t, where, gold, 'unaligned');
      continue;
    }
    const passage = doc.passages.find((ps) => ps.start <= at && at < ps.end);
    score(t, where, gold, passage?.kind === 'turn' ? passage.speaker : `${passage?.kind ?? 'none'}`);
  }
  return paras.length;
}

export function evalWhiteHouse(
  corpora: string,
  rows: Row[],
): { files: number; paragraphs: number; ms: number; cpuMs: number; bytes: number } {
  const dir = join(corpora, 'wh_briefings');
  const files = whFiles(dir);
  const held = heldOut('wh');
  const ts = tallies();
  let paragraphs = 0;
  let ms = 0;
  let cpuMs = 0;
  let bytes = 0;
  NAME_LIST_SETTINGS.forEach((setting, i) => {
    const read: Array<{ rel: string; raw: string; split: Split; doc: ExtractedDocument | undefined }> = [];
    files.forEach((rel, index) => {
      const raw = readFileSync(join(dir, rel), 'utf8');
      const split: Split = held.has(rel) ? 'held-out' : 'train';
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      // a neutral name: the folder and file names must not tell Dictum what it reads
      const docs = extract(`transcript-${index}.md`, raw, 0, setting.options);
      if (i === 0) {
        ms += performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpuMs += (c.user + c.system) / 1000;
        bytes += raw.length;
      }
      read.push({ rel, raw, split, doc: docs[0] });
    });
    // the corpus pass runs on each part alone: the held-out files are a corpus never seen
    for (const split of SPLITS) {
      const part = read.filter((r) => r.split === split);
      const docs = part.flatMap((r) => (r.doc ? [r.doc] : []));
      const merges = mergeMap(planNameMerges(tallySpeakers(docs), undefined, tallyPeople(docs)));
      const t = ts[i]![split];
      for (const r of part) {
        t.units++;
        const n = scoreWhiteHouseFile(t, r.rel, r.raw, r.doc && applyNameMerges(r.doc, merges));
        if (i === 0) paragraphs += n;
      }
    }
  });
  report(
    ts,
    'White House canonical speaker accuracy',
    'files',
    'turns with labels outside the gold table',
    rows,
    'turns-wh',
  );
  return { files: files.length, paragraphs, ms, cpuMs, bytes };
}

interface KremlinRecord {
  id: string;
  paragraphs: Array<{ text: string; speaker?: string | null; turn_start?: boolean }>;
}

export function evalKremlin(corpora: string, rows: Row[]): void {
  const file = join(corpora, 'kremlin_en', 'kremlin_en_1999-2018.jsonl');
  if (!existsSync(file)) {
    rows.push({ section: 'Transcript turns', metric: 'Kremlin', value: '-', n: '0', note: 'no data' });
    return;
  }
  const held = heldOut('kremlin');
  const ts = tallies();
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0);
  NAME_LIST_SETTINGS.forEach((setting, s) => {
    const read: Array<{ rec: KremlinRecord; split: Split; doc: ExtractedDocument | undefined }> = [];
    lines.forEach((line, i) => {
      const rec = JSON.parse(line) as KremlinRecord;
      if (!rec.paragraphs.some((p) => p.turn_start && p.speaker)) return;
      const split: Split = held.has(rec.id) ? 'held-out' : 'train';
      // the gold speaker fields go; the labels stay in the text, as on the page
      const blind = JSON.stringify({ ...rec, paragraphs: rec.paragraphs.map((p) => ({ text: p.text })) });
      read.push({ rec, split, doc: extract(`record-${i}.json`, blind, 0, setting.options)[0] });
    });
    // the corpus pass runs on each part alone: the held-out records are a corpus never seen
    for (const split of SPLITS) {
      const part = read.filter((r) => r.split === split);
      const docs = part.flatMap((r) => (r.doc ? [r.doc] : []));
      const merges = mergeMap(planNameMerges(tallySpeakers(docs), undefined, tallyPeople(docs)));
      for (const r of part) scoreKremlinRecord(ts[s]![split], r.rec, r.doc && applyNameMerges(r.doc, merges));
    }
  });
  report(
    ts,
    'Kremlin canonical speaker accuracy',
    'records with labelled turns',
    'turns with long labels outside the hand-checked table',
    rows,
    'turns-kremlin',
  );
}

function scoreKremlinRecord(t: Tally, rec: KremlinRecord, doc: ExtractedDocument | undefined): void {
  t.units++;
  let cursor = 0;
  for (const p of rec.paragraphs.filter((q) => q.turn_start && q.speaker)) {
    const gold = kremlinGold(p.speaker as string);
    if (!gold) {
      t.unscored++;
      continue;
    }
    if (!doc) {
      score(t, rec.id, gold, null);
      continue;
    }
    const body = p.text.startsWith(`${p.speaker}:`) ? p.text.slice((p.speaker as string).length + 1) : p.text;
    const probe = body.trim().slice(0, 100);
    const at = doc.text.indexOf(probe, cursor);
    if (at < 0) {
      score(t, rec.id, gold, 'unaligned');
      continue;
    }
    cursor = at;
    const passage = doc.passages.find((ps) => ps.start <= at && at < ps.end);
    const got = passage?.kind === 'turn' ? passage.speaker : `${passage?.kind ?? 'none'}`;
    score(t, rec.id, gold, got, true);
  }
}
