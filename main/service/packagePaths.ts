/**
 * Where the installed Dictum package keeps what it ships (the sample corpus, the built UI).
 * A Node-level module every entry point (CLI, server, Electron shell) takes its paths from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of the installed Dictum package: the nearest folder above this file whose
 * package.json is Dictum's. Works from the TypeScript sources, from dist/ and from an asar.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dictum') return dir;
      } catch {
        // an unreadable package.json above us is not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`dictum: cannot find the Dictum package above ${from}`);
    dir = parent;
  }
}

/** The sample corpus shipped with Dictum. */
export function bundledCorpusDir(): string {
  return join(packageRoot(), 'corpus');
}

/** The built renderer (HTML, JS, CSS) that `serve` and the desktop app load. */
export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}
