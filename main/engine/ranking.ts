/**
 * Ranking: BM25 over the one-byte impacts of the postings (idf at query time), a boost by
 * passage kind and, for statements whose document title names a word searched for, a title
 * boost; and the date keys of the date orders.
 */
import type { PassageKind, SortOrder } from '../common/contract';
import { dateKey } from '../common/order';
import { gallop } from './columns';
import { highlight, type Highlighter } from './highlight';
import type { Scratch } from './matching';
import { roundScore, type RelevanceKeys } from './pageOrder';
import type { PassageTable } from './passageTable';
import type { Run } from './postings';
import type { Atom } from './queryPlan';

/** Quotes and turns are what users look for; narrative ranks a little lower. */
const KIND_BOOST: Record<PassageKind, number> = { quote: 1.25, turn: 1.1, narrative: 1 };
/** Score factor of a statement whose document's title names a word searched for. */
const TITLE_BOOST = 1.2;

export class Ranker {
  constructor(
    private readonly t: PassageTable,
    private readonly s: Scratch,
  ) {}

  private idf(term: number): number {
    const df = this.t.postings.df.data[term] ?? 0;
    const n = Math.max(1, this.t.livePassages);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 with the impacts of every expanded term, best expansion per group, summed. */
  scoreMatches(matches: Uint32Array, groups: Atom[][]): Float32Array {
    const out = new Float32Array(matches.length);
    if (matches.length === 0) return out;
    const ep = this.s.nextEpoch();
    const stamp = this.s.stamp;
    for (const p of matches) stamp[p] = ep;
    const best = this.s.best;
    const runs: Run[] = [];
    for (const group of groups) {
      for (const atom of group) {
        const exps = atom.kind === 'word' ? [atom.exp] : atom.kind === 'phrase' ? atom.required : [];
        for (const exp of exps) {
          for (let ti = 0; ti < exp.terms.length; ti++) {
            const term = exp.terms[ti]!;
            const w = exp.weights[ti]! * this.idf(term);
            this.t.postings.runs(term, this.s.runBuf);
            runs.length = 0;
            runs.push(...this.s.runBuf);
            for (const r of runs) {
              const len = r.to - r.from;
              const ids = r.ids;
              const imp = r.impacts;
              if (groups.length === 1 && group.length === 1 && exps.length === 1 && exp.terms.length === 1) {
                // One term: the matches are a subset of its run, walk both in step.
                let j = 0;
                for (let i = r.from; i < r.to && j < matches.length; i++) {
                  const p = ids[i]!;
                  while (j < matches.length && matches[j]! < p) j++;
                  if (matches[j] === p) best[p] = w * imp[i]!;
                }
              } else if (matches.length * 6 < len) {
                let cur = r.from;
                for (const p of matches) {
                  cur = gallop(ids, cur, r.to, p);
                  if (cur >= r.to) break;
                  if (ids[cur] === p) {
                    const s = w * imp[cur]!;
                    if (s > best[p]!) best[p] = s;
                  }
                }
              } else {
                for (let i = r.from; i < r.to; i++) {
                  const p = ids[i]!;
                  if (stamp[p] !== ep) continue;
                  const s = w * imp[i]!;
                  if (s > best[p]!) best[p] = s;
                }
              }
            }
          }
        }
      }
      for (let i = 0; i < matches.length; i++) {
        const p = matches[i]!;
        out[i]! += best[p]!;
        best[p] = 0;
      }
    }
    const kinds = this.t.pKind.data;
    const boost = [KIND_BOOST.quote, KIND_BOOST.turn, KIND_BOOST.narrative];
    for (let i = 0; i < matches.length; i++) out[i] = (out[i]! / 255) * boost[kinds[matches[i]!]!]!;
    return out;
  }

  /** Per match, the date key of the sort order (larger first). */
  dateKeys(matches: Uint32Array, sort: SortOrder): Float64Array {
    const dates = this.t.pDate.data;
    const min = this.t.dateMin.data;
    const key = new Float64Array(matches.length);
    for (let i = 0; i < matches.length; i++) {
      const dId = dates[matches[i]!]!;
      key[i] = dateKey(dId === 0 ? null : min[dId]!, sort);
    }
    return key;
  }

  /**
   * BM25 scores, and the final score of a match: a statement whose document's title names a
   * word searched for ranks a little higher. Titles are not in the postings (a passage
   * matches by its own words), so the boost only reorders, and a title is looked at only
   * when the page's order depends on it.
   */
  relevanceKeys(matches: Uint32Array, groups: Atom[][], hl: Highlighter): RelevanceKeys {
    const raw = this.scoreMatches(matches, groups);
    const finals = new Float64Array(matches.length).fill(NaN);
    const titleHit = new Map<number, boolean>();
    return {
      raw,
      maxBoost: TITLE_BOOST,
      final: (i) => {
        let s = finals[i]!;
        if (!Number.isNaN(s)) return s;
        const d = this.t.pDoc.data[matches[i]!]!;
        let hit = titleHit.get(d);
        if (hit === undefined) {
          hit = highlight(String(this.t.docs.meta(d, this.t).title ?? ''), hl).length > 0;
          titleHit.set(d, hit);
        }
        s = roundScore(hit ? raw[i]! * TITLE_BOOST : raw[i]!);
        finals[i] = s;
        return s;
      },
    };
  }
}
