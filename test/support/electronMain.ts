/**
 * Runs the BUILT Electron main process (dist/electron/main.js) in plain Node against the
 * recording stand-in for `electron` (./electronStandIn), with the real SearchService indexing
 * two small corpora: the harness the main-process tests share.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT, type StatusResponse } from '../../main/common/contract';
import { buildForTest, type TestDist } from '../../main/electron/buildForTest';
import type { IpcResult } from '../../main/electron/channels';
import {
  createMainStandIn,
  installElectron,
  type FakeFrame,
  type FakeWebContents,
  type MainStandIn,
  type MenuTemplate,
} from '../electronStandIn';

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function findItem(template: MenuTemplate, label: string): MenuTemplate[number] | undefined {
  for (const item of template) {
    if (item.label === label) return item;
    const inner = item.submenu ? findItem(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export const work = mkdtempSync(join(tmpdir(), 'dictum-electron-'));
export const corpusA = join(work, 'briefings');
export const corpusB = join(work, 'speeches');
export const userData = join(work, 'user-data');

function writeCorpora(): void {
  mkdirSync(corpusA, { recursive: true });
  mkdirSync(corpusB, { recursive: true });
  writeFileSync(
    join(corpusA, 'briefing.txt'),
    [
      'Press Briefing by Press Secretary Jen Psaki, March 3, 2021',
      '',
      'MS. PSAKI: Good afternoon. The President will travel to Ohio on Tuesday to talk about infrastructure and jobs.',
      '',
      'Q: Will he meet the governor while he is there?',
      '',
      'MS. PSAKI: He will meet the governor and local leaders to discuss the bridge repairs.',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(corpusB, 'speech.txt'),
    [
      'Remarks on the harvest, October 2, 2019',
      '',
      '"The harvest this year was the best in a decade," said Minister Anna Berg at the fair in Uppsala.',
      '',
    ].join('\n'),
  );
  // A saved window far off every screen: the app must bring it back.
  mkdirSync(userData, { recursive: true });
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      window: { x: 9000, y: 9000, width: 1000, height: 700, maximized: false },
      theme: 'system',
    }),
  );
}

export let built: TestDist;
export let stand: MainStandIn;
export const savedArgv = process.argv;
/** Loads a built CommonJS bundle the way Electron loads main.js. */
export const load = createRequire(__filename);

export function mainWindow() {
  const window = stand.windows[0];
  assert.ok(window, 'a window was created');
  return window;
}

export function trustedEvent(contents: FakeWebContents = mainWindow().webContents, frame?: FakeFrame) {
  return { sender: contents, senderFrame: frame ?? contents.mainFrame };
}

export async function invoke<T>(
  channel: string,
  args: unknown[],
  event: unknown = trustedEvent(),
): Promise<IpcResult<T>> {
  const handler = stand.invokeHandlers.get(channel);
  assert.ok(handler, `a handler for ${channel}`);
  return (await handler(event, ...args)) as IpcResult<T>;
}

export async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = await invoke<T>(channel, args);
  if (!result.ok) assert.fail(`${channel} failed: ${result.error}`);
  return result.value;
}

export async function readyStatus(corpus: string): Promise<StatusResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await value<StatusResponse>(CONTRACT.status.channel);
    if (
      status.corpus.path === corpus &&
      (status.progress.phase === 'ready' || status.progress.phase === 'failed')
    ) {
      return status;
    }
    if (Date.now() > deadline) assert.fail(`corpus ${corpus} never became ready: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writes the corpora, builds the bundles and loads the built main.js as Electron would. */
export async function bootMain(): Promise<void> {
  writeCorpora();
  built = await buildForTest();
  stand = createMainStandIn({ userData });
  installElectron(stand.electron);
  process.argv = [process.execPath, built.mainJs, '--corpus', corpusA, '--remote-debugging-port=0'];
  load(built.mainJs);
  process.argv = savedArgv;
}

/** Makes the app ready and waits for its window to load. */
export async function openWindow(): Promise<MainStandIn['windows'][number]> {
  stand.ready();
  return waitFor('the window to load', () => (stand.windows[0]?.loadedUrl ? stand.windows[0] : undefined));
}

/** Closes the last window and waits for the app to quit (the index saved, no handle left open). */
export async function quitMain(): Promise<void> {
  stand.electron.app.emit('window-all-closed');
  await waitFor('the quit to complete', () => stand.quitCompleted, 30_000);
}

export function cleanupMain(): void {
  process.argv = savedArgv;
  built.cleanup();
  rmSync(work, { recursive: true, force: true });
}
