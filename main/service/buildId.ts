/**
 * Identifies the code that reads and indexes files, so that a saved index made by another
 * version of Dictum is rebuilt rather than trusted: its documents may have been extracted
 * differently, or its bytes laid out differently.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Source folders whose code shapes what a saved index holds (when running from sources). */
const SOURCE_FOLDERS = ['common', 'extract', 'engine', 'corpus', 'service'];

let cached: string | null = null;

export function currentBuildId(): string {
  cached ??= computeBuildId(__filename);
  return cached;
}

/**
 * Bundled, the running file holds all of the code: its hash is the build. From sources
 * (tests, tsx), the hash covers every non-test TypeScript file of the folders above.
 */
export function computeBuildId(runningFile: string): string {
  const hash = createHash('sha1');
  try {
    if (!runningFile.endsWith('.ts')) {
      hash.update(readFileSync(runningFile));
    } else {
      const main = dirname(dirname(runningFile));
      for (const folder of SOURCE_FOLDERS) hashFolder(hash, join(main, folder));
    }
  } catch {
    // An unreadable build cannot be told apart from the next one: never match a saved index.
    hash.update(`unknown-${Date.now()}-${Math.random()}`);
  }
  return hash.digest('hex').slice(0, 16);
}

function hashFolder(hash: ReturnType<typeof createHash>, dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    hash.update(name);
    hash.update(readFileSync(join(dir, name)));
  }
}
