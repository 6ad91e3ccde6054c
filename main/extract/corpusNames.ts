/**
 * Corpus pass "names": after every file is read, speaker names that are the same person
 * across documents become one. Reading resolves a name within its document ("MR. ZIENTS:"
 * becomes Jeff Zients when the document names him); what it leaves short ("Zients", because
 * this briefing never gives his first name) takes the full name the rest of the corpus uses,
 * when that is unambiguous. Pure: a tally of speaker names in, a list of merges out, and a
 * function that applies them to a read document.
 *
 * Merges, in order:
 * - transliterations: full names with the same folded spelling (nameFold.ts) become the most
 *   frequent spelling ("Sergey Lavrov" → "Sergei Lavrov");
 * - middle initials: "Donald J. Trump" → "Donald Trump" where the corpus has the shorter form;
 * - surnames: a one-word speaker ("Zients", "Jean-Pierre") → the one full name in the corpus
 *   with that last word, or the one that outnumbers all the others with it
 *   DOMINANCE times over ("Trump" → "Donald Trump" beside a few "Ivanka Trump").
 * Never merged: generic roles ("Reporter", "Moderator"), names with a suffix ("Donald Trump
 * Jr." is not "Donald Trump", and a bare "Trump" is never him), and names the user's aliases
 * file mentions (writing a name there undoes its merge).
 */
import type { ExtractedDocument, Passage } from '../common/contract';
import { foldName } from './nameFold';
import { isGenericSpeaker, ORG_WORDS } from './speakers';

export type MergeReason = 'transliteration' | 'middle initial' | 'surname';

export interface NameMerge {
  /** The speaker name as reading gave it. */
  from: string;
  /** The name it is merged into. */
  to: string;
  reason: MergeReason;
  /** Statements read with the name `from`. */
  statements: number;
}

/** How many times the usual full name must outnumber the others sharing its surname. */
export const DOMINANCE = 4;

const SUFFIX = /^(?:jr|sr|ii|iii|iv|v)\.?$/i;
const PARTICLE = /^(?:van|von|de|der|den|da|di|du|le|la|al|bin|ibn|el)$/;
const INITIAL = /^\p{Lu}\.$/u;
const NAME_WORD = /^\p{Lu}[\p{L}’'-]*\.?$/u;

/** Statements per speaker name in these documents (added to `into`). */
export function tallySpeakers(
  docs: Iterable<ExtractedDocument>,
  into: Map<string, number> = new Map(),
): Map<string, number> {
  for (const doc of docs)
    for (const p of doc.passages) if (p.speaker) into.set(p.speaker, (into.get(p.speaker) ?? 0) + 1);
  return into;
}

/** Documents naming each person in full (DocumentMeta.people), added to `into`. */
export function tallyPeople(
  docs: Iterable<ExtractedDocument>,
  into: Map<string, number> = new Map(),
): Map<string, number> {
  for (const doc of docs)
    for (const name of doc.document.people ?? []) into.set(name, (into.get(name) ?? 0) + 1);
  return into;
}

function words(name: string): string[] {
  return name.split(' ').filter((w) => w.length > 0);
}

/** A person's name as reading writes it: 2–5 capitalised words (particles allowed), no role. */
function isPersonName(name: string): boolean {
  const ws = words(name);
  if (ws.length < 2 || ws.length > 5 || isGenericSpeaker(name)) return false;
  if (ws.some((w) => ORG_WORDS.has(w.toLowerCase()))) return false;
  return ws.every((w, i) => NAME_WORD.test(w) || (i > 0 && i < ws.length - 1 && PARTICLE.test(w)));
}

function isSurnameOnly(name: string): boolean {
  return !name.includes(' ') && NAME_WORD.test(name) && !name.endsWith('.') && !isGenericSpeaker(name);
}

/**
 * The merges the corpus supports. `tally`: statements per speaker name; `fixed`: whether the
 * user's aliases file mentions a name (then it is neither merged nor a target of guessing);
 * `people`: documents naming each person in full, more full names a surname may stand for.
 */
export function planNameMerges(
  tally: ReadonlyMap<string, number>,
  fixed: (name: string) => boolean = () => false,
  people: ReadonlyMap<string, number> = new Map(),
): NameMerge[] {
  const merges: NameMerge[] = [];
  const target = new Map<string, string>();
  const count = (name: string): number => tally.get(name) ?? 0;
  const merge = (from: string, to: string, reason: MergeReason): void => {
    target.set(from, to);
    merges.push({ from, to, reason, statements: count(from) });
  };
  const full = [...tally.keys()].filter(isPersonName).sort();

  // transliterations: the most frequent spelling wins (ties: the first in order)
  const byFold = new Map<string, string[]>();
  for (const name of full) {
    const key = foldName(name);
    byFold.set(key, [...(byFold.get(key) ?? []), name]);
  }
  for (const spellings of byFold.values()) {
    if (spellings.length < 2) continue;
    const best = spellings.reduce((a, b) => (count(b) > count(a) ? b : a));
    for (const s of spellings) if (s !== best && !fixed(s)) merge(s, best, 'transliteration');
  }
  const after = (name: string): string => target.get(name) ?? name;

  // middle initials
  const present = new Set(full.map(after));
  for (const name of present) {
    const ws = words(name);
    if (ws.length < 3 || fixed(name)) continue;
    const shorter = ws.filter((w, i) => i === 0 || i === ws.length - 1 || !INITIAL.test(w)).join(' ');
    if (shorter !== name && present.has(shorter)) merge(name, shorter, 'middle initial');
  }

  // surnames: statements per remaining full name, grouped by folded last word
  const totals = new Map<string, number>();
  const weigh = (name: string, n: number): void => {
    const final = after(after(name));
    totals.set(final, (totals.get(final) ?? 0) + n);
  };
  for (const name of full) weigh(name, count(name));
  for (const [name, documents] of people) if (isPersonName(name)) weigh(name, documents);
  const bySurname = new Map<string, string[]>();
  for (const name of totals.keys()) {
    const last = words(name).pop() as string;
    if (SUFFIX.test(last)) continue;
    const key = foldName(last);
    bySurname.set(key, [...(bySurname.get(key) ?? []), name]);
  }
  for (const name of [...tally.keys()].sort()) {
    if (!isSurnameOnly(name) || fixed(name)) continue;
    const candidates = bySurname.get(foldName(name));
    if (!candidates || candidates.length === 0) continue;
    const ranked = [...candidates].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
    const best = ranked[0] as string;
    const rest = ranked.slice(1).reduce((sum, n) => sum + (totals.get(n) ?? 0), 0);
    if (rest === 0 || (totals.get(best) ?? 0) >= DOMINANCE * rest) merge(name, best, 'surname');
  }
  return merges;
}

/** From a list of merges to the final name of each merged name (chains followed). */
export function mergeMap(merges: readonly NameMerge[]): Map<string, string> {
  const direct = new Map(merges.map((m) => [m.from, m.to] as const));
  const out = new Map<string, string>();
  for (const from of direct.keys()) {
    let to = direct.get(from) as string;
    for (let hops = 0; direct.has(to) && hops < 10; hops++) to = direct.get(to) as string;
    out.set(from, to);
  }
  return out;
}

/** The document with merged speaker names; the same object when no name in it is merged. */
export function applyNameMerges(doc: ExtractedDocument, map: ReadonlyMap<string, string>): ExtractedDocument {
  if (map.size === 0 || !doc.passages.some((p) => p.speaker !== null && map.has(p.speaker))) return doc;
  const passages = doc.passages.map((p): Passage => {
    const merged = p.speaker === null ? undefined : map.get(p.speaker);
    return merged === undefined ? p : { ...p, speaker: merged };
  });
  return { ...doc, passages };
}
