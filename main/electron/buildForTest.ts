/**
 * Builds the Electron main process, the preload and the index worker for a test by running
 * scripts/build.mjs (the one table of bundles and their options) into a throwaway `dist/`
 * inside node_modules/.cache (so installed packages resolve as they do from the real dist/,
 * and parallel test files and a concurrent `npm run build` never share files). Set DICTUM_TEST_DIST to a built `dist/`
 * to test that instead.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

export interface TestDist {
  /** The `dist/` folder: electron/main.js, electron/preload.js, indexWorker.js, renderer/. */
  dist: string;
  mainJs: string;
  preloadJs: string;
  /** Removes what buildForTest wrote (nothing when DICTUM_TEST_DIST was given). */
  cleanup(): void;
}

/** A minimal renderer standing in for dist/renderer when the test builds its own dist. */
export const FIXTURE_INDEX_HTML =
  '<!doctype html><html><head><title>Dictum</title></head><body>dictum-ui</body></html>';

export async function buildForTest(): Promise<TestDist> {
  const given = process.env.DICTUM_TEST_DIST;
  if (given) {
    return {
      dist: given,
      mainJs: join(given, 'electron', 'main.js'),
      preloadJs: join(given, 'electron', 'preload.js'),
      cleanup: () => undefined,
    };
  }
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, 'dictum-electron-test-'));
  const dist = join(scratch, 'dist');
  // The build script itself, so the test runs exactly the bundles `npm run build` makes.
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'scripts', 'build.mjs'),
      '--outdir',
      dist,
      '--only',
      'electron/main.js,electron/preload.js,indexWorker.js',
    ],
    { cwd: ROOT },
  );
  mkdirSync(join(dist, 'renderer'), { recursive: true });
  writeFileSync(join(dist, 'renderer', 'index.html'), FIXTURE_INDEX_HTML);
  writeFileSync(join(dist, 'renderer', 'app.js'), 'void 0;\n');
  return {
    dist,
    mainJs: join(dist, 'electron', 'main.js'),
    preloadJs: join(dist, 'electron', 'preload.js'),
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
}
