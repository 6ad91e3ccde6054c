/**
 * Issue 20's problems as journeys, by keyboard only, in both themes, axe clean on every screen:
 * a second `dictum app` on another folder (problem 7), an attribution tail that is nobody's
 * statement (problem 8), and a facet value left out with `x` marked in its facet.
 */
import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { DictumPage } from './pages/dictumPage';
import { folder, openAt, startApp, stopApp, type RunningApp } from './pages/runningApp';

const ARTICLE = (title: string, body: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-02\nauthor: Sam Writer\n---\n\n${body}\n`;

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test.describe.configure({ timeout: 180_000 });

    test('problem 7: a second dictum app on another folder opens, and each answers with its own folder', async ({
      browser,
    }) => {
      const harbour = folder('harbour', {
        'harbour.md': ARTICLE(
          'Harbour notes',
          'The harbourmaster said: "The zanzibarite cargo arrives on Monday."',
        ),
      });
      const orchard = folder('orchard', {
        'orchard.md': ARTICLE('Orchard notes', 'The farmer said: "The quillberry harvest starts in June."'),
      });
      let first: RunningApp | undefined;
      let second: RunningApp | undefined;
      try {
        first = await startApp(harbour);
        second = await startApp(orchard);
        expect(second.url).not.toBe(first.url);
        for (const [running, dir, own, other] of [
          [first, harbour, 'zanzibarite', 'quillberry'],
          [second, orchard, 'quillberry', 'zanzibarite'],
        ] as const) {
          const context = await browser.newContext({ colorScheme: scheme });
          try {
            const app = await openAt(await context.newPage(), running.url);
            await expect(app.page.locator('.status-corpus')).toContainText(basename(dir));
            await app.type(own);
            await expect.poll(() => app.totalCount()).toBe(1);
            await expect(app.options.first()).toContainText(own);
            await app.expectAxeClean(`the app on ${basename(dir)}`);
            await app.press('Control+a');
            await app.type(other);
            await expect.poll(() => app.totalCount()).toBe(0);
          } finally {
            await context.close();
          }
        }
      } finally {
        await stopApp(second);
        await stopApp(first);
        rmSync(harbour, { recursive: true, force: true });
        rmSync(orchard, { recursive: true, force: true });
      }
    });

    test('problem 8: in `"…," said Jane Doe, the director of the port.` only Jane Doe speaks', async ({
      page,
    }) => {
      const dir = folder('port', {
        'port.md': ARTICLE(
          'Harbour expansion approved',
          [
            'The city council voted on Tuesday to expand the harbour.',
            '',
            '"We will double the number of berths by 2027 and hire two hundred dockworkers," said Jane Doe, the director of the port.',
            '',
            'Construction is expected to begin in the autumn.',
          ].join('\n'),
        ),
      });
      let running: RunningApp | undefined;
      try {
        running = await startApp(dir);
        const app = await openAt(page, running.url);
        // The quote is Jane Doe's, and the only statement with its words.
        await app.type('berths dockworkers');
        await expect.poll(() => app.totalCount()).toBe(1);
        await expect(app.options.first().locator('.result-speaker')).toHaveText('Jane Doe');
        await app.expectAxeClean('the quote of Jane Doe');
        // The attribution tail is nobody's statement: not the author's narrative, not anyone's.
        await app.press('Control+a');
        await app.type('"director of the port"');
        await expect.poll(() => app.totalCount()).toBe(0);
        await app.press('Control+a');
        await app.type('said jane');
        await expect.poll(() => app.totalCount()).toBe(0);
        // The author's own narrative is still there, and his.
        await app.press('Control+a');
        await app.type('council harbour');
        await expect.poll(() => app.totalCount()).toBe(1);
        await expect(app.options.first().locator('.result-speaker')).toHaveText('Sam Writer');
        await app.expectAxeClean('the author’s narrative');
      } finally {
        await stopApp(running);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a value left out with x is marked in its facet: struck through, "not", and said so', async ({
      page,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.type('border');
      await app.press('Alt+1');
      await page.keyboard.insertText('reporter');
      const row = app.facet('Speaker').locator('.facet-value').first();
      await expect(row.locator('.facet-label')).toHaveText(/^reporter$/i);
      const box = row.getByRole('checkbox');
      await app.press('ArrowDown');
      await expect(box).toBeFocused();
      await expect(row.locator('.facet-not')).toBeHidden();
      await app.press('x');
      await app.settled();
      await expect(app.chips).toHaveText([/Not speaker: reporter/i]);
      await expect(row).toHaveClass(/is-excluded/);
      await expect(row.locator('.facet-not')).toBeVisible();
      await expect(row.locator('.facet-not')).toHaveText(/not/i);
      await expect(box).not.toBeChecked();
      await expect(box).toHaveAccessibleDescription(/left out of the results/);
      await expect(row.locator('.facet-label')).toHaveCSS('text-decoration-line', 'line-through');
      await app.expectAxeClean('a speaker left out, marked in its facet');
      if (scheme === 'light') await app.screenshots('facet-excluded');
      // x again brings it back, and the mark goes.
      await app.press('x');
      await app.settled();
      await expect(app.chips).toHaveCount(0);
      await expect(row).not.toHaveClass(/is-excluded/);
      await expect(row.locator('.facet-not')).toBeHidden();
      await expect(box).not.toHaveAccessibleDescription(/left out/);
    });
  });
}
