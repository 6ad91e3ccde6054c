/**
 * Reads the shared real corpora into documents and passages for the benchmark, with simple
 * paragraph splitters of its own (the benchmark measures search, not extraction):
 * White House briefings (Markdown, speaker turns), Kremlin (JSONL, per-paragraph speakers),
 * UN General Debate (one speech per file, speaker from speakers.tsv) and Reuters-21578 (SGML).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedDocument, Passage, PassageKind } from '../../main/common/contract';

export const CORPORA_ROOT = '/work/shared/corpora';

export interface Source {
  key: string;
  docs: ExtractedDocument[];
}

interface Para {
  text: string;
  speaker: string | null;
  kind: PassageKind;
  topics?: string[];
}

function makeDoc(
  id: string,
  path: string,
  title: string,
  date: string | null,
  topics: string[],
  paras: Para[],
): ExtractedDocument {
  let text = '';
  const passages: Passage[] = [];
  paras.forEach((p, i) => {
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += p.text;
    passages.push({
      id: `${id}#${i}`,
      kind: p.kind,
      speaker: p.speaker,
      text: p.text,
      start,
      end: start + p.text.length,
      topics: p.topics ?? [],
      date: null,
    });
  });
  return {
    document: {
      id,
      path,
      title,
      author: null,
      source: null,
      url: null,
      date,
      dateSource: 'metadata',
      topics,
    },
    text,
    passages,
  };
}

const hasQuote = (s: string): boolean => /["\u201c\u201d]/.test(s);

function titleCase(label: string): string {
  return label
    .toLowerCase()
    .replace(/(^|[\s\-.'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())
    .trim();
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export function readWhiteHouse(root = join(CORPORA_ROOT, 'wh_briefings')): Source[] {
  const out: Source[] = [];
  for (const file of walk(root).filter((f) => f.endsWith('.md'))) {
    const raw = readFileSync(file, 'utf8');
    const fm = /^---\n([\s\S]*?)\n---\n/.exec(raw);
    const front = fm?.[1] ?? '';
    const body = fm ? raw.slice(fm[0].length) : raw;
    const date = /^date:\s*'?(\d{4}-\d{2}-\d{2})/m.exec(front)?.[1] ?? null;
    const title = (/^title:[ \t]*(.*(?:\n[ \t]+.*)*)/m.exec(front)?.[1] ?? '')
      .replace(/\\\n\s*/g, '')
      .replace(/\\_/g, ' ')
      .replace(/^["']|["']$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const category = /^tags:\s*(\S+)/m.exec(front)?.[1] ?? 'briefing';
    const paras: Para[] = [];
    let speaker: string | null = null;
    for (const block of body.split(/\n\s*\n/)) {
      let text = block
        .replace(/\\([[\]])/g, '$1')
        .replace(/<\/?s>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (text === '') continue;
      const label = /^([A-Z][A-Z.'\- ]{1,60}):\s+/.exec(text);
      const q = /^Q\s+/.exec(text);
      let kind: PassageKind = speaker ? 'turn' : 'narrative';
      if (label) {
        speaker = titleCase(label[1]!);
        text = text.slice(label[0].length);
        kind = 'turn';
      } else if (q) {
        speaker = 'Reporter';
        text = text.slice(q[0].length);
        kind = 'turn';
      }
      if (text === '') continue;
      paras.push({ text, speaker, kind });
    }
    const rel = file.slice(root.length + 1);
    out.push({ key: `wh/${rel}`, docs: [makeDoc(`wh/${rel}`, `wh/${rel}`, title, date, [category], paras)] });
  }
  return out;
}

export function readKremlin(root = join(CORPORA_ROOT, 'kremlin_en')): Source[] {
  const out: Source[] = [];
  for (const file of walk(root).filter((f) => f.endsWith('.jsonl'))) {
    const docs: ExtractedDocument[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as {
        id: string;
        title: string;
        date: string;
        tags: Record<string, string[]>;
        paragraphs: Array<{ text: string; speaker: string | null; turn_start: boolean }>;
      };
      const topics = (r.tags?.Topics ?? []).map((t) => t.toLowerCase());
      const paras: Para[] = r.paragraphs
        .filter((p) => p.text.trim() !== '')
        .map((p): Para => {
          let text = p.text.trim();
          if (p.turn_start && p.speaker && text.startsWith(p.speaker))
            text = text.slice(p.speaker.length).replace(/^:\s*/, '');
          return {
            text,
            speaker: p.speaker,
            kind: p.speaker ? 'turn' : hasQuote(text) ? 'quote' : 'narrative',
          };
        })
        .filter((p) => p.text !== '');
      docs.push(makeDoc(`kremlin/${r.id}`, `kremlin/${r.id}`, r.title, r.date, topics, paras));
    }
    // One JSONL file is one source with many documents; split it so sources stay small.
    for (let i = 0; i < docs.length; i += 100)
      out.push({ key: `kremlin/part-${i / 100}`, docs: docs.slice(i, i + 100) });
  }
  return out;
}

export function readUn(root = join(CORPORA_ROOT, 'ungdc')): Source[] {
  const speakers = new Map<string, string>();
  for (const line of readFileSync(join(root, 'speakers.tsv'), 'utf8').split('\n').slice(1)) {
    const [, session, iso, , name] = line.split('\t');
    if (session && iso && name)
      speakers.set(`${iso}_${session}`, name.replace(/^(Mr|Mrs|Ms|H\.E\.)\.?\s+/, '').trim());
  }
  const out: Source[] = [];
  for (const file of walk(join(root, 'txt')).filter((f) => f.endsWith('.txt'))) {
    const base = file.slice(file.lastIndexOf('/') + 1, -4);
    const [iso, session, year] = base.split('_');
    const speaker = speakers.get(`${iso}_${session}`) ?? null;
    const paras: Para[] = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((text): Para => ({ text, speaker, kind: speaker ? 'turn' : 'narrative' }));
    const id = `un/${base}`;
    out.push({
      key: id,
      docs: [
        makeDoc(
          id,
          `un/${base}.txt`,
          `${iso} statement, session ${session}`,
          year ?? null,
          ['politics'],
          paras,
        ),
      ],
    });
  }
  return out;
}

const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

function sgmlText(s: string): string {
  return s
    .replace(/&#\d+;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function readReuters(root = join(CORPORA_ROOT, 'reuters21578')): Source[] {
  const out: Source[] = [];
  for (const file of walk(join(root, 'sgm')).filter((f) => f.endsWith('.sgm'))) {
    const raw = readFileSync(file, 'latin1');
    const docs: ExtractedDocument[] = [];
    for (const m of raw.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const newId = m[1]!;
      const rec = m[2]!;
      const d = /<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})/.exec(rec);
      const date = d ? `${d[3]}-${MONTHS[d[2]!] ?? '01'}-${d[1]!.padStart(2, '0')}` : null;
      const list = (tag: string): string[] =>
        [
          ...(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(rec)?.[1] ?? '').matchAll(/<D>(.*?)<\/D>/g),
        ].map((x) => x[1]!);
      const topics = list('TOPICS');
      const people = list('PEOPLE');
      const title = sgmlText(/<TITLE>([\s\S]*?)<\/TITLE>/.exec(rec)?.[1] ?? '').trim();
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(rec)?.[1];
      if (!body) continue;
      const speaker = people[0] ? titleCase(people[0].replace(/-/g, ' ')) : null;
      const paras: Para[] = [];
      let pending = '';
      for (const chunk of sgmlText(body)
        .replace(/\s*Reuter\s*$/, '')
        .split(/\n(?= {3,})/)) {
        const text = chunk.replace(/\s+/g, ' ').trim();
        if (text === '') continue;
        pending = pending === '' ? text : `${pending} ${text}`;
        // Short paragraphs are merged with the next, like the published baselines.
        if (pending.length < 80) continue;
        paras.push({ text: pending, speaker, kind: hasQuote(pending) ? 'quote' : 'narrative' });
        pending = '';
      }
      if (pending !== '')
        paras.push({ text: pending, speaker, kind: hasQuote(pending) ? 'quote' : 'narrative' });
      docs.push(makeDoc(`reuters/${newId}`, `reuters/${newId}`, title, date, topics, paras));
    }
    for (let i = 0; i < docs.length; i += 100)
      out.push({ key: `${file.slice(file.lastIndexOf('/') + 1)}/${i / 100}`, docs: docs.slice(i, i + 100) });
  }
  return out;
}

/** All four corpora, sources interleaved so that any prefix mixes them. */
export function readAll(): Source[] {
  const lists = [readWhiteHouse(), readKremlin(), readUn(), readReuters()];
  const out: Source[] = [];
  const total = lists.reduce((s, l) => s + l.length, 0);
  const pos = lists.map(() => 0);
  for (let i = 0; out.length < total; i++) {
    // Take from each corpus in proportion to its size.
    let best = -1;
    let bestFrac = Infinity;
    lists.forEach((l, j) => {
      if (pos[j]! >= l.length) return;
      const frac = pos[j]! / l.length;
      if (frac < bestFrac) {
        bestFrac = frac;
        best = j;
      }
    });
    out.push(lists[best]![pos[best]!++]!);
  }
  return out;
}

export function passagesIn(sources: Source[]): number {
  let n = 0;
  for (const s of sources) for (const d of s.docs) n += d.passages.length;
  return n;
}

/**
 * Sources holding `n` passages: a prefix of the real set when it is large enough, else the
 * real set repeated with new ids (texts shared, so vocabulary and memory are flattered).
 */
export function sized(real: Source[], n: number): Source[] {
  const out: Source[] = [];
  let count = 0;
  for (let round = 0; count < n; round++) {
    for (const s of real) {
      if (count >= n) break;
      const suffix = round === 0 ? '' : `~r${round}`;
      const docs =
        round === 0
          ? s.docs
          : s.docs.map((d) => ({
              document: { ...d.document, id: d.document.id + suffix, path: d.document.path + suffix },
              text: d.text,
              passages: d.passages.map((p) => ({ ...p, id: p.id + suffix })),
            }));
      out.push({ key: s.key + suffix, docs });
      for (const d of docs) count += d.passages.length;
    }
  }
  return out;
}
