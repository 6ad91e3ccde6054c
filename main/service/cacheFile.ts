/**
 * The saved index of one shard: where it lives, and how it is written and read back.
 *
 * A file holds a JSON header (format, corpus, shard, manifest of every file with its size,
 * mtime and content hash, and a checksum of the index) followed by the engine's serialized
 * index. Anything that does not check out is refused with a reason, so the caller rebuilds
 * instead of trusting a damaged or outdated file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileStamp } from './fileStamp';

/** Bumped whenever the layout of the file or the meaning of its header changes. */
export const CACHE_FORMAT = 2;

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
  indexSha1: string;
  savedAt: string;
  manifest: Array<[string, ManifestEntry]>;
}

export interface CacheIdentity {
  corpusDir: string;
  shardIndex: number;
  shardCount: number;
  buildId: string;
}

export type CacheReadResult =
  { ok: true; header: CacheHeader; index: Uint8Array } | { ok: false; reason: string };

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

export function encodeCache(
  header: Omit<CacheHeader, 'indexBytes' | 'indexSha1'>,
  index: Uint8Array,
): Buffer {
  const full: CacheHeader = {
    ...header,
    indexBytes: index.byteLength,
    indexSha1: createHash('sha1').update(index).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  return Buffer.concat([MAGIC, length, json, index]);
}

export function decodeCache(bytes: Uint8Array, expected: CacheIdentity): CacheReadResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  if (!Array.isArray(header.manifest) || typeof header.optionsKey !== 'string') {
    return { ok: false, reason: 'incomplete header' };
  }
  const index = buf.subarray(HEADER_AT + headerLength);
  if (index.length !== header.indexBytes) return { ok: false, reason: 'truncated index' };
  if (createHash('sha1').update(index).digest('hex') !== header.indexSha1) {
    return { ok: false, reason: 'checksum mismatch' };
  }
  return { ok: true, header, index: new Uint8Array(index.buffer, index.byteOffset, index.byteLength) };
}

export async function readCacheFile(file: string, expected: CacheIdentity): Promise<CacheReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' ? 'no saved index' : `cannot read: ${code ?? String(error)}`,
    };
  }
  return decodeCache(bytes, expected);
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
 * Removes saved indexes of the same corpus written in an older format. Files of another
 * shard layout are left alone: another process (the CLI beside the app) may use them.
 */
export async function removeStaleCacheFiles(cacheDir: string, corpusDir: string): Promise<void> {
  const key = corpusKey(corpusDir);
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return;
  }
  const current = `index-v${CACHE_FORMAT}-`;
  await Promise.all(
    names
      .filter((name) => name.startsWith('index-v') && name.includes(`-${key}-`) && !name.startsWith(current))
      .map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)),
  );
}
