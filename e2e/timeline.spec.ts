/**
 * Over time (issue 16), and issue 20's task "climate over time, Biden against Xi": the chart
 * of a search per period, one line per speaker or compared term, by keyboard only, in both
 * themes, with axe clean on every screen visited.
 */
import { expect, test } from '@playwright/test';
import type { TimelineResponse } from '../main/common/timeline';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DictumPage } from './pages/dictumPage';
import { folder, openAt, startApp, stopApp, type RunningApp } from './pages/runningApp';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test.describe.configure({ timeout: 120_000 });

    test('task: climate over time, Biden against Xi — a line each, a point each period, Enter searches it', async ({
      page,
      request,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      for (const [typed, name] of [
        ['biden', /Joe Biden/],
        ['xi jinping', /Xi Jinping/],
      ] as const) {
        await app.press('Alt+1', 'Control+a');
        await app.type(typed);
        await expect(app.facet('Speaker').getByRole('checkbox').first()).toHaveAccessibleName(name);
        await app.press('Enter');
        await app.settled();
      }
      await expect(app.chips).toHaveText([/Speaker: Joe Biden/, /Speaker: Xi Jinping/]);
      await app.press('Control+k');
      await app.type('climate');

      await app.press('Alt+T');
      const chart = page.getByRole('region', { name: 'Over time' });
      await expect(chart).toBeVisible();
      const legend = chart.getByRole('list', { name: 'Series' }).getByRole('listitem');
      await expect(legend).toHaveText([/Joe Biden/, /Xi Jinping/]);
      const api = (await (
        await request.get('/api/timeline?q=climate&speaker=Joe%20Biden&speaker=Xi%20Jinping')
      ).json()) as TimelineResponse;
      expect(api.by).toBe('speaker');
      for (const [i, s] of api.series.entries())
        await expect(legend.nth(i)).toContainText(`${s.total} statement`);
      // Labelled axes: the counts' and the periods'.
      await expect(chart.locator('.timeline-axis-title')).toHaveText([/Year|Month|Day/, 'Statements']);
      await expect(chart.locator('.timeline-tick').first()).toHaveText('0');

      // Focus is on the first point with matches; its name says who, when and how many.
      const focused = app.focused();
      await expect(focused).toHaveAttribute('role', 'button');
      await expect(focused).toHaveAccessibleName(/^(Joe Biden|Xi Jinping), \d{4}: \d+ statements?$/);
      await app.expectAxeClean('the chart over time');
      if (scheme === 'light') await app.screenshots('timeline-speakers');

      // Biden's busiest period, reached with the arrows: Home, then → to it, ↑ to Biden's line.
      const biden = api.series[0]!;
      const busiest = biden.counts.indexOf(Math.max(...biden.counts));
      await app.press('Home', 'ArrowUp');
      for (let i = 0; i < busiest; i++) await app.press('ArrowRight');
      const period = api.buckets[busiest]!;
      await expect(focused).toHaveAccessibleName(
        new RegExp(`^Joe Biden, .*${period.slice(0, 4)}: ${biden.counts[busiest]} statements?$`),
      );
      await app.press('ArrowDown');
      await expect(focused).toHaveAccessibleName(new RegExp(`^Xi Jinping, `));
      await app.press('ArrowUp', 'Enter');
      await app.settled();
      await expect(app.results).toBeFocused();
      await expect(app.chips).toHaveText([/Speaker: Joe Biden/, /Date: /]);
      expect(await app.totalCount()).toBe(biden.counts[busiest]);
      for (const speaker of await app.options.locator('.result-speaker').allTextContents())
        expect(speaker).toBe('Joe Biden');
      // The chart follows the search: one line now, Biden's, in that period.
      await expect(legend).toHaveText([/Joe Biden/]);
      await app.expectAxeClean('results of a point of the chart');

      // Alt+T goes back to the chart; Esc there closes it and returns to the search box.
      await app.press('Alt+T');
      await expect(focused).toHaveAttribute('role', 'button');
      await app.press('Escape');
      await expect(chart).toBeHidden();
      await expect(app.search).toBeFocused();
    });

    test('a comma-separated query draws one line per term', async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.type('climate, inflation');
      await app.press('Alt+T');
      const chart = page.getByRole('region', { name: 'Over time' });
      await expect(chart.getByRole('list', { name: 'Series' }).getByRole('listitem')).toHaveText([
        /climate/,
        /inflation/,
      ]);
      await expect(chart.locator('path.timeline-line')).toHaveCount(2);
      await expect(chart).toContainText('search climate OR inflation for either');
      await app.press('ArrowDown');
      await expect(app.focused()).toHaveAccessibleName(/^inflation, /);
      await app.expectAxeClean('two terms over time');
      if (scheme === 'light') await app.screenshots('timeline-terms');
      // Alt+T from inside closes the chart.
      await app.press('Alt+T');
      await expect(chart).toBeHidden();
    });

    test('the open chart counts again when a file is added to the folder', async ({ page }) => {
      const note = (date: string, words: string) =>
        `---\ntitle: Harbour ${date}\ndate: ${date}\n---\n\nThe harbourmaster said: "${words}"\n`;
      const dir = folder('chart-watch', { 'a.md': note('2024-01-10', 'The zanzibarite cargo is late.') });
      let running: RunningApp | undefined;
      try {
        running = await startApp(dir);
        const app = await openAt(page, running.url);
        await app.type('zanzibarite');
        await app.press('Alt+T');
        const legend = page.getByRole('region', { name: 'Over time' }).getByRole('listitem');
        await expect(legend).toHaveText([/1 statement$/]);
        writeFileSync(join(dir, 'b.md'), note('2024-06-02', 'More zanzibarite came on Monday.'));
        await expect(legend).toHaveText([/2 statements$/], { timeout: 30_000 });
        await expect(app.focused()).toHaveAccessibleName(/^All matches, January 2024: 1 statement$/);
        await app.press('End');
        await expect(app.focused()).toHaveAccessibleName(/^All matches, June 2024: 1 statement$/);
        await app.expectAxeClean('the chart after the folder changed');
      } finally {
        await stopApp(running);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
