/**
 * Where the Electron executable is, or why there is none: `dictum app` and the Electron
 * journey (e2e/electron.spec.ts) look it up the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronLookup = { path: string } | { reason: string; packageMissing?: boolean };

/** The installed binary: `DICTUM_ELECTRON` if set, else the one the electron package downloaded. */
export function installedElectronBinary(packageRoot: string): ElectronLookup {
  const override = process.env.DICTUM_ELECTRON;
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { reason: `DICTUM_ELECTRON=${override} does not exist` };
  }
  const pkg = join(packageRoot, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { reason: 'the electron package is not installed', packageMissing: true };
  // The same lookup as the electron package's own index.js: path.txt names the binary in dist/.
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return { reason: 'the electron package has no downloaded binary on this machine' };
  const executable = readFileSync(pathFile, 'utf8').trim();
  const distOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = distOverride ? join(distOverride, executable) : join(pkg, 'dist', executable);
  return existsSync(binary) ? { path: binary } : { reason: `${binary} does not exist` };
}
