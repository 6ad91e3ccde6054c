/**
 * Finds the index worker's entry file, bundled or from sources.
 *
 * Bundled, this module lives inside `dist/cli.js` or `dist/electron/main.js` (and so on),
 * and the worker is `dist/indexWorker.js`: beside it, or one folder up. From sources (tests,
 * tsx) this file ends in `.ts`, and the worker is `indexWorker.ts` beside it, started with
 * tsx's CommonJS hook: on Node 20 `--import tsx` in a worker's execArgv does not apply to
 * the worker's own entry file, `--require tsx/cjs` does.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
}

const BUNDLED_NAME = 'indexWorker.js';

export function resolveWorkerEntry(fromFile: string = __filename): WorkerEntry {
  const here = dirname(fromFile);
  if (fromFile.endsWith('.ts')) {
    return { file: join(here, 'indexWorker.ts'), execArgv: ['--require', resolveTsxHook()] };
  }
  const candidates = [join(here, BUNDLED_NAME), join(dirname(here), BUNDLED_NAME)];
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new Error(
      `service: cannot find the index worker (${BUNDLED_NAME}); looked in ${candidates.join(' and ')}`,
    );
  }
  return { file: found, execArgv: [] };
}

function resolveTsxHook(): string {
  try {
    return require.resolve('tsx/cjs');
  } catch {
    // Let the worker resolve it from the working folder, as `--require` does.
    return 'tsx/cjs';
  }
}
