/**
 * Query planning: each word of a parsed query becomes the term ids it stands for (exact,
 * singular/plural, completions while typing, typos), groups of alternatives are ordered
 * cheapest first, and words to exclude are planned the same way.
 */
import type { ParsedQuery, QueryTerm } from '../common/query';
import { STOP_WORDS, tokenize } from './analyzer';
import { emptyHighlighter, type Highlighter } from './highlight';
import type { PassageTable } from './passageTable';
import { PREFIX_MARK } from './vocabulary';

/** Weight of a singular or plural form of a word typed (the form typed weighs 1). */
const VARIANT_WEIGHT = 0.9;
/** Weights of expanded terms relative to the word as typed. */
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.45;
export const PHRASE_BOOST = 1.5;

export interface Expansion {
  terms: number[];
  weights: number[];
}

export type Atom =
  | { kind: 'word'; exp: Expansion }
  | { kind: 'phrase'; words: string[]; required: Expansion[] }
  | { kind: 'none' };

export interface QueryPlan {
  /** Groups of alternatives (OR), all required (AND), cheapest first. */
  groups: Atom[][];
  excludes: Atom[];
}

/** The other grammatical number of an English word: cat/cats, box/boxes, policy/policies. */
export function numberVariants(term: string): string[] {
  const out: string[] = [];
  if (term.endsWith('ies') && term.length > 4) out.push(`${term.slice(0, -3)}y`);
  else if (term.endsWith('es') && /(?:s|x|z|ch|sh)es$/.test(term)) out.push(term.slice(0, -2));
  else if (term.endsWith('s') && !term.endsWith('ss') && !term.endsWith('us') && !term.endsWith('is'))
    out.push(term.slice(0, -1));
  if (!term.endsWith('s')) {
    if (/[^aeiou]y$/.test(term)) out.push(`${term.slice(0, -1)}ies`);
    else if (/(?:s|x|z|ch|sh)$/.test(term)) out.push(`${term}es`);
    else out.push(`${term}s`);
  }
  return out;
}

export class QueryPlanner {
  constructor(private readonly t: PassageTable) {}

  /** Plans a parsed query; what the highlighter should mark is added to `hl`. */
  plan(parsed: ParsedQuery, hl: Highlighter, notes: string[]): QueryPlan {
    // Plan: atoms per group, cheapest group first.
    const groups: Atom[][] = [];
    for (const g of parsed.groups) {
      const atoms = g.map((t) => this.atomFor(t, hl, notes)).filter((a) => a.kind !== 'none');
      if (atoms.length > 0) groups.push(atoms);
      else if (g.every((t) => t.type === 'word' && tokenize(t.text).every((x) => x.stop))) {
        notes.push(`"${g.map((t) => t.text).join(' OR ')}" is too common to search for; it was ignored.`);
      }
    }
    const excludes = parsed.exclude
      .map((t) => this.atomFor(t.type === 'word' ? { ...t, prefix: false } : t, emptyHighlighter(), notes))
      .filter((a) => a.kind !== 'none');
    // A phrase of common words only ("to be or not to be") has no postings to start from:
    // checking it against every passage of a large corpus is too slow for typing, so it
    // needs another word beside it.
    const unbounded = (a: Atom): boolean => a.kind === 'phrase' && a.required.length === 0;
    if (this.t.livePassages > 100_000 && !groups.some((g) => !g.some(unbounded))) {
      for (let i = groups.length - 1; i >= 0; i--) {
        if (groups[i]!.some(unbounded)) {
          groups.splice(i, 1);
          notes.push('A phrase of only common words needs another word beside it; it was ignored.');
        }
      }
    }
    const groupCost = (g: Atom[]): number => g.reduce((s, a) => s + this.cost(a), 0);
    groups.sort((a, b) => groupCost(a) - groupCost(b));

    return { groups, excludes };
  }

  /** Expands one query word into term ids: exact, as a prefix while typing, and with typos. */
  private expandWord(term: string, prefix: boolean, hl: Highlighter): Expansion {
    const exp: Expansion = { terms: [], weights: [] };
    const exact = this.t.vocab.get(term);
    const stop = STOP_WORDS.has(term);
    if (exact !== undefined && !stop) {
      exp.terms.push(exact);
      exp.weights.push(1);
      hl.exact.add(term);
    }
    // Singular and plural find each other ("olympic boycott" finds "Olympics boycott"):
    // the light, predictable half of stemming, without its surprises.
    if (!stop && term.length >= 3) {
      for (const variant of numberVariants(term)) {
        const id = this.t.vocab.get(variant);
        if (id === undefined || id === exact || exp.terms.includes(id)) continue;
        exp.terms.push(id);
        exp.weights.push(VARIANT_WEIGHT);
        hl.exact.add(variant);
      }
    }
    if (prefix && term.length === 2) {
      const pre = this.t.vocab.get(PREFIX_MARK + term);
      if (pre !== undefined) {
        exp.terms.push(pre);
        exp.weights.push(PREFIX_WEIGHT * 0.8);
      }
      if (pre !== undefined || exact !== undefined) hl.prefixes.push(term);
    } else if (prefix) {
      this.t.vocab.forEachWithPrefix(term, (t, id) => {
        if (id === exact) return;
        exp.terms.push(id);
        // Shorter completions are likelier what the user is typing.
        exp.weights.push(PREFIX_WEIGHT * Math.min(1, (term.length + 2) / t.length));
      });
      if (exp.terms.length > 0 || exact !== undefined) hl.prefixes.push(term);
    }
    // Typos: only for words long enough that one edit is unlikely to be another word, and
    // only when the word as typed is rare, so common words stay exact (and fast).
    const len = term.length;
    if (!stop && len >= 5 && this.t.df(exact ?? -1) < Math.max(5, this.t.livePassages / 2000)) {
      const maxDistance = len >= 12 ? 2 : 1;
      const seen = new Set(exp.terms);
      for (const [t, id, distance] of this.t.vocab.fuzzy(term, maxDistance)) {
        if (seen.has(id)) continue;
        exp.terms.push(id);
        exp.weights.push(FUZZY_WEIGHT / distance);
        hl.exact.add(t);
      }
    }
    return exp;
  }

  private atomFor(term: QueryTerm, hl: Highlighter, notes: string[]): Atom {
    const tokens = tokenize(term.text).filter((t) => !t.extra);
    if (tokens.length === 0) {
      notes.push(`"${term.text}" has no searchable words; it was ignored.`);
      return { kind: 'none' };
    }
    if (term.type === 'word' && tokens.length === 1) {
      const tok = tokens[0]!;
      if (tok.stop && !term.prefix) return { kind: 'none' };
      if (term.prefix && tok.term.length === 1) {
        // Every other word starts with some letter: wait for the next keystroke.
        notes.push(`"${term.text}" is matched once it has two letters.`);
        return { kind: 'none' };
      }
      const exp = this.expandWord(tok.term, term.prefix, hl);
      // A stop word being typed ("the") that completes to nothing must not empty the results.
      if (tok.stop && exp.terms.length === 0) return { kind: 'none' };
      return { kind: 'word', exp };
    }
    // A phrase, or a word the analyzer splits (`well-known`, `U.S.-China`): words in order.
    const words = tokens.map((t) => t.term);
    const required: Expansion[] = [];
    for (const t of tokens) {
      if (t.stop) continue;
      const id = this.t.vocab.get(t.term);
      required.push(id === undefined ? { terms: [], weights: [] } : { terms: [id], weights: [PHRASE_BOOST] });
    }
    hl.phrases.push(words);
    return { kind: 'phrase', words, required };
  }

  cost(atom: Atom): number {
    if (atom.kind === 'none') return Infinity;
    if (atom.kind === 'word') return atom.exp.terms.reduce((s, t) => s + this.t.df(t), 0);
    if (atom.required.length === 0) return this.t.livePassages * 4;
    return Math.min(...atom.required.map((e) => e.terms.reduce((s, t) => s + this.t.df(t), 0)));
  }
}
