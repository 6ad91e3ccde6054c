/**
 * Small, dependency-free hashing for ids and content hashes. Pure (no Node crypto) so that
 * extraction runs anywhere; FNV-1a over UTF-16 code units in two 32-bit lanes gives 64 bits,
 * plenty to keep ids of one corpus apart.
 */
export function hashString(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The hash of the concatenation of `parts`, taken part by part (a long text is never joined).
 * Its own kind of hash: it differs from hashString of the same text.
 */
export function hashParts(parts: Iterable<string>): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Hash of raw bytes, for change detection of files. */
export function hashBytes(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A document id: short, stable for the same relative path (and record), and made only of
 * `[a-z0-9-]`, so it can never be taken as a file path.
 */
export function documentId(relativePath: string, record?: number): string {
  const base = 'd' + hashString(relativePath.normalize('NFC'));
  return record === undefined ? base : `${base}-${record}`;
}
