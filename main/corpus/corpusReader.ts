/**
 * Reading a corpus folder from disk: the user's alias and taxonomy files at the root, and
 * each file's documents. Extraction itself is pure and lives in main/extract; listing the
 * folder is in listing.ts (re-exported here).
 */
import { open, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ExtractedDocument, SkippedFile } from '../common/contract';
import {
  buildRawDocuments,
  defaultExtractOptions,
  extractDocuments,
  formatOf,
  isBinaryFormat,
  mergeTaxonomy,
  type ExtractOptions,
  type ExtractResult,
  type Sidecar,
} from '../extract/extractDocuments';
import { hashBytes, hashString } from '../extract/hash';
import { DEFAULT_TAXONOMY } from '../extract/topics';
import { readTopicsConfig } from '../extract/topicsConfig';
import { decodeBytes } from './decode';
import { fileInsideFolder, unreachableReason } from './folderBoundary';
import {
  ALIAS_FILES,
  MAX_FILE_BYTES,
  readTextInside,
  SIDECAR_SUFFIX,
  TOPIC_FILES,
  type CorpusFile,
} from './listing';
import { FormatReadError, newBudget, type ReadBudget } from './formats/budget';
import { readBinary } from './formats/readBinary';
import { memoryAvailable, memoryShortfall } from './memoryBudget';

export {
  ALIAS_FILES,
  IGNORE_FILE,
  listCorpusFiles,
  MAX_FILE_BYTES,
  TOPIC_FILES,
  type CorpusFile,
  type CorpusListing,
} from './listing';

/** The corpus options: the user's aliases and taxonomy (see loadCorpusOptions). */
export type CorpusOptions = ExtractOptions;

export type FileExtraction =
  | { ok: true; documents: ExtractedDocument[]; hash: string /* content hash of the bytes */; warnings?: string[] }
  | { ok: false; reason: string };

const errorReason = unreachableReason;

function nullWhenMissing(e: unknown): null {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return null;
  throw e;
}

function parseConfig(name: string, text: string): unknown {
  return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

/**
 * Reads `dictum-aliases.yaml` (canonical name → list of aliases) and `dictum-topics.yaml`
 * (`replace: true|false` and `topics:` slug → keywords, or a plain slug → keywords mapping)
 * at the corpus root. A broken file is reported as skipped and the defaults are used.
 */
export async function loadCorpusOptions(dir: string): Promise<{ options: CorpusOptions; skipped: SkippedFile[] }> {
  const options = defaultExtractOptions();
  const skipped: SkippedFile[] = [];
  await applyConfigFile(dir, ALIAS_FILES, 'aliases', 'canonical name → list of aliases', skipped, (value) => {
    const aliases: Record<string, string[]> = {};
    for (const [canonical, list] of Object.entries(value)) {
      const items = Array.isArray(list) ? list : typeof list === 'string' ? [list] : [];
      aliases[canonical] = items.filter((x): x is string => typeof x === 'string' && x.trim().length > 0);
    }
    options.aliases = aliases;
  });
  await applyConfigFile(dir, TOPIC_FILES, 'topics', 'topic → list of keywords', skipped, (value) => {
    const { taxonomy, replace } = readTopicsConfig(value);
    options.taxonomy = mergeTaxonomy(DEFAULT_TAXONOMY, taxonomy, replace);
  });
  return { options, skipped };
}

/**
 * Hands the first of `names` at the corpus root that exists and is not empty to `apply`, as a
 * mapping. A file that cannot be parsed or applied is reported as skipped, and the defaults stay.
 */
async function applyConfigFile(
  dir: string,
  names: string[],
  what: string,
  expected: string,
  skipped: SkippedFile[],
  apply: (value: Record<string, unknown>) => void,
): Promise<void> {
  for (const name of names) {
    let text: string | null;
    try {
      text = await readTextInside(dir, join(dir, name));
    } catch (e) {
      skipped.push({ path: name, reason: `cannot read the ${what} file: ${errorReason(e)}` });
      return;
    }
    if (text === null) continue;
    try {
      const value = parseConfig(name, text);
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`expected a mapping: ${expected}`);
      apply(value as Record<string, unknown>);
    } catch (e) {
      skipped.push({ path: name, reason: `invalid ${what} file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    }
    return;
  }
}

/** The sidecar's text, null when there is none; with a `folder`, only from inside it. */
async function readSidecarText(
  absPath: string,
  folder: string | null,
): Promise<{ text: string | null; error: string | null }> {
  const file = absPath + SIDECAR_SUFFIX;
  try {
    const text = folder === null ? await readFile(file, 'utf8').catch(nullWhenMissing) : await readTextInside(folder, file);
    return { text, error: null };
  } catch (e) {
    return { text: null, error: `sidecar ${basename(file)}: ${errorReason(e)}` };
  }
}

function parseSidecar(absPath: string, text: string | null): { sidecar: Sidecar | null; error: string | null } {
  if (text === null) return { sidecar: null, error: null };
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { sidecar: null, error: 'sidecar is not a JSON object' };
    return { sidecar: v as Sidecar, error: null };
  } catch (e) {
    return { sidecar: null, error: `invalid sidecar ${basename(absPath)}${SIDECAR_SUFFIX}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The identity of what a file says: its bytes and, when there is one, its sidecar's text. */
function contentHash(bytes: Uint8Array, sidecarText: string | null): string {
  return sidecarText === null ? hashBytes(bytes) : `${hashBytes(bytes)}+${hashString(sidecarText)}`;
}

/**
 * The content hash `readCorpusFile` would give, without extracting anything (a change check
 * far cheaper than a read); null when the file cannot be read.
 */
export async function contentHashOf(file: CorpusFile): Promise<string | null> {
  const inside = await fileInsideFolder(file.folder, file.absPath);
  if (!inside.ok) return null;
  const read = await readBytes(inside.realPath);
  if (!read.ok) return null;
  return contentHash(read.bytes, (await readSidecarText(file.absPath, file.folder)).text);
}

/**
 * Reads the bytes of a file, refusing (without reading) files over the size limit and files
 * too large for the memory left (`memory`: bytes reading may take; unbounded when omitted).
 */
async function readBytes(
  absPath: string,
  memory = Infinity,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  let handle;
  try {
    handle = await open(absPath, 'r');
  } catch (e) {
    return { ok: false, reason: errorReason(e) };
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) return { ok: false, reason: 'not a regular file' };
    if (s.size > MAX_FILE_BYTES) {
      return { ok: false, reason: `file too large (${(s.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
    }
    const shortfall = memoryShortfall(s.size, memory);
    if (shortfall !== null) return { ok: false, reason: shortfall };
    return { ok: true, bytes: await handle.readFile() };
  } catch (e) {
    return { ok: false, reason: errorReason(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads and extracts a file; with a `folder`, the file and its sidecar must lie inside it. */
async function extractFile(
  absPath: string,
  relPath: string,
  mtimeMs: number,
  options: CorpusOptions,
  folder: string | null,
  memory: number,
  onOcrPage?: ReadBudget['onOcrPage'],
): Promise<FileExtraction> {
  try {
    let bytesPath = absPath;
    if (folder !== null) {
      const inside = await fileInsideFolder(folder, absPath);
      if (!inside.ok) return { ok: false, reason: inside.reason };
      bytesPath = inside.realPath;
    }
    const sidecarRead = await readSidecarText(absPath, folder);
    const sidecarText = sidecarRead.text;
    const parsed = parseSidecar(absPath, sidecarText);
    const sidecar = parsed.sidecar;
    const error = sidecarRead.error ?? parsed.error;
    const content = await readContent(bytesPath, relPath, sidecarText, memory);
    if (!content.ok) return content;
    const result = await extractContent(content.content, relPath, mtimeMs, sidecar, options, onOcrPage);
    if (!result.ok) return result;
    const warnings = error ? [error, ...result.warnings] : result.warnings;
    return { ok: true, documents: result.documents, hash: content.hash, ...(warnings.length > 0 ? { warnings } : {}) };
  } catch (e) {
    return { ok: false, reason: `unexpected error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * What a file holds for its reader, and its content hash: the bytes of a binary format, the
 * decoded text of the others. The bytes of a text file are let go once decoded, so that they
 * do not stay in memory while the text is read.
 */
async function readContent(
  bytesPath: string,
  relPath: string,
  sidecarText: string | null,
  memory: number,
): Promise<{ ok: true; content: Uint8Array | string; hash: string } | { ok: false; reason: string }> {
  const read = await readBytes(bytesPath, memory);
  if (!read.ok) return read;
  if (read.bytes.length === 0) return { ok: false, reason: 'empty file' };
  // The sidecar is part of what the file says, so it is part of the content's identity.
  const hash = contentHash(read.bytes, sidecarText);
  const format = formatOf(relPath);
  if (format && isBinaryFormat(format)) return { ok: true, content: read.bytes, hash };
  const decoded = decodeBytes(read.bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  return { ok: true, content: decoded.text, hash };
}

/** The documents of a file's content: binary formats by their reader, text by extraction. */
async function extractContent(
  content: Uint8Array | string,
  relPath: string,
  mtimeMs: number,
  sidecar: Sidecar | null,
  options: CorpusOptions,
  onOcrPage?: ReadBudget['onOcrPage'],
): Promise<ExtractResult> {
  if (typeof content === 'string') return extractDocuments({ path: relPath, text: content, mtimeMs, sidecar }, options);
  const format = formatOf(relPath);
  if (!format || !isBinaryFormat(format)) return { ok: false, reason: 'corpus: bytes given for a text format' };
  try {
    const read = await readBinary(format, relPath, content, mtimeMs, newBudget(onOcrPage ? { onOcrPage } : {}));
    return buildRawDocuments(read.raws, sidecar, options, read.warnings);
  } catch (e) {
    if (e instanceof FormatReadError) return { ok: false, reason: `${format}: ${e.message}` };
    throw e;
  }
}

/**
 * Reads one listed file into its documents. Never throws. A file that needs more memory than
 * `memory` bytes (by default what the process has left) is skipped with that reason;
 * `onOcrPage` hears of each scanned page read by OCR.
 */
export function readCorpusFile(
  file: CorpusFile,
  options: CorpusOptions,
  memory: number = memoryAvailable(),
  onOcrPage?: ReadBudget['onOcrPage'],
): Promise<FileExtraction> {
  return extractFile(file.absPath, file.path, file.mtimeMs, options, file.folder, memory, onOcrPage);
}

/** `dictum extract FILE`: a file outside any corpus, with default options; its path is its name. */
export async function extractSingleFile(absPath: string): Promise<FileExtraction> {
  let mtimeMs = 0;
  try {
    const s = await stat(absPath);
    if (s.isDirectory()) return { ok: false, reason: 'is a folder' };
    mtimeMs = s.mtimeMs;
  } catch (e) {
    return { ok: false, reason: errorReason(e) };
  }
  if (!formatOf(absPath)) return { ok: false, reason: 'unsupported file type' };
  return extractFile(absPath, basename(absPath), mtimeMs, defaultExtractOptions(), null, memoryAvailable());
}
