/**
 * The desktop app's command line. Electron's argv mixes our flags with Chromium's and the
 * runtime's (`electron main.js --corpus DIR`, a packaged `Dictum --corpus DIR`, Playwright's
 * `--remote-debugging-port=0`), so only `--corpus` is picked out and the rest left alone.
 */
import { resolve } from 'node:path';

/** The `--corpus DIR` (or `--corpus=DIR`) of a command line, resolved against `cwd`; null when absent. */
export function corpusFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    let value: string | undefined;
    if (arg === '--corpus') value = argv[i + 1];
    else if (arg.startsWith('--corpus=')) value = arg.slice('--corpus='.length);
    else continue;
    if (value === undefined || value === '' || value.startsWith('--')) return null;
    return resolve(cwd, value);
  }
  return null;
}

/** The corpus a second launch asks for, as it passed it through the single-instance lock. */
export function corpusFromInstanceData(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const corpus = (data as { corpus?: unknown }).corpus;
  return typeof corpus === 'string' && corpus.length > 0 && corpus.length < 4096 ? corpus : null;
}
