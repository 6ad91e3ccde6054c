/**
 * Matching: the sorted list of live passages that contain every group of a query plan and
 * none of its excluded words. Phrases are checked against the passage text.
 */
import { gallop } from './columns';
import { findPhrase } from './highlight';
import type { PassageTable } from './passageTable';
import type { Run } from './postings';
import type { Atom, Expansion, QueryPlan } from './queryPlan';

/** Scratch space reused by every search (sized to the passage count). */
export class Scratch {
  stamp = new Uint32Array(0);
  epoch = 0;
  best = new Float32Array(0);
  readonly runBuf: Run[] = [];

  ensure(n: number): void {
    if (this.stamp.length < n) {
      const cap = Math.max(1024, Math.ceil(n * 1.25));
      this.stamp = new Uint32Array(cap);
      this.epoch = 0;
      this.best = new Float32Array(cap);
    }
  }

  nextEpoch(): number {
    if (this.epoch >= 0xfffffff0) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

export class Matcher {
  constructor(
    private readonly t: PassageTable,
    private readonly s: Scratch,
  ) {}

  /** The passages matching a plan, ascending. */
  match(plan: QueryPlan): Uint32Array {
    const { groups, excludes } = plan;
    let base: Uint32Array | null = null;
    for (const g of groups) {
      base = this.matchGroup(g, base);
      if (base.length === 0) break;
    }
    if (base === null) base = this.allAlive();
    for (const ex of excludes) {
      if (base.length === 0) break;
      const drop = this.matchAtom(ex, base);
      if (drop.length > 0) base = differenceSorted(base, drop);
    }

    return base;
  }

  /** All live passages, as a sorted list. */
  allAlive(): Uint32Array {
    const out = new Uint32Array(this.t.livePassages);
    const alive = this.t.pAlive.data;
    let k = 0;
    for (let p = 0; p < this.t.pDoc.length; p++) if (alive[p] === 1) out[k++] = p;
    return k === out.length ? out : out.subarray(0, k);
  }

  /** Passages matching an expansion, restricted to `cand` when given (both sorted). */
  private matchExpansion(exp: Expansion, cand: Uint32Array | null): Uint32Array {
    const runs: Run[] = [];
    let total = 0;
    for (const t of exp.terms) {
      for (const r of this.t.postings.runs(t, this.s.runBuf)) {
        runs.push(r);
        total += r.to - r.from;
      }
    }
    if (runs.length === 0) return new Uint32Array(0);
    const alive = this.t.pAlive.data;
    if (cand !== null) {
      // Probe the candidates in each run when that is cheaper than scanning the runs.
      const probeCost = cand.length * runs.length * 4;
      if (probeCost < total) {
        const out = new Uint32Array(cand.length);
        let k = 0;
        const cursors = runs.map((r) => r.from);
        for (const c of cand) {
          for (let i = 0; i < runs.length; i++) {
            const r = runs[i]!;
            const pos = gallop(r.ids, cursors[i]!, r.to, c);
            cursors[i] = pos;
            if (pos < r.to && r.ids[pos] === c) {
              out[k++] = c;
              break;
            }
          }
        }
        return out.subarray(0, k);
      }
      const ep = this.s.nextEpoch();
      const stamp = this.s.stamp;
      for (const r of runs) for (let i = r.from; i < r.to; i++) stamp[r.ids[i]!] = ep;
      const out = new Uint32Array(cand.length);
      let k = 0;
      for (const c of cand) if (stamp[c] === ep) out[k++] = c;
      return out.subarray(0, k);
    }
    if (runs.length === 1) {
      const r = runs[0]!;
      const out = new Uint32Array(r.to - r.from);
      let k = 0;
      for (let i = r.from; i < r.to; i++) {
        const p = r.ids[i]!;
        if (alive[p] === 1) out[k++] = p;
      }
      return out.subarray(0, k);
    }
    // Union: mark, then collect in order over the marked range.
    const ep = this.s.nextEpoch();
    const stamp = this.s.stamp;
    let lo = Infinity;
    let hi = -1;
    for (const r of runs) {
      const ids = r.ids;
      for (let i = r.from; i < r.to; i++) stamp[ids[i]!] = ep;
      if (ids[r.from]! < lo) lo = ids[r.from]!;
      if (ids[r.to - 1]! > hi) hi = ids[r.to - 1]!;
    }
    let count = 0;
    for (let p = lo; p <= hi; p++) if (stamp[p] === ep && alive[p] === 1) count++;
    const out = new Uint32Array(count);
    let k = 0;
    for (let p = lo; p <= hi; p++) if (stamp[p] === ep && alive[p] === 1) out[k++] = p;
    return out;
  }

  matchAtom(atom: Atom, cand: Uint32Array | null): Uint32Array {
    if (atom.kind === 'none') return new Uint32Array(0);
    if (atom.kind === 'word') return this.matchExpansion(atom.exp, cand);
    let c = cand;
    const order = [...atom.required].sort(
      (a, b) => a.terms.reduce((s, t) => s + this.t.df(t), 0) - b.terms.reduce((s, t) => s + this.t.df(t), 0),
    );
    for (const e of order) {
      c = this.matchExpansion(e, c);
      if (c.length === 0) return c;
    }
    if (c === null) c = this.allAlive();
    const out = new Uint32Array(c.length);
    let k = 0;
    for (const p of c) if (findPhrase(this.t.passageText(p), atom.words).length > 0) out[k++] = p;
    return out.subarray(0, k);
  }

  private matchGroup(group: Atom[], cand: Uint32Array | null): Uint32Array {
    if (group.length === 1) return this.matchAtom(group[0]!, cand);
    const lists = group.map((a) => this.matchAtom(a, cand));
    return unionSorted(lists);
  }
}

function unionSorted(lists: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(lists.reduce((s, l) => s + l.length, 0));
  let k = 0;
  for (const l of lists) {
    all.set(l, k);
    k += l.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
  return all.subarray(0, w);
}

function differenceSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) {
      i++;
      continue;
    }
    out[k++] = x;
    i++;
  }
  return out.subarray(0, k);
}
