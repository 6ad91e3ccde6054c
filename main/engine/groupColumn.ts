/**
 * Quote groups as the engine sees them: each grouped passage's mark (its group, how many
 * documents report it, its place in the group), given by the caller, since groups span every
 * shard (the service forms them; see quoteGroups.ts). A table by passage slot is built when a
 * search first needs it and dropped when passages or marks change.
 */
import type { GroupMark } from './quoteGroups';
import type { PassageTable } from './passageTable';

/** What a search asks of groups: only one group, only groups this widely reported, one row each. */
export interface GroupRequest {
  group?: string;
  minSources?: number;
  collapse?: 'group';
}

/** Per group, the smallest place among the matching passages: the one row a collapsed search keeps. */
export type GroupMinima = Record<string, number>;

export class GroupColumn {
  private readonly marks = new Map<string, GroupMark>();
  private table: Int32Array | null = null;
  private list: GroupMark[] = [];

  /** Sets or clears the marks of these passages. */
  apply(changes: ReadonlyArray<readonly [string, GroupMark | null]>): void {
    for (const [id, mark] of changes) {
      if (mark) this.marks.set(id, mark);
      else this.marks.delete(id);
    }
    this.table = null;
  }

  /** Passages were added or removed: slots must be looked up again. */
  invalidate(): void {
    this.table = null;
  }

  markOf(passageId: string): GroupMark | undefined {
    return this.marks.get(passageId);
  }

  /** Keeps the matches a request's group filters allow (in place; `base` is a fresh copy). */
  narrow(t: PassageTable, base: Uint32Array, request: GroupRequest): Uint32Array {
    const group = typeof request.group === 'string' && request.group !== '' ? request.group : null;
    const min = typeof request.minSources === 'number' ? request.minSources : 1;
    if (group === null && min <= 1) return base;
    const table = this.tableOf(t);
    let k = 0;
    for (let i = 0; i < base.length; i++) {
      const p = base[i]!;
      const mark = table[p]! >= 0 ? this.list[table[p]!]! : null;
      if (group !== null && mark?.group !== group) continue;
      if ((mark?.sources ?? 1) < min) continue;
      base[k++] = p;
    }
    return base.subarray(0, k);
  }

  /** For each group with matches, the smallest place among them. */
  minima(t: PassageTable, matches: Uint32Array): GroupMinima {
    const table = this.tableOf(t);
    const out: GroupMinima = {};
    for (let i = 0; i < matches.length; i++) {
      const at = table[matches[i]!]!;
      if (at < 0) continue;
      const mark = this.list[at]!;
      const known = out[mark.group];
      if (known === undefined || mark.ordinal < known) out[mark.group] = mark.ordinal;
    }
    return out;
  }

  /**
   * One row per group: of a group's matching passages, only the one with the smallest place
   * stays (across shards, `minima` from every shard says which; without, this index's own).
   */
  collapse(t: PassageTable, matches: Uint32Array, minima: GroupMinima | null): Uint32Array {
    const table = this.tableOf(t);
    const keep = minima ?? this.minima(t, matches);
    const out = new Uint32Array(matches.length);
    let k = 0;
    for (let i = 0; i < matches.length; i++) {
      const p = matches[i]!;
      const at = table[p]!;
      if (at >= 0) {
        const mark = this.list[at]!;
        if (keep[mark.group] !== mark.ordinal) continue;
      }
      out[k++] = p;
    }
    return out.subarray(0, k);
  }

  private tableOf(t: PassageTable): Int32Array {
    if (this.table && this.table.length === t.pDoc.length) return this.table;
    const table = new Int32Array(t.pDoc.length).fill(-1);
    const list: GroupMark[] = [];
    if (this.marks.size > 0) {
      for (let d = 0; d < t.docFirst.length; d++) {
        if (!t.docs.has(d)) continue;
        const first = t.docFirst.data[d]!;
        const n = t.docPassages.data[d]!;
        for (let w = 0; w < n; w++) {
          if (t.pAlive.data[first + w] !== 1) continue;
          const mark = this.marks.get(t.docs.passageId(d, w, t));
          if (!mark) continue;
          table[first + w] = list.length;
          list.push(mark);
        }
      }
    }
    this.table = table;
    this.list = list;
    return table;
  }
}
