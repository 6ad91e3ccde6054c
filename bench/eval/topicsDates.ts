/**
 * Topic agreement with the sources' own tags, and date accuracy against metadata.
 *
 * Topics: Kremlin `tags.Topics` mapped to IPTC with Dictum's tag table (tags that map to no
 * IPTC topic are left out), and Reuters TOPICS (all economic categories → economy-business-
 * finance; `jobs` also → labour). The records are extracted WITHOUT their tags, so only the
 * keyword taxonomy speaks; figures are micro precision/recall over document topics.
 * Dates: White House files with `date`, `published_time` and `modified_time` removed from
 * the front matter, PolNeAR articles (no metadata), Kremlin records without `date`; the
 * date read from the text is compared with the metadata date (file time disabled).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TAG_TO_IPTC } from '../../main/extract/topics';
import { extract, ratio, spread, type Row } from './common';

interface PR {
  tp: number;
  fp: number;
  fn: number;
  anyHit: number;
  docs: number;
}

function add(pr: PR, gold: Set<string>, got: string[]): void {
  const g = new Set(got);
  for (const t of g)
    if (gold.has(t)) pr.tp++;
    else pr.fp++;
  for (const t of gold) if (!g.has(t)) pr.fn++;
  if ([...g].some((t) => gold.has(t))) pr.anyHit++;
  pr.docs++;
}

function prRows(section: string, pr: PR, note: string, rows: Row[]): void {
  rows.push({
    section,
    metric: 'topic precision',
    value: ratio(pr.tp, pr.tp + pr.fp),
    n: String(pr.docs),
    note,
  });
  rows.push({
    section,
    metric: 'topic recall',
    value: ratio(pr.tp, pr.tp + pr.fn),
    n: String(pr.docs),
    note: `a gold topic among the predicted ones in ${ratio(pr.anyHit, pr.docs)} of documents`,
  });
}

export function evalKremlinTopics(corpora: string, rows: Row[]): void {
  const file = join(corpora, 'kremlin_en', 'kremlin_en_1999-2018.jsonl');
  if (!existsSync(file)) return;
  const pr: PR = { tp: 0, fp: 0, fn: 0, anyHit: 0, docs: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as Record<string, unknown> & { tags?: { Topics?: string[] } };
    const tags = rec.tags?.Topics ?? [];
    const gold = new Set(
      tags.flatMap((t) => (TAG_TO_IPTC[t.toLowerCase()] ? [TAG_TO_IPTC[t.toLowerCase()] as string] : [])),
    );
    if (gold.size === 0) continue;
    delete rec.tags;
    const doc = extract('k.json', JSON.stringify(rec))[0];
    add(pr, gold, doc?.document.topics ?? []);
  }
  prRows(
    'Topics: Kremlin tags',
    pr,
    'records with at least one tag that maps to IPTC (all such records)',
    rows,
  );
}

const REUTERS_LABOUR = new Set(['jobs']);

export function evalReutersTopics(corpora: string, rows: Row[]): void {
  const dir = join(corpora, 'reuters21578', 'sgm');
  if (!existsSync(dir)) return;
  const docs: Array<{ title: string; body: string; topics: string[] }> = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.sgm')) continue;
    const sgm = readFileSync(join(dir, name), 'latin1');
    for (const m of sgm.matchAll(/<REUTERS[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const block = m[1] as string;
      const topics = [
        ...(/<TOPICS>([\s\S]*?)<\/TOPICS>/.exec(block)?.[1] ?? '').matchAll(/<D>([^<]+)<\/D>/g),
      ].map((d) => d[1] as string);
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(block)?.[1];
      if (topics.length === 0 || !body) continue;
      const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(block)?.[1] ?? '';
      const clean = (s: string) =>
        s
          .replace(/&#\d+;/g, ' ')
          .replace(/&lt;/g, '<')
          .replace(/&amp;/g, '&')
          .replace(/\n\s*Reuter\s*$/, '');
      docs.push({ title: clean(title), body: clean(body), topics });
    }
  }
  const sample = spread(docs, 2000);
  const pr: PR = { tp: 0, fp: 0, fn: 0, anyHit: 0, docs: 0 };
  for (const d of sample) {
    const gold = new Set(['economy-business-finance']);
    if (d.topics.some((t) => REUTERS_LABOUR.has(t))) gold.add('labour');
    const paragraphs = d.body.split(/\n {2,}/).map((p) => p.replace(/\s+/g, ' ').trim());
    const doc = extract('r.json', JSON.stringify({ title: d.title, paragraphs }))[0];
    add(pr, gold, doc?.document.topics ?? []);
  }
  prRows(
    'Topics: Reuters TOPICS',
    pr,
    `sample of ${sample.length} of ${docs.length} documents with TOPICS and a body, evenly spread`,
    rows,
  );
}

function walkMd(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkMd(p, out);
    else if (name.endsWith('.md') && name !== 'SOURCE.md') out.push(p);
  }
}

export function evalDates(corpora: string, rows: Row[]): void {
  const wh = join(corpora, 'wh_briefings');
  if (existsSync(wh)) {
    const files: string[] = [];
    walkMd(wh, files);
    const sample = spread(files, 600);
    let right = 0;
    let wrong = 0;
    let none = 0;
    for (const f of sample) {
      const raw = readFileSync(f, 'utf8');
      const gold = /\ndate: '?(\d{4}-\d{2}-\d{2})'?/.exec(raw)?.[1];
      if (!gold) continue;
      const stripped = raw.replace(/\n(?:date|published_time|modified_time):[^\n]*/g, '');
      const doc = extract('x.md', stripped)[0];
      const got = doc?.document.date;
      if (!got) none++;
      else if (got === gold) right++;
      else wrong++;
    }
    rows.push({
      section: 'Dates: White House',
      metric: 'text date = front matter date',
      value: ratio(right, right + wrong + none),
      n: String(right + wrong + none),
      note: `${none} with no date in the text; of the ${right + wrong} dates found, ${right} exact (${ratio(right, right + wrong)}), the rest mostly the day before (the call's date vs publication); date fields removed from the front matter, file name hidden; sample of ${sample.length} of ${files.length} files`,
    });
  }
  const meta = join(corpora, 'polnear', 'metadata.tsv');
  if (existsSync(meta)) {
    let right = 0;
    let wrong = 0;
    let none = 0;
    let month = 0;
    for (const line of readFileSync(meta, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.split('\t');
      const name = cols[1];
      const gold = cols[5];
      if (!name || !gold) continue;
      const text = readFileSync(join(corpora, 'polnear', 'train', 'text', `${name}.txt`), 'utf8');
      const got = extract(`article.txt`, text)[0]?.document.date;
      if (!got) none++;
      else if (got === gold) right++;
      else {
        wrong++;
        if (got.slice(0, 7) === gold.slice(0, 7)) month++;
      }
    }
    rows.push({
      section: 'Dates: PolNeAR',
      metric: 'text date = publication date',
      value: ratio(right, right + wrong + none),
      n: String(right + wrong + none),
      note: `${wrong} different (${month} of them in the right month: event dates), ${none} no date in the text; all articles`,
    });
  }
}
