/**
 * Listing a corpus folder: every file Dictum would read, with its stamp, and what is skipped
 * with a reason. Kept apart from reading (corpusReader.ts), so the main thread lists a folder
 * without loading the readers' libraries.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import ignore from 'ignore';
import type { SkippedFile } from '../common/contract';
import { SAVED_FILE } from '../common/savedSearches';
import { formatOf } from '../extract/formatNames';
import { fileInsideFolder, unreachableReason } from './folderBoundary';

export interface CorpusFile {
  /** Relative to the corpus dir, forward slashes. */
  path: string;
  absPath: string;
  /** The corpus folder it was listed from: reading checks that the file is still inside it. */
  folder: string;
  /** Of the file and its sidecar together (sizes summed, the later of the two times). */
  size: number;
  mtimeMs: number;
  /** Inode change time: moves with every write, and with a `touch` that sets mtime back. */
  ctimeMs: number;
  /** The file's inode number: a file replaced by another (saved by rename) has a new one. */
  ino: number;
}

export interface CorpusListing {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** Files larger than this are refused without being read. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The user's files at the corpus root; they configure reading and are not documents. */
export const ALIAS_FILES = ['dictum-aliases.yaml', 'dictum-aliases.yml', 'dictum-aliases.json'];
export const TOPIC_FILES = ['dictum-topics.yaml', 'dictum-topics.yml', 'dictum-topics.json'];
export const SIDECAR_SUFFIX = '.meta.json';
/** Gitignore-style patterns of files the user keeps in the folder but out of the index. */
export const IGNORE_FILE = '.dictumignore';

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

const errorReason = unreachableReason;

/**
 * A file of the corpus folder as text, when its real path lies inside the folder; null when
 * it does not exist. Throws (with the reason) when it exists but must not or cannot be read.
 */
export async function readTextInside(folder: string, file: string): Promise<string | null> {
  const inside = await fileInsideFolder(folder, file);
  if (!inside.ok) {
    if (inside.missing) return null;
    throw new Error(inside.reason);
  }
  return readFile(inside.realPath, 'utf8');
}

/**
 * Lists the corpus recursively. Hidden entries, unsupported types, empty or oversized files,
 * unreadable entries and symlink loops are skipped with a reason; sidecars
 * (`X.meta.json`) and the option files at the root are neither listed nor reported.
 */
export async function listCorpusFiles(dir: string): Promise<CorpusListing> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const skip = (abs: string, reason: string) => skipped.push({ path: toPosix(relative(dir, abs)) || basename(abs), reason });
  let rootReal: string;
  try {
    rootReal = await realpath(dir);
    const s = await stat(rootReal);
    if (!s.isDirectory()) throw Object.assign(new Error(`not a folder: ${dir}`), { code: 'ENOTDIR' });
  } catch (e) {
    throw new Error(`corpus: cannot open ${dir}: ${errorReason(e)}`);
  }
  const visited = new Set<string>([rootReal]);
  const ignored = ignore();
  try {
    const patterns = await readTextInside(rootReal, join(dir, IGNORE_FILE));
    if (patterns !== null) ignored.add(patterns);
  } catch (e) {
    skip(join(dir, IGNORE_FILE), `cannot read: ${errorReason(e)}`);
  }

  const walk = async (absDir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(absDir);
    } catch (e) {
      skip(absDir, `cannot list folder: ${errorReason(e)}`);
      return;
    }
    names.sort();
    for (const name of names) {
      const abs = join(absDir, name);
      const rel = toPosix(relative(dir, abs));
      // Ignore files (the root's is read; others are the user's notes) are not documents to report.
      if (name === IGNORE_FILE) continue;
      // The saved searches (and the temporary file each save is written through) are Dictum's own.
      if (absDir === dir && (name === SAVED_FILE || name.startsWith(`.${SAVED_FILE}.`))) continue;
      if (name.startsWith('.')) {
        skip(abs, 'hidden');
        continue;
      }
      if (absDir === dir && (ALIAS_FILES.includes(name) || TOPIC_FILES.includes(name))) continue;
      if (name.endsWith(SIDECAR_SUFFIX)) continue;
      let info;
      try {
        const l = await lstat(abs);
        if (l.isSymbolicLink()) {
          // A link is followed only to a place inside the folder.
          const inside = await fileInsideFolder(rootReal, abs);
          if (!inside.ok) {
            skip(abs, inside.reason);
            continue;
          }
        }
        info = l.isSymbolicLink() ? await stat(abs) : l;
      } catch (e) {
        skip(abs, errorReason(e));
        continue;
      }
      // What the user ignores is left out silently: it is not a problem to report.
      if (ignored.ignores(info.isDirectory() ? `${rel}/` : rel)) continue;
      if (info.isDirectory()) {
        let real: string;
        try {
          real = await realpath(abs);
        } catch (e) {
          skip(abs, errorReason(e));
          continue;
        }
        if (visited.has(real)) {
          skip(abs, 'symlink loop (folder already visited)');
          continue;
        }
        visited.add(real);
        await walk(abs);
        continue;
      }
      if (!info.isFile()) {
        skip(abs, 'not a regular file');
        continue;
      }
      if (!formatOf(name)) {
        skip(abs, 'unsupported file type');
        continue;
      }
      if (info.size === 0) {
        skip(abs, 'empty file');
        continue;
      }
      if (info.size > MAX_FILE_BYTES) {
        skip(abs, `file too large (${(info.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`);
        continue;
      }
      // A sidecar's edits must reach the index too: its time and size count as the file's.
      let { size, mtimeMs, ctimeMs } = info;
      try {
        const sidecar = await stat(`${abs}${SIDECAR_SUFFIX}`);
        size += sidecar.size;
        mtimeMs = Math.max(mtimeMs, sidecar.mtimeMs);
        ctimeMs = Math.max(ctimeMs, sidecar.ctimeMs);
      } catch {
        // no sidecar
      }
      files.push({ path: rel, absPath: abs, folder: dir, size, mtimeMs, ctimeMs, ino: info.ino });
    }
  };
  await walk(dir);
  return { files, skipped };
}
