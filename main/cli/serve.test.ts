import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusResponse } from '../common/contract';
import { startServing } from './serve';

/** A port held by something else, as a first `dictum app` holds 4820. */
async function occupiedPort(): Promise<{ port: number; holder: Server }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return { port: (holder.address() as AddressInfo).port, holder };
}

test('a second app on a taken port serves its own folder on a free port', async (t) => {
  const corpusDir = mkdtempSync(join(tmpdir(), 'dictum-second-app-'));
  t.after(() => rmSync(corpusDir, { recursive: true, force: true }));
  writeFileSync(
    join(corpusDir, 'note.txt'),
    'Officials met on Monday.\n\n"We will keep at it," Smith said.\n',
  );
  const { port, holder } = await occupiedPort();
  t.after(() => holder.close());
  const options = { corpusDir, cacheDir: null, host: '127.0.0.1', port, token: undefined };

  await assert.rejects(startServing(options), /port is in use/);

  const serving = await startServing(options, true);
  try {
    const url = new URL(serving.url);
    assert.notEqual(Number(url.port), port);
    const status = (await (await fetch(`${serving.url}/api/status`)).json()) as StatusResponse;
    assert.equal(status.corpus.path, corpusDir);
  } finally {
    await serving.stop();
  }
});

test('a bundle copied away from its package says so and exits, instead of hanging with workers started', async (t) => {
  const dist = join(__dirname, '..', '..', 'dist');
  if (!existsSync(join(dist, 'cli.js'))) {
    t.skip('dist/cli.js is not built (npm run build)');
    return;
  }
  const away = mkdtempSync(join(tmpdir(), 'dictum-away-'));
  t.after(() => rmSync(away, { recursive: true, force: true }));
  for (const file of ['cli.js', 'indexWorker.js']) copyFileSync(join(dist, file), join(away, file));
  // Its dependencies stay reachable; only Dictum's own package.json is missing above it.
  symlinkSync(join(dist, '..', 'node_modules'), join(away, 'node_modules'), 'dir');
  const corpus = join(away, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a.txt'), 'Nothing to see here.\n');
  const run = spawnSync(
    process.execPath,
    [join(away, 'cli.js'), 'serve', '--corpus', corpus, '--port', '0', '--no-cache'],
    {
      encoding: 'utf8',
      // Generous: the point is that it ends at all; a hang is killed and fails below.
      timeout: 120_000,
    },
  );
  assert.equal(run.signal, null, 'the process ended by itself');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /cannot find the Dictum package/);
});
