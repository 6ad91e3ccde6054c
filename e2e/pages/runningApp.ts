/**
 * A `dictum app` of the journeys' own, on a folder they make: started as a user starts it,
 * opened in a page, stopped at the end.
 */
import { expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DictumPage } from './dictumPage';

export interface RunningApp {
  url: string;
  child: ChildProcess;
}

/**
 * `dictum app --corpus DIR` as a user starts it. With no Electron binary (DICTUM_ELECTRON names
 * none), it serves the same UI and prints where; a second one takes a free port.
 */
export async function startApp(corpusDir: string): Promise<RunningApp> {
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', '..', 'dist', 'cli.js'), 'app', '--corpus', corpusDir, '--no-cache'],
    { env: { ...process.env, DICTUM_ELECTRON: join(corpusDir, 'no-electron-here') }, stdio: 'pipe' },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dictum app did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dictum app exited with ${code}: ${out}`));
    });
  });
  return { url, child };
}

export async function stopApp(app: RunningApp | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await exited;
}

export function folder(name: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), `dictum-e2e-${name}-`));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** A page on another server than the journeys' own: the same page object, its own address. */
export async function openAt(page: Page, url: string): Promise<DictumPage> {
  const app = new DictumPage(page);
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`${url}/api/status`)).json()) as { progress: { phase: string } })
          .progress.phase,
      {
        timeout: 45_000,
      },
    )
    .toBe('ready');
  await page.goto(`${url}/`);
  await expect(app.search).toBeVisible();
  await app.settled();
  return app;
}
