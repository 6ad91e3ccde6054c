// Bundles every process of Dictum with esbuild into dist/. The one table of bundles and their
// options: tests that need built bundles run this script too (main/electron/buildForTest.ts),
//   node scripts/build.mjs [--outdir DIR] [--only electron/main.js,indexWorker.js]
// Node bundles keep node_modules external (installed dependencies are loaded at run time,
// and electron-builder packs the production ones); the renderer and the preload are
// self-contained, since they run sandboxed.
import { build } from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const dist = flag('--outdir') ?? join(root, 'dist');
const only = flag('--only')?.split(',');
const watch = argv.includes('--watch');

const node = {
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  bundle: true,
  sourcemap: true,
  packages: 'external',
};

/** [entry, outfile, options] — entries that do not exist yet are skipped, with a note. */
const entries = [
  ['main/cli/main.ts', 'cli.js', { ...node, banner: { js: '#!/usr/bin/env node' } }],
  ['main/service/indexWorker.ts', 'indexWorker.js', node],
  ['main/electron/main.ts', 'electron/main.js', { ...node, external: ['electron'] }],
  [
    'main/electron/preload.ts',
    'electron/preload.js',
    { ...node, packages: undefined, external: ['electron'] },
  ],
  [
    'renderer/app.ts',
    'renderer/app.js',
    { platform: 'browser', target: 'chrome120', format: 'iife', bundle: true, sourcemap: true, minify: true },
  ],
];

if (!watch) rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'renderer'), { recursive: true });

const chosen = only ? entries.filter(([, out]) => only.includes(out)) : entries;
if (only && chosen.length !== only.length) {
  console.error(`build: --only names unknown bundles; known: ${entries.map(([, out]) => out).join(', ')}`);
  process.exit(2);
}

await Promise.all(
  chosen.map(async ([entry, out, options]) => {
    if (!existsSync(join(root, entry))) {
      console.warn(`build: ${entry} does not exist yet; skipped`);
      return;
    }
    await build({
      ...options,
      entryPoints: [join(root, entry)],
      outfile: join(dist, out),
      logLevel: 'warning',
    });
  }),
);

// Static renderer files (HTML, CSS, fonts, icons) are copied as they are.
if (chosen.some(([, out]) => out.startsWith('renderer/'))) {
  for (const name of readdirSync(join(root, 'renderer'))) {
    if (/\.(html|css|svg|png|woff2?)$/.test(name))
      cpSync(join(root, 'renderer', name), join(dist, 'renderer', name));
  }
}
if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);
console.log(`build: ${only ? only.join(', ') : 'dist/'} ready`);
