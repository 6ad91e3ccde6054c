/**
 * Helpers for the service's tests and benchmarks: small corpora of real files in a temporary
 * folder, and a bundled index worker (starting one from sources under tsx costs about 2 s,
 * bundled 0.5 s).
 */
import { build } from 'esbuild';
import { mkdtemp, mkdir, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { StatusResponse } from '../../main/common/contract';
import type { SearchService } from '../../main/service/index';
import type { WorkerEntry } from '../../main/service/workerEntry';

const ROOT = join(__dirname, '..', '..');
const bundles = new Map<string, Promise<{ entry: WorkerEntry; dispose: () => Promise<void> }>>();

/**
 * Bundles a worker entry (the index worker unless told otherwise) as the build does, into
 * node_modules/.cache (so that its external packages resolve). The caller disposes of it.
 */
export function bundledWorkerEntry(
  source = join(ROOT, 'main', 'service', 'indexWorker.ts'),
): Promise<{ entry: WorkerEntry; dispose: () => Promise<void> }> {
  let bundled = bundles.get(source);
  if (!bundled) {
    bundled = (async () => {
      const outDir = join(ROOT, 'node_modules', '.cache', 'dictum-service-test', String(process.pid));
      const file = join(outDir, `${basename(source, '.ts')}.js`);
      await build({
        entryPoints: [source],
        outfile: file,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        logLevel: 'warning',
      });
      const dispose = async (): Promise<void> => {
        await rm(file, { force: true });
        // The folders go too once no other bundle or run uses them.
        await rmdir(outDir).catch(() => undefined);
        await rmdir(dirname(outDir)).catch(() => undefined);
      };
      return { entry: { file, execArgv: [] }, dispose };
    })();
    bundles.set(source, bundled);
  }
  return bundled;
}

export interface TempCorpus {
  dir: string;
  cacheDir: string;
  write(path: string, text: string, mtime?: Date): Promise<void>;
  remove(path: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function tempCorpus(files: Record<string, string>): Promise<TempCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'dictum-service-'));
  const dir = join(root, 'corpus');
  const cacheDir = join(root, 'cache');
  await mkdir(dir, { recursive: true });
  const write = async (path: string, text: string, mtime?: Date): Promise<void> => {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    if (mtime) await utimes(file, mtime, mtime);
  };
  for (const [path, text] of Object.entries(files)) await write(path, text);
  return {
    dir,
    cacheDir,
    write,
    remove: (path) => rm(join(dir, path), { force: true }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** A short news text with a quote, mentioning `word` so a search can find exactly it. */
export function article(word: string, speaker = 'Ada Lovelace'): string {
  return [
    `Council debates the ${word} plan`,
    '',
    `The city council met on Tuesday to discuss the ${word} proposal for the harbour district.`,
    '',
    `"The ${word} plan will change how we live," ${speaker} said after the vote.`,
    '',
  ].join('\n');
}

/** Resolves with the first status the service reports that satisfies `test`. */
export function waitForStatus(
  service: SearchService,
  test: (status: StatusResponse) => boolean,
  timeoutMs = 10_000,
): Promise<StatusResponse> {
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`test: no matching status within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = (status: StatusResponse): void => {
      if (!test(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    };
    unsubscribe = service.onProgress(check);
    void service.status().then(check);
  });
}

/** Polls `probe` until it returns true (for effects that raise no event, like a watcher's). */
export async function eventually(
  probe: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`test: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
