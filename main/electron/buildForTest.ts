/**
 * Builds the Electron main process, the preload and the index worker for a test, with the
 * options scripts/build.mjs uses, into a throwaway `dist/` inside node_modules/.cache (so
 * installed packages resolve as they do from the real dist/, and parallel test files and
 * a concurrent `npm run build` never share files). Set DICTUM_TEST_DIST to a built `dist/`
 * to test that instead.
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The same options as scripts/build.mjs for Node bundles. */
const NODE: BuildOptions = {
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  bundle: true,
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

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
  await Promise.all([
    build({
      ...NODE,
      external: ['electron'],
      entryPoints: [join(ROOT, 'main/electron/main.ts')],
      outfile: join(dist, 'electron/main.js'),
    }),
    build({
      ...NODE,
      packages: undefined,
      external: ['electron'],
      entryPoints: [join(ROOT, 'main/electron/preload.ts')],
      outfile: join(dist, 'electron/preload.js'),
    }),
    build({
      ...NODE,
      entryPoints: [join(ROOT, 'main/service/indexWorker.ts')],
      outfile: join(dist, 'indexWorker.js'),
    }),
  ]);
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
