import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { article, tempCorpus } from '../../test/support/testCorpus';
import { resolveWorkerEntry } from './workerEntry';

const run = promisify(execFile);

describe('resolveWorkerEntry', () => {
  it('starts indexWorker.ts through tsx when running from sources', () => {
    const entry = resolveWorkerEntry(join(__dirname, 'searchService.ts'));
    assert.equal(entry.file, join(__dirname, 'indexWorker.ts'));
    assert.ok(existsSync(entry.file));
    assert.equal(entry.execArgv[0], '--require');
    assert.match(entry.execArgv[1] ?? '', /tsx/);
  });

  it('finds the bundled worker beside the bundle or one folder up', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'dictum-dist-'));
    try {
      await mkdir(join(dist, 'electron'));
      await writeFile(join(dist, 'indexWorker.js'), '');
      assert.deepEqual(resolveWorkerEntry(join(dist, 'cli.js')), {
        file: join(dist, 'indexWorker.js'),
        execArgv: [],
      });
      assert.deepEqual(resolveWorkerEntry(join(dist, 'electron', 'main.js')), {
        file: join(dist, 'indexWorker.js'),
        execArgv: [],
      });
      await rm(join(dist, 'indexWorker.js'));
      assert.throws(
        () => resolveWorkerEntry(join(dist, 'electron', 'main.js')),
        /service: cannot find the index worker/,
      );
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });

  it('runs bundled as the build lays it out (dist/electron/main.js and dist/indexWorker.js)', async () => {
    const root = join(__dirname, '..', '..');
    // Inside node_modules so that the bundles' external packages resolve, as they do in dist/.
    const out = join(root, 'node_modules', '.cache', 'dictum-service-test', `layout-${process.pid}`);
    const corpus = await tempCorpus({ 'a.txt': article('zebracorn') });
    try {
      await mkdir(out, { recursive: true });
      const probe = join(out, 'probe.ts');
      await writeFile(
        probe,
        [
          `import { createSearchService } from ${JSON.stringify(join(__dirname, 'index'))};`,
          `import { resolveWorkerEntry } from ${JSON.stringify(join(__dirname, 'workerEntry'))};`,
          'const service = createSearchService({ corpusDir: process.argv[2]!, cacheDir: null, shards: 1 });',
          'void service.ready().then(async (status) => {',
          "  const found = await service.search({ q: 'zebracorn', speaker: [], topic: [], kind: [], sort: 'relevance', limit: 5, offset: 0 });",
          '  await service.close();',
          '  console.log(JSON.stringify({ phase: status.progress.phase, total: found.total, worker: resolveWorkerEntry() }));',
          '});',
        ].join('\n'),
      );
      const common = {
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
      } as const;
      await Promise.all([
        build({
          ...common,
          entryPoints: [probe],
          outfile: join(out, 'dist', 'electron', 'main.js'),
          logLevel: 'error',
        }),
        build({
          ...common,
          entryPoints: [join(__dirname, 'indexWorker.ts')],
          outfile: join(out, 'dist', 'indexWorker.js'),
          logLevel: 'error',
        }),
      ]);
      const { stdout } = await run(process.execPath, [join(out, 'dist', 'electron', 'main.js'), corpus.dir], {
        timeout: 30_000,
      });
      const result = JSON.parse(stdout) as {
        phase: string;
        total: number;
        worker: { file: string; execArgv: string[] };
      };
      assert.equal(result.phase, 'ready');
      assert.ok(result.total > 0);
      assert.deepEqual(result.worker, { file: join(out, 'dist', 'indexWorker.js'), execArgv: [] });
    } finally {
      await rm(out, { recursive: true, force: true });
      await rmdir(dirname(out)).catch(() => undefined);
      await corpus.dispose();
    }
  });
});
