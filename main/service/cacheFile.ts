/**
 * The saved index of one shard: where it lives, and how it is written and read back.
 *
 * A file holds a JSON header (format, corpus, shard, manifest of every file with its size,
 * mtime and content hash, and checksums of the index) followed by the engine's serialized
 * index: its head (vocabulary, postings, columns) and then the documents. A start reads and
 * checks the head only; the documents stay on disk, read when a hit or a document needs them,
 * and their checksum is checked after the first answers (`LazyDocuments.verify`). Anything
 * that does not check out is refused with a reason, so the caller rebuilds instead of trusting
 * a damaged or outdated file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileStamp } from './fileStamp';

/** Bumped whenever the layout of the file or the meaning of its header changes. */
export const CACHE_FORMAT = 3;

const MAGIC = Buffer.from('DICTUMIX', 'latin1');
const HEADER_AT = MAGIC.length + 4;

/** What is known about one corpus file at the time it was indexed (see fileStamp.ts). */
export interface ManifestEntry extends FileStamp {
  /** When its content was last read or hashed (wall clock, ms, taken before reading). */
  checkedAt: number;
  /** The reader's content hash (also of a file that gave no documents); null when its bytes could not be read. */
  hash: string | null;
  /** Why the file is not in the index, when it could not be read. */
  skipped?: string;
  /** What of the file was left out, when it was indexed only in part (listed with the skipped files). */
  partly?: string;
  /** Statements per speaker name as reading gave them, for the corpus names pass. */
  speakers?: Array<[string, number]>;
  /** Documents of the file naming each person in full (DocumentMeta.people), for the same pass. */
  people?: Array<[string, number]>;
}

export interface CacheHeader {
  format: number;
  corpusDir: string;
  shardIndex: number;
  shardCount: number;
  /** Identifies the code that built the index: a new build means a rebuild. */
  buildId: string;
  /** Identifies the corpus options the files were read with. */
  optionsKey: string;
  indexBytes: number;
  /** How many bytes of the index come before its documents (all of them when it has none). */
  headBytes: number;
  headSha1: string;
  /** Of the index's bytes after its head. */
  documentsSha1: string;
  savedAt: string;
  manifest: Array<[string, ManifestEntry]>;
  /** The corpus names pass the documents were indexed with (name as read → merged name). */
  nameMerges?: Array<[string, string]>;
}

export interface CacheIdentity {
  corpusDir: string;
  shardIndex: number;
  shardCount: number;
  buildId: string;
}

/** The documents of a saved index, left in its file and read on demand. */
export interface LazyDocuments {
  /** Bytes of the index at `offset` (counted from the index's start), read from the file. */
  read(offset: number, length: number): Uint8Array;
  /** Whether the documents' bytes match their checksum (read in pieces, between other work). */
  verify(): Promise<boolean>;
  close(): void;
}

export type CacheReadResult =
  | {
      ok: true;
      header: CacheHeader;
      /** The whole index, or its head when `documents` reads the rest. */
      index: Uint8Array;
      documents?: LazyDocuments;
    }
  | { ok: false; reason: string };

/**
 * Where saved indexes live: `DICTUM_CACHE_DIR` if set, else the platform's cache folder
 * (`$XDG_CACHE_HOME/dictum` or `~/.cache/dictum`, `~/Library/Caches/Dictum`,
 * `%LOCALAPPDATA%\Dictum\Cache`).
 */
export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env.DICTUM_CACHE_DIR;
  if (override) return override;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Dictum');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Dictum', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'dictum');
}

/** The corpus folder's key: its absolute path, hashed, so any folder name is a safe file name. */
export function corpusKey(corpusDir: string): string {
  return createHash('sha256').update(corpusDir).digest('hex').slice(0, 20);
}

export function cacheFilePath(
  cacheDir: string,
  corpusDir: string,
  shardIndex: number,
  shardCount: number,
): string {
  return join(
    cacheDir,
    `index-v${CACHE_FORMAT}-${corpusKey(corpusDir)}-${shardIndex + 1}of${shardCount}.bin`,
  );
}

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

/** `headBytes`: how much of `index` a start needs before any document (the engine says). */
export function encodeCache(
  header: Omit<CacheHeader, 'indexBytes' | 'headBytes' | 'headSha1' | 'documentsSha1'>,
  index: Uint8Array,
  headBytes = index.byteLength,
): Buffer {
  const full: CacheHeader = {
    ...header,
    indexBytes: index.byteLength,
    headBytes,
    headSha1: sha1(index.subarray(0, headBytes)),
    documentsSha1: sha1(index.subarray(headBytes)),
  };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  return Buffer.concat([MAGIC, length, json, index]);
}

type HeaderResult = { ok: true; header: CacheHeader; indexAt: number } | { ok: false; reason: string };

/** The header of a saved index from the file's first bytes (as many as `indexAt` says). */
function decodeHeader(buf: Buffer, expected: CacheIdentity): HeaderResult {
  if (buf.length < HEADER_AT || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'not a Dictum index file' };
  }
  const headerLength = buf.readUInt32LE(MAGIC.length);
  if (HEADER_AT + headerLength > buf.length) return { ok: false, reason: 'truncated header' };
  let header: CacheHeader;
  try {
    header = JSON.parse(buf.subarray(HEADER_AT, HEADER_AT + headerLength).toString('utf8')) as CacheHeader;
  } catch {
    return { ok: false, reason: 'unreadable header' };
  }
  if (typeof header !== 'object' || header === null) return { ok: false, reason: 'unreadable header' };
  if (header.format !== CACHE_FORMAT)
    return { ok: false, reason: `format ${String(header.format)} is not ${CACHE_FORMAT}` };
  if (header.corpusDir !== expected.corpusDir) return { ok: false, reason: 'saved for another folder' };
  if (header.shardIndex !== expected.shardIndex || header.shardCount !== expected.shardCount) {
    return { ok: false, reason: 'saved for another shard layout' };
  }
  if (header.buildId !== expected.buildId) return { ok: false, reason: 'saved by another version of Dictum' };
  if (
    !Array.isArray(header.manifest) ||
    typeof header.optionsKey !== 'string' ||
    !Number.isSafeInteger(header.indexBytes) ||
    !Number.isSafeInteger(header.headBytes) ||
    header.headBytes < 0 ||
    header.headBytes > header.indexBytes
  ) {
    return { ok: false, reason: 'incomplete header' };
  }
  return { ok: true, header, indexAt: HEADER_AT + headerLength };
}

/** Reads and checks a whole saved index held in memory. */
export function decodeCache(bytes: Uint8Array, expected: CacheIdentity): CacheReadResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = decodeHeader(buf, expected);
  if (!decoded.ok) return decoded;
  const { header, indexAt } = decoded;
  const index = buf.subarray(indexAt);
  if (index.length !== header.indexBytes) return { ok: false, reason: 'truncated index' };
  if (
    sha1(index.subarray(0, header.headBytes)) !== header.headSha1 ||
    sha1(index.subarray(header.headBytes)) !== header.documentsSha1
  ) {
    return { ok: false, reason: 'checksum mismatch' };
  }
  return { ok: true, header, index: new Uint8Array(index.buffer, index.byteOffset, index.byteLength) };
}

/**
 * Reads a saved index. With `lazyDocuments`, only the header and the index's head are read
 * and checked; the documents are read from the file when needed (the file stays open until
 * `documents.close()`), and checked by `documents.verify()`.
 */
export async function readCacheFile(
  file: string,
  expected: CacheIdentity,
  lazyDocuments = false,
): Promise<CacheReadResult> {
  if (!lazyDocuments) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      return { ok: false, reason: unreadable(error) };
    }
    return decodeCache(bytes, expected);
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  }
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const start = readAt(fd, 0, Math.min(size, HEADER_AT));
    const headerEnd = start.length < HEADER_AT ? start.length : HEADER_AT + start.readUInt32LE(MAGIC.length);
    const decoded = decodeHeader(readAt(fd, 0, Math.min(size, headerEnd)), expected);
    if (!decoded.ok) return decoded;
    const { header, indexAt } = decoded;
    if (size - indexAt !== header.indexBytes) return { ok: false, reason: 'truncated index' };
    const head = readAt(fd, indexAt, header.headBytes);
    if (sha1(head) !== header.headSha1) return { ok: false, reason: 'checksum mismatch' };
    keepOpen = true;
    return {
      ok: true,
      header,
      index: new Uint8Array(head.buffer, head.byteOffset, head.length),
      documents: lazy(fd, indexAt, header),
    };
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no saved index' : `cannot read: ${code ?? String(error)}`;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new Error('service: saved index ended early');
    done += n;
  }
  return out;
}

/** Pieces in which the documents are hashed, so that searches get their turn in between. */
const VERIFY_PIECE = 4 * 1024 * 1024;

function lazy(fd: number, indexAt: number, header: CacheHeader): LazyDocuments {
  let open = true;
  return {
    read: (offset, length) => {
      if (!open) throw new Error('service: the saved index was closed');
      if (offset < 0 || offset + length > header.indexBytes)
        throw new Error('service: read past the saved index');
      return readAt(fd, indexAt + offset, length);
    },
    verify: async () => {
      const hash = createHash('sha1');
      for (let at = header.headBytes; at < header.indexBytes; at += VERIFY_PIECE) {
        if (!open) return false;
        hash.update(readAt(fd, indexAt + at, Math.min(VERIFY_PIECE, header.indexBytes - at)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return hash.digest('hex') === header.documentsSha1;
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/**
 * Writes `bytes` to `file` so that a reader sees either the old file or the whole new one:
 * a temporary file beside it, flushed, then renamed over it.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes saved indexes of the same corpus written in an older format; says how many there
 * were. Files of another shard layout are left alone: another process (the CLI beside the
 * app) may use them.
 */
export async function removeStaleCacheFiles(cacheDir: string, corpusDir: string): Promise<number> {
  const key = corpusKey(corpusDir);
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return 0;
  }
  const current = `index-v${CACHE_FORMAT}-`;
  const stale = names.filter(
    (name) => name.startsWith('index-v') && name.includes(`-${key}-`) && !name.startsWith(current),
  );
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)));
  return stale.length;
}
