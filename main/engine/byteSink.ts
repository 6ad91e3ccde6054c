/** A growable byte buffer that appends strings as UTF-8 without a call per short string. */
const encoder = new TextEncoder();

export class ByteSink {
  buf: Uint8Array;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(1 << 16, capacity));
  }
  length = 0;
  ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  /** Appends a string as UTF-8; returns [offset, byteLength]. */
  str(s: string): [number, number] {
    this.ensure(s.length * 3);
    const off = this.length;
    if (s.length > 64) {
      // encodeInto pays a fixed cost per call: worth it for long strings only.
      const { written } = encoder.encodeInto(s, this.buf.subarray(off));
      this.length += written;
      return [off, written];
    }
    const buf = this.buf;
    let n = off;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) buf[n++] = c;
      else if (c < 0x800) {
        buf[n++] = 0xc0 | (c >> 6);
        buf[n++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
          const lo = s.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            i++;
            buf[n++] = 0xf0 | (c >> 18);
            buf[n++] = 0x80 | ((c >> 12) & 63);
            buf[n++] = 0x80 | ((c >> 6) & 63);
            buf[n++] = 0x80 | (c & 63);
            continue;
          }
        }
        // Lone surrogates become U+FFFD, as TextEncoder does.
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        buf[n++] = 0xe0 | (c >> 12);
        buf[n++] = 0x80 | ((c >> 6) & 63);
        buf[n++] = 0x80 | (c & 63);
      }
    }
    this.length = n;
    return [off, n - off];
  }
  /** Appends raw bytes; returns their offset. */
  bytes(b: Uint8Array): number {
    this.ensure(b.length);
    const off = this.length;
    this.buf.set(b, off);
    this.length += b.length;
    return off;
  }
}

/** UTF-8 byte length of `s[from..to)`. */
export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
