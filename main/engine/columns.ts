/** Growable typed arrays: the engine keeps every per-passage column and posting in these. */

import { partitionPoint } from '../common/sorted';

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;
type Ctor<T extends TypedArray> = { new (length: number): T };

export class Grow<T extends TypedArray> {
  data: T;
  length = 0;
  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity);
  }
  static from<T extends TypedArray>(ctor: Ctor<T>, values: ArrayLike<number>): Grow<T> {
    const g = new Grow(ctor, Math.max(16, values.length));
    g.data.set(values as never);
    g.length = values.length;
    return g;
  }
  /**
   * Wraps an existing array without copying (a loaded index's columns are views on the
   * saved bytes); the first push past its length moves the data to a larger array.
   */
  static adopt<T extends TypedArray>(ctor: Ctor<T>, values: TypedArray): Grow<T> {
    const g = new Grow(ctor, 0);
    g.data = values as T;
    g.length = values.length;
    return g;
  }
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    let cap = Math.max(16, this.data.length * 2);
    while (cap < need) cap *= 2;
    const next = new this.ctor(cap);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** A copy trimmed to the used length. */
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
  clear(): void {
    this.length = 0;
  }
}

/** Index of the first element `>= target` in `a[lo..hi)`, galloping from `lo` (sorted `a`). */
export function gallop(a: Uint32Array, lo: number, hi: number, target: number): number {
  if (lo >= hi || a[lo]! >= target) return lo;
  let step = 1;
  let prev = lo;
  let cur = lo + 1;
  while (cur < hi && a[cur]! < target) {
    prev = cur;
    step *= 2;
    cur = lo + step;
  }
  return partitionPoint(prev + 1, Math.min(cur, hi), (i) => a[i]! < target);
}
