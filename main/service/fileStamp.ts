/**
 * When a saved index may trust what it knows about a file without reading it again.
 *
 * A file is taken as unchanged when its size, mtime, inode change time (ctime) and inode number
 * are all as recorded. mtime alone is not enough: an editor, `cp -p` or `touch -r` can put it
 * back, but any write or `utimes` moves ctime to the present, and no user tool sets it back;
 * a file saved by writing a new one and renaming it over the old has a new inode too.
 *
 * Timestamps are coarse, though: Linux stamps files from a clock that ticks every few
 * milliseconds, FAT keeps mtime to 2 s, and other filesystems to 1 s. A write that lands in
 * the same tick as the stamp recorded before the file was read leaves every stamp as it was.
 * So, as git does with "racily clean" entries, a file whose stamps were not clearly older
 * than the moment its content was read is checked by its content hash (reading its bytes, not
 * extracting them) until a check happens long enough after its last change.
 */
import type { CorpusFile } from '../corpus/corpusReader';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * How long after a file's last stamp a write can still leave the stamp as it was: the coarsest
 * common granularity (FAT's 2 s) with a margin for clocks read at slightly different moments.
 */
export const RACY_WINDOW_MS = 3_000;

export function stampOf(file: CorpusFile): FileStamp {
  return { size: file.size, mtimeMs: file.mtimeMs, ctimeMs: file.ctimeMs, ino: file.ino };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether equal stamps still leave room for a change: the content was read (at `checkedAt`,
 * wall clock, taken before reading) so soon after the last stamped change that a later write
 * could have fallen into the same tick.
 */
export function stampMayHideChange(stamp: FileStamp, checkedAt: number): boolean {
  return checkedAt - Math.max(stamp.mtimeMs, stamp.ctimeMs) < RACY_WINDOW_MS;
}
