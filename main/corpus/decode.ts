/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy single-byte text
 * (Windows-1252 and friends, detected with chardet). Binary data is refused.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** True when the bytes look like binary data rather than text in a single-byte or UTF-8 encoding. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.1;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  if (looksBinary(body)) return { ok: false, reason: 'binary file' };
  try {
    return { ok: true, text: fatalUtf8.decode(body), encoding: 'utf-8' };
  } catch {
    // not UTF-8: a legacy single-byte encoding
  }
  const guess = chardet.detect(body) ?? 'windows-1252';
  let encoding = guess.toLowerCase();
  // ISO-8859-1 text is almost always Windows-1252 (curly quotes in 0x80–0x9F)
  if (encoding === 'iso-8859-1' || encoding === 'ascii' || encoding.startsWith('utf') || !iconv.encodingExists(encoding)) {
    encoding = 'windows-1252';
  }
  const text = iconv.decode(Buffer.from(body), encoding);
  return { ok: true, text, encoding };
}
