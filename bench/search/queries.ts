/**
 * The fixed benchmark queries, drawn with a seeded generator from the passages themselves:
 * one to three words, all required; whole words, as-you-type prefixes of the last word, and
 * one-letter typos. The filtered variant adds ten speakers and a two-to-three-month window.
 */
import type { Source } from './corpora';

export interface BenchQuery {
  q: string;
  kind: 'words' | 'prefix' | 'typo';
  /** For the filtered run. */
  speakers: string[];
  from: string;
  to: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = new Set(
  'the and for that with this from have has had was were are not but they you she his her its our their them will would can could been also said there what which when where who about into over than then some more most very just only other such these those being after before while'.split(
    ' ',
  ),
);

function monthShift(ym: string, delta: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + delta;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export function makeQueries(sources: Source[], count = 300, seed = 42): BenchQuery[] {
  const rnd = mulberry32(seed);
  const passages: Array<{ text: string; date: string | null }> = [];
  const speakerCount = new Map<string, number>();
  for (const s of sources) {
    for (const d of s.docs) {
      for (const p of d.passages) {
        passages.push({ text: p.text, date: p.date ?? d.document.date });
        if (p.speaker) speakerCount.set(p.speaker, (speakerCount.get(p.speaker) ?? 0) + 1);
      }
    }
  }
  const topSpeakers = [...speakerCount.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([s]) => s);
  const dated = passages.filter((p) => p.date !== null && /^\d{4}-\d{2}/.test(p.date));
  const out: BenchQuery[] = [];
  while (out.length < count) {
    const p = passages[Math.floor(rnd() * passages.length)]!;
    const words = (p.text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !COMMON.has(w.toLowerCase()));
    if (words.length < 3) continue;
    const n = 1 + Math.floor(rnd() * 3);
    const at = Math.floor(rnd() * (words.length - n + 1));
    const picked = words.slice(at, at + n).map((w) => w.toLowerCase());
    const r = rnd();
    let kind: BenchQuery['kind'] = 'words';
    if (r < 0.35) {
      kind = 'prefix';
      const last = picked[picked.length - 1]!;
      picked[picked.length - 1] = last.slice(0, 2 + Math.floor(rnd() * Math.max(1, last.length - 2)));
    } else if (r < 0.6) {
      const i = picked.findIndex((w) => w.length >= 5);
      if (i >= 0) {
        kind = 'typo';
        const w = picked[i]!;
        const pos = 1 + Math.floor(rnd() * (w.length - 2));
        const letter = 'aeioustrnl'[Math.floor(rnd() * 10)]!;
        picked[i] = w.slice(0, pos) + (letter === w[pos] ? 'x' : letter) + w.slice(pos + 1);
      }
    }
    const speakers: string[] = [];
    while (speakers.length < Math.min(10, topSpeakers.length)) {
      const s = topSpeakers[Math.floor(rnd() * topSpeakers.length)]!;
      if (!speakers.includes(s)) speakers.push(s);
    }
    const anchor = dated[Math.floor(rnd() * dated.length)]?.date?.slice(0, 7) ?? '2021-01';
    const span = 1 + Math.floor(rnd() * 2);
    out.push({
      q: picked.join(' '),
      kind,
      speakers,
      from: monthShift(anchor, -1),
      to: monthShift(anchor, span - 1),
    });
  }
  return out;
}
