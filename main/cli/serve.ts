import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot, rendererDir } from '../service/packagePaths';
import { installedElectronBinary } from './electronBinary';

export interface ServeOptions {
  corpusDir: string;
  cacheDir: null | undefined;
  host: string | undefined;
  port: number | undefined;
  token: string | undefined;
  /** Whether the user named the corpus; if not, the desktop app reopens the last one it had. */
  corpusGiven?: boolean;
}

const DEFAULT_PORT = 4820;

export interface Serving {
  url: string;
  /** Finishes the requests in flight, then saves and closes the index. */
  stop(): Promise<void>;
}

/**
 * Starts the SearchService and the HTTP server. With `takeFreePort`, a port already in use (a
 * Dictum on another folder, say) is not an error: any free port is taken instead.
 */
export async function startServing(options: ServeOptions, takeFreePort = false): Promise<Serving> {
  // Where the UI is comes first: a broken install must fail before any index worker starts
  // (a started worker keeps the process alive, so it would hang instead of exiting).
  const staticDir = rendererDir();
  const { createSearchService } = await import('../service/index');
  const { SwitchableService } = await import('../server/switchableService');
  // The index workers start loading first; the HTTP server's code loads meanwhile.
  const service = new SwitchableService(
    (corpusDir) => createSearchService({ corpusDir, cacheDir: options.cacheDir, watch: true }),
    options.corpusDir,
  );
  const { startServer } = await import('../server/index');
  const serverOptions = {
    service,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_PORT,
    token: options.token,
    staticDir,
    // The browser UI's Ctrl+O; the server itself refuses it where it is shared.
    openCorpus: (dir: string) => service.open(dir),
  };
  let server;
  try {
    try {
      server = await startServer(serverOptions);
    } catch (error) {
      if (!takeFreePort || (error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
      server = await startServer({ ...serverOptions, port: 0 });
    }
  } catch (error) {
    await service.close();
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    stop: async () => {
      await running.close();
      await service.close();
    },
  };
}

async function serveUntilSignal(serving: Serving): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('dictum: shutting down (finishing requests, saving the index)\n');
  await serving.stop();
  return 0;
}

/** `dictum serve`: the HTTP API and the UI, until SIGINT or SIGTERM. */
export async function runServe(options: ServeOptions): Promise<number> {
  const serving = await startServing(options);
  process.stdout.write(`Dictum is serving ${options.corpusDir} at ${serving.url}\n`);
  return serveUntilSignal(serving);
}

/**
 * The Electron binary, fetched first where it can be: the `electron` package's installer
 * downloads it once. Returns the binary's path, or why it cannot be had.
 */
function electronBinary(): { path: string } | { reason: string } {
  const root = packageRoot();
  const found = installedElectronBinary(root);
  if ('path' in found || found.packageMissing || process.env.DICTUM_ELECTRON) return found;
  const pkg = join(root, 'node_modules', 'electron');
  const install = spawnSync(process.execPath, [join(pkg, 'install.js')], {
    cwd: pkg,
    timeout: 180_000,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  const fetched = installedElectronBinary(root);
  if ('path' in fetched) return fetched;
  // The installer prints a stack; its first line says what went wrong (e.g. a failed DNS lookup).
  const why = `${install.stderr ?? ''}\n${install.error?.message ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('at '));
  return { reason: `the Electron binary could not be downloaded${why ? ` (${why.slice(0, 160)})` : ''}` };
}

/** `dictum app` (npm start): the desktop app, or the same UI served locally where Electron cannot run. */
export async function runApp(options: ServeOptions): Promise<number> {
  const binary = electronBinary();
  if ('path' in binary) {
    const main = join(packageRoot(), 'dist', 'electron', 'main.js');
    const args = options.corpusGiven ? [main, '--corpus', options.corpusDir] : [main];
    const child = spawn(binary.path, args, { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  // A second `dictum app` (another folder) must not fail on the first one's port: unless the
  // user chose the port, it takes a free one and says which.
  const serving = await startServing(options, options.port === undefined);
  process.stdout.write(
    `dictum: no desktop window here: ${binary.reason}; serving ${options.corpusDir} with the same UI at ${serving.url}/ instead\n`,
  );
  return serveUntilSignal(serving);
}
