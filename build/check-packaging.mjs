// Checks the desktop packaging offline, where Electron's binaries cannot be downloaded:
//  1. electron-builder.config.cjs: app id, product name, targets and arches per OS, artifact
//     names, the files whitelist, the bundled corpus, the fuses, the icons;
//  2. packs the app for real (`--dir`, Linux) with electron-builder 26, against a stand-in
//     Electron folder: a fake `electron` executable that carries Electron's fuse wire, so
//     electron-builder's own fuse flipping runs on it too;
//  3. opens the resulting app.asar (@electron/asar) and checks what is in it and what is not,
//     that every module the bundles require is inside, that the corpus sits beside it, and
//     that the fuses came out as configured.
//
//   npm run build && node build/check-packaging.mjs [--keep]
//
// It proves the configuration and the app's contents; it does not prove that the installers
// (AppImage, deb, nsis, dmg) build or start, which needs the real binaries (see SECURITY.md).
import { builtinModules, createRequire } from 'node:module';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkIcons } from './make-icons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const keep = process.argv.includes('--keep');

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// Electron's fuse sentinel (from @electron/fuses): the wire follows it in the real binary.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order on the V1 wire, and what Dictum's packaged binary must have. '1' on, '0' off. */
const FUSES = [
  ['runAsNode', '0'],
  ['enableCookieEncryption', '1'],
  ['enableNodeOptionsEnvironmentVariable', '0'],
  ['enableNodeCliInspectArguments', '0'],
  ['enableEmbeddedAsarIntegrityValidation', '1'],
  ['onlyLoadAppFromAsar', '1'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '0'],
];
/** Electron's own defaults on the wire, as an unflipped binary ships. */
const ELECTRON_DEFAULT_WIRE = '10110001';

// ---------------------------------------------------------------------------
// 1. The configuration

const config = require(join(root, 'electron-builder.config.cjs'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function targetsOf(platform) {
  return (config[platform]?.target ?? []).map((t) => (typeof t === 'string' ? { target: t, arch: [] } : t));
}
function hasTarget(platform, target, arches) {
  const found = targetsOf(platform).find((t) => t.target === target);
  return Boolean(found) && arches.every((arch) => (found.arch ?? []).includes(arch));
}

check(config.appId === 'org.dictum.app', `appId is ${config.appId}, not org.dictum.app`);
check(config.productName === 'Dictum', `productName is ${config.productName}, not Dictum`);
check(hasTarget('win', 'nsis', ['x64']), 'Windows: nsis for x64');
check(hasTarget('win', 'portable', ['x64']), 'Windows: portable for x64');
check(hasTarget('mac', 'dmg', ['x64', 'arm64']), 'macOS: dmg for x64 and arm64');
check(hasTarget('mac', 'zip', ['x64', 'arm64']), 'macOS: zip for x64 and arm64');
check(hasTarget('linux', 'AppImage', ['x64']), 'Linux: AppImage for x64');
check(hasTarget('linux', 'deb', ['x64']), 'Linux: deb for x64');
for (const [where, name] of [
  ['artifactName', config.artifactName],
  ['nsis.artifactName', config.nsis?.artifactName],
  ['portable.artifactName', config.portable?.artifactName],
]) {
  check(
    /\$\{version\}/.test(name ?? '') && /\$\{arch\}/.test(name ?? ''),
    `${where} must name the version and the arch`,
  );
}
check(config.asar === true, 'the app must be packed in an asar');
check(
  JSON.stringify(config.files) ===
    JSON.stringify([
      'dist/electron/**/*',
      'dist/renderer/**/*',
      'dist/indexWorker.js',
      'package.json',
      '!**/*.map',
      '!**/*.{test,spec}.{js,cjs,mjs}',
    ]),
  `files must whitelist only the built app, got ${JSON.stringify(config.files)}`,
);
check(
  (config.extraResources ?? []).some((r) => r.from === 'corpus' && r.to === 'corpus'),
  'the sample corpus must be in extraResources as corpus/',
);
for (const [name, state] of FUSES) {
  check(
    config.electronFuses?.[name] === (state === '1'),
    `fuse ${name} must be ${state === '1' ? 'on' : 'off'}`,
  );
}
check(pkg.main === 'dist/electron/main.js', `package.json main is ${pkg.main}, not dist/electron/main.js`);
check(!pkg.dependencies?.electron, 'electron must be a devDependency, not a dependency');
check(
  Boolean(pkg.devDependencies?.electron),
  'electron must be in devDependencies (electron-builder reads its version)',
);
for (const problem of checkIcons()) problems.push(`icons: ${problem}`);
for (const file of [
  'dist/electron/main.js',
  'dist/electron/preload.js',
  'dist/indexWorker.js',
  'dist/renderer/index.html',
]) {
  check(existsSync(join(root, file)), `${file} is missing: run npm run build first`);
}

function finish() {
  if (problems.length > 0) {
    for (const problem of problems) console.error(`pack:check: ${problem}`);
    console.error(`pack:check: ${problems.length} problem(s)`);
    process.exit(1);
  }
}
finish();
console.log('pack:check: configuration ok');

// ---------------------------------------------------------------------------
// 2. Pack against a stand-in Electron

const work = mkdtempSync(join(tmpdir(), 'dictum-pack-'));
const fakeElectron = join(work, 'electron-dist');
mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
mkdirSync(join(fakeElectron, 'locales'), { recursive: true });
writeFileSync(
  join(fakeElectron, 'electron'),
  Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n# A stand-in for Electron, made by build/check-packaging.mjs. It is not an app.\nexit 1\n# ',
    ),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'ascii'),
    Buffer.from('\n'),
  ]),
);
chmodSync(join(fakeElectron, 'electron'), 0o755);
writeFileSync(join(fakeElectron, 'version'), pkg.devDependencies.electron.replace(/^[^\d]*/, ''));
writeFileSync(join(fakeElectron, 'LICENSE'), 'stand-in');
writeFileSync(join(fakeElectron, 'locales', 'en-US.pak'), 'stand-in');

// A snapshot of the project to pack, so a concurrent `npm run build` (which empties dist/)
// cannot change files under electron-builder's feet; node_modules is linked, not copied.
const stage = join(work, 'project');
mkdirSync(stage);
for (const entry of [
  'package.json',
  'package-lock.json',
  'electron-builder.config.cjs',
  'dist',
  'corpus',
  'build',
]) {
  if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');

const { build, Platform, Arch } = require('electron-builder');
const output = join(work, 'out');
const started = Date.now();
try {
  await build({
    projectDir: stage,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...config, electronDist: fakeElectron, directories: { ...config.directories, output } },
  });
} catch (error) {
  console.error(`pack:check: electron-builder failed: ${error.stack ?? error}`);
  process.exit(1);
}
console.log(`pack:check: packed with electron-builder in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------------------
// 3. What came out

const appDir = join(output, 'linux-unpacked');
const resources = join(appDir, 'resources');
const asarFile = join(resources, 'app.asar');
check(
  existsSync(join(appDir, config.linux.executableName)),
  `the executable is not named ${config.linux.executableName}`,
);
check(existsSync(asarFile), 'resources/app.asar is missing');
finish();

const asar = require('@electron/asar');
const listing = asar.listPackage(asarFile, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
const inAsar = new Set(listing);
const has = (path) => inAsar.has(path);

for (const path of [
  '/package.json',
  '/dist/electron/main.js',
  '/dist/electron/preload.js',
  '/dist/indexWorker.js',
  '/dist/renderer/index.html',
  '/dist/renderer/app.js',
]) {
  check(has(path), `${path} is not in app.asar`);
}
// Each built file in the asar is byte for byte the one that was packed.
for (const path of listing.filter((p) => p.startsWith('/dist/') && existsSync(join(stage, p)))) {
  const file = join(stage, path);
  if (!statSync(file).isFile()) continue;
  check(
    asar.extractFile(asarFile, path.slice(1)).equals(readFileSync(file)),
    `${path} in app.asar differs from dist`,
  );
}
for (const dep of Object.keys(pkg.dependencies ?? {})) {
  check(has(`/node_modules/${dep}/package.json`), `production dependency ${dep} is not in app.asar`);
}
const forbidden = [
  [
    /^\/(main|renderer|e2e|bench|scripts|build|corpus|test-results|playwright-report|out)\//,
    'sources, tests or dev files',
  ],
  [/\.map$/, 'source maps'],
  [/\.test\.[cm]?[jt]s$/, 'tests'],
  [/^\/[^/]+\.ts$/, 'TypeScript sources'],
  [
    /^\/node_modules\/(electron|electron-builder|app-builder-lib|playwright|@playwright|esbuild|typescript|tsx|eslint|prettier|fast-check|autocannon|flexsearch)\//,
    'development packages',
  ],
];
for (const [pattern, what] of forbidden) {
  const leaked = listing.filter((p) => pattern.test(p));
  check(leaked.length === 0, `${what} leaked into app.asar: ${leaked.slice(0, 5).join(', ')}`);
}

// Every package the bundles load at run time must be inside the asar (a dependency listed
// only under devDependencies would pass every test and break the installed app).
const packaged = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8'));
check(
  packaged.main === 'dist/electron/main.js' && has(`/${packaged.main}`),
  'the packaged main entry is missing',
);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
for (const bundle of ['dist/electron/main.js', 'dist/indexWorker.js']) {
  const code = asar.extractFile(asarFile, bundle).toString('utf8');
  const required = new Set([...code.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map((m) => m[1]));
  for (const name of required) {
    if (builtins.has(name) || name === 'electron') continue;
    const base = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
    check(has(`/node_modules/${base}/package.json`), `${bundle} requires ${name}, which is not in app.asar`);
  }
}
const preload = asar.extractFile(asarFile, 'dist/electron/preload.js').toString('utf8');
const preloadRequires = [...preload.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
check(
  preloadRequires.every((name) => name === 'electron'),
  `the sandboxed preload may require only electron, not ${preloadRequires.join(', ')}`,
);

// The corpus beside the asar, file for file.
const corpusFiles = listFiles(join(stage, 'corpus'));
const shipped = new Set(listFiles(join(resources, 'corpus')));
check(corpusFiles.length > 0, 'the repository has no corpus/ to ship');
for (const file of corpusFiles) check(shipped.has(file), `corpus/${file} is not in resources/corpus`);

// The fuses, as electron-builder flipped them on the stand-in binary.
const binary = readFileSync(join(appDir, config.linux.executableName));
const at = binary.indexOf(FUSE_SENTINEL);
check(at >= 0, 'the fuse wire is gone from the executable');
if (at >= 0) {
  const start = at + FUSE_SENTINEL.length;
  const wire = binary.toString('ascii', start + 2, start + 2 + FUSES.length);
  const expected = FUSES.map(([, state]) => state).join('');
  check(wire === expected, `fuses are ${wire}, expected ${expected} (${FUSES.map(([n]) => n).join(', ')})`);
}

function listFiles(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`pack:check: kept ${work}`);
finish();
console.log(
  `pack:check: app.asar holds ${listing.length} entries (main, preload, renderer, worker, ${Object.keys(pkg.dependencies ?? {}).length} production dependencies); ` +
    `corpus (${corpusFiles.length} files) beside it; fuses ${FUSES.map(([, s]) => s).join('')}; no sources, tests or dev packages`,
);
