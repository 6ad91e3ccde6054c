/**
 * The folder is the boundary: Dictum reads, serves and opens a file only when its real path
 * (every symlink resolved) lies inside the real path of the folder it belongs to. Comparing
 * path strings is not enough, since a link inside the folder may point anywhere. Every
 * reader, route and IPC call that touches a file goes through `fileInsideFolder`.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type InsideFolder =
  | { ok: true; realPath: string }
  /** `missing`: nothing is there (or a broken link), as opposed to something refused. */
  | { ok: false; reason: string; missing?: boolean };

/** Whether `realChild` lies strictly inside `realFolder` (both already resolved). */
export function pathIsInside(realFolder: string, realChild: string): boolean {
  const rel = relative(realFolder, realChild);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Why a path cannot be resolved, in plain words. */
export function unreachableReason(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case 'ELOOP':
      return 'symlink loop';
    case 'ENOENT':
      return 'file not found (removed, or a broken link)';
    case 'ENOTDIR':
      return 'file not found (a part of its path is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'no read permission';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The real path of `target` (absolute) when it lies inside `folder`, else why not. A link
 * inside the folder to a file inside it is fine; a link out of it, or a loop, is refused.
 */
export async function fileInsideFolder(folder: string, target: string): Promise<InsideFolder> {
  let realFolder: string;
  let realPath: string;
  try {
    realFolder = await realpath(folder);
  } catch (error) {
    return { ok: false, reason: `cannot open the folder: ${unreachableReason(error)}` };
  }
  try {
    realPath = await realpath(target);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: unreachableReason(error), missing: code === 'ENOENT' || code === 'ENOTDIR' };
  }
  if (realPath === realFolder || pathIsInside(realPath, realFolder)) {
    return { ok: false, reason: 'symlink loop (a link to the corpus folder or a folder above it)' };
  }
  if (!pathIsInside(realFolder, realPath)) {
    return { ok: false, reason: 'a link to a file outside the corpus folder (not read)' };
  }
  return { ok: true, realPath };
}

/**
 * A document's file from its folder and its path relative to it (forward slashes, as the
 * service reports it), when that is a regular file whose real path lies inside the folder.
 * Callers name documents by id and take the relative path from the index, never from a client.
 */
export async function corpusFileOf(folder: string, relativePath: string): Promise<InsideFolder> {
  if (relativePath === '' || isAbsolute(relativePath) || relativePath.includes('\0')) {
    return { ok: false, reason: 'the document has no file in the corpus' };
  }
  const base = resolve(folder);
  const file = resolve(base, ...relativePath.split('/'));
  if (!pathIsInside(base, file)) return { ok: false, reason: 'the document lies outside the corpus' };
  const inside = await fileInsideFolder(base, file);
  if (!inside.ok) return inside;
  const info = await stat(inside.realPath).catch(() => null);
  if (!info?.isFile()) return { ok: false, reason: `${relativePath} is no longer in the corpus` };
  return inside;
}
