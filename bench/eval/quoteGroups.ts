/**
 * Quote groups on the development corpora (PolNeAR news, White House transcripts, Kremlin
 * records): how many statements join groups, and the precision of the groups on a sample
 * judged by hand.
 *
 *   npx tsx bench/eval/quoteGroups.ts [--corpora DIR] [--only polnear,wh,kremlin]
 *
 * Writes the sample to out/eval/quote-groups-sample.md (outside the repository: it quotes
 * PolNeAR text, which is not ours to ship) and reads the judgements from
 * bench/eval/quote-groups-judgements.tsv (`group id<TAB>yes|no<TAB>note`: "yes" when every
 * statement of the group reports the same words of the same speaker on one occasion, or a
 * part of them). The sample is 100 groups of the development part (no member from a
 * held-out item) and 30 groups that have a held-out member, chosen by a hash of the group id,
 * so a rerun picks the same groups as long as the corpora and the grouping rules are the same.
 * Kremlin records from 2014 on only: the whole file takes too long on a shared machine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtractedDocument } from '../../main/common/contract';
import { fnv1a } from '../../main/common/hash';
import { QuoteGroups, groupableStatements, type QuoteGroup } from '../../main/engine/quoteGroups';
import { extract } from './common';
import { heldOut, whFiles } from './heldout';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLE_FILE = join(ROOT, 'out', 'eval', 'quote-groups-sample.md');
const JUDGEMENTS_FILE = join(__dirname, 'quote-groups-judgements.tsv');
const KREMLIN_FROM = '2014-01-01';
const SAMPLE_SIZES = { development: 100, 'held-out': 30 } as const;
type Part = keyof typeof SAMPLE_SIZES;

interface Read {
  doc: ExtractedDocument;
  heldOut: boolean;
}

function readPolnear(corpora: string): Read[] {
  const dir = join(corpora, 'polnear');
  const held = heldOut('polnear');
  const rows = readFileSync(join(dir, 'metadata.tsv'), 'utf8').trim().split('\n').slice(1);
  const seen = new Set<string>();
  const out: Read[] = [];
  for (const row of rows) {
    const [, name, , , publisher, date, , title] = row.split('\t');
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const text = readFileSync(join(dir, 'train', 'text', `${name}.txt`), 'utf8');
    // The article's own metadata, as a sidecar would give it: publisher, date and title.
    const front = `---\ntitle: ${JSON.stringify(title ?? name)}\ndate: ${date}\nsource: ${publisher}\n---\n\n`;
    for (const doc of extract(`polnear/${name}.md`, front + text)) out.push({ doc, heldOut: held.has(name) });
  }
  return out;
}

function readWhiteHouse(corpora: string): Read[] {
  const dir = join(corpora, 'wh_briefings');
  const held = heldOut('wh');
  const out: Read[] = [];
  for (const rel of whFiles(dir)) {
    for (const doc of extract(`wh/${rel}`, readFileSync(join(dir, rel), 'utf8')))
      out.push({ doc, heldOut: held.has(rel) });
  }
  return out;
}

function readKremlin(corpora: string): Read[] {
  const held = heldOut('kremlin');
  const lines = readFileSync(join(corpora, 'kremlin_en', 'kremlin_en_1999-2018.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const out: Read[] = [];
  lines.forEach((line, i) => {
    const { id, date } = JSON.parse(line) as { id: string; date: string };
    // The years the news of PolNeAR covers and the two before (the whole file takes too long here).
    if (date < KREMLIN_FROM) return;
    for (const doc of extract(`kremlin/record-${i}.json`, line)) out.push({ doc, heldOut: held.has(id) });
  });
  return out;
}

function clip(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function describe(group: QuoteGroup, texts: Map<string, string>): string {
  const lines = [`## ${group.id} — ${group.sources} documents, ${group.members.length} statements`];
  for (const m of group.members) {
    lines.push(
      `- ${m.date ?? 'undated'} · ${m.source ?? m.title} · ${m.speaker ?? '(no speaker)'} · ${m.kind} · ${m.path}`,
    );
    lines.push(`  > ${clip(texts.get(m.passageId) ?? '')}`);
  }
  return lines.join('\n');
}

function main(): void {
  const at = process.argv.indexOf('--corpora');
  const corpora = resolve(at > 0 ? process.argv[at + 1]! : join(ROOT, '..', '..', 'shared', 'corpora'));
  if (!existsSync(join(corpora, 'polnear'))) throw new Error(`eval: no corpora in ${corpora}`);
  const started = performance.now();
  const read: Read[] = [];
  const only = process.argv.indexOf('--only');
  const wanted = only > 0 ? new Set(process.argv[only + 1]!.split(',')) : null;
  for (const [name, reader] of [
    ['polnear', readPolnear],
    ['wh', readWhiteHouse],
    ['kremlin', readKremlin],
  ] as const) {
    if (wanted && !wanted.has(name)) continue;
    const t0 = performance.now();
    const part = reader(corpora);
    read.push(...part);
    console.log(`${name}: ${part.length} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const readMs = performance.now() - started;
  const held = new Set(read.filter((r) => r.heldOut).map((r) => r.doc.document.id));
  const texts = new Map<string, string>();
  const statements = read.flatMap((r, i) => {
    for (const p of r.doc.passages) texts.set(p.id, p.text);
    return groupableStatements(r.doc, i % 2);
  });
  const groupStart = performance.now();
  const groups = new QuoteGroups();
  groups.update([], statements);
  const groupMs = performance.now() - groupStart;
  const all = [...groups.allGroups()];
  const partOf = (g: QuoteGroup): Part =>
    g.members.some((m) => held.has(m.docId)) ? 'held-out' : 'development';
  const grouped = all.reduce((n, g) => n + g.members.length, 0);
  const crossCorpus = all.filter((g) => new Set(g.members.map((m) => m.path.split('/')[0])).size > 1).length;

  const byHash = (a: QuoteGroup, b: QuoteGroup): number => fnv1a(a.id) - fnv1a(b.id);
  const sample: Record<Part, QuoteGroup[]> = { development: [], 'held-out': [] };
  for (const part of Object.keys(SAMPLE_SIZES) as Part[]) {
    sample[part] = all
      .filter((g) => partOf(g) === part)
      .sort(byHash)
      .slice(0, SAMPLE_SIZES[part]);
  }
  mkdirSync(join(ROOT, 'out', 'eval'), { recursive: true });
  writeFileSync(
    SAMPLE_FILE,
    (Object.keys(sample) as Part[])
      .map((part) => `# ${part} part\n\n${sample[part].map((g) => describe(g, texts)).join('\n\n')}`)
      .join('\n\n') + '\n',
  );

  const judged = new Map<string, boolean>();
  if (existsSync(JUDGEMENTS_FILE)) {
    for (const line of readFileSync(JUDGEMENTS_FILE, 'utf8').split('\n')) {
      const [id, verdict] = line.split('\t');
      if (id && !id.startsWith('#') && (verdict === 'yes' || verdict === 'no'))
        judged.set(id, verdict === 'yes');
    }
  }
  console.log(`documents ${read.length} (read in ${(readMs / 1000).toFixed(1)} s)`);
  console.log(`groupable statements ${statements.length}, grouped ${grouped}, groups ${all.length}`);
  console.log(`groups across corpora ${crossCorpus}; grouping took ${(groupMs / 1000).toFixed(2)} s`);
  for (const part of Object.keys(sample) as Part[]) {
    const verdicts = sample[part].map((g) => judged.get(g.id));
    const known = verdicts.filter((v): v is boolean => v !== undefined);
    const yes = known.filter(Boolean).length;
    console.log(
      `${part}: ${all.filter((g) => partOf(g) === part).length} groups; sample ${sample[part].length}, judged ${known.length}, correct ${yes}` +
        (known.length > 0 ? `, precision ${(yes / known.length).toFixed(3)}` : ''),
    );
  }
  console.log(`sample written to ${SAMPLE_FILE}`);
}

main();
