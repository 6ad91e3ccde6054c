/**
 * A journalist's everyday tasks and the rough edges a first-time user hit (issues 17 and 20),
 * by keyboard only, in both themes, with axe clean on every screen visited.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DictumPage } from './pages/dictumPage';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    // Each axe scan takes a few seconds on these machines.
    test.describe.configure({ timeout: 120_000 });

    test('task: what Putin said about NATO, cited from the list with c (not typed)', async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.press('Alt+1');
      await app.type('putin');
      await app.press('Enter');
      await app.settled();
      await expect(app.chips).toContainText([/Speaker: Vladimir Putin/]);
      await app.press('Control+k');
      await app.type('nato');
      const total = await app.totalCount();
      expect(total).toBeGreaterThan(0);

      // ↓ takes focus to the highlighted result, so c copies instead of typing a "c".
      await app.press('ArrowDown');
      await expect(app.results).toBeFocused();
      await app.press('c');
      await expect.poll(() => app.clipboard()).toMatch(/Vladimir Putin/);
      await expect(app.search).toHaveValue('nato');
      for (const speaker of await app.options.locator('.result-speaker').allTextContents())
        expect(speaker).toBe('Vladimir Putin');
      await app.expectAxeClean('results of a speaker');

      // Enter opens the statement; c in the reader copies too.
      await app.press('Enter');
      await expect(app.reader).toBeVisible();
      await app.page.evaluate('navigator.clipboard.writeText("")');
      await app.press('c');
      await expect.poll(() => app.clipboard()).toMatch(/— Vladimir Putin/);
      await app.expectAxeClean('reader');
    });

    test('task: Psaki on inflation in November and December 2021, keyboard only', async ({
      page,
      request,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.press('Alt+1');
      await app.type('psaki');
      await app.press('Enter');
      await app.settled();
      await app.press('Control+k');
      await app.type('inflation');
      const all = await app.totalCount();
      await app.press('Alt+3');
      const from = app.facet('Date').getByRole('textbox', { name: 'From date' });
      await from.focus();
      await app.page.keyboard.type('2021-11');
      await app.press('Tab');
      await app.page.keyboard.type('2021-12');
      await app.press('Enter');
      await app.settled();
      await expect(app.chips).toHaveText([/Speaker: Jen Psaki/, /Date: Nov 2021 – Dec 2021/]);
      const answer = await request.get(
        '/api/search?q=inflation&speaker=Jen%20Psaki&from=2021-11&to=2021-12&limit=0',
      );
      const inRange = ((await answer.json()) as { total: number }).total;
      expect(inRange).toBeGreaterThan(0);
      expect(inRange).toBeLessThan(all);
      expect(await app.totalCount()).toBe(inRange);
      await app.press('Alt+0');
      await expect(app.activeOption().locator('.result-speaker')).toHaveText('Jen Psaki');
      await expect(app.activeOption()).toContainText(/(Nov|Dec) 2021/);
      await app.expectAxeClean('a speaker, a word and a date range');
    });

    test('task: a typo and an exact phrase', async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      // A typo no statement has: "Did you mean" is offered and taken by keyboard.
      await app.type('inflashun');
      await expect(page.getByText(/No statements match/)).toBeVisible();
      const mean = page.getByRole('button', { name: /Did you mean “inflation”/ });
      await expect(mean).toBeVisible();
      await app.expectAxeClean('no results, with a suggestion');
      await app.press('ArrowDown');
      await expect(mean).toBeFocused();
      await app.press('Enter');
      await app.settled();
      await expect(app.search).toHaveValue('inflation');
      expect(await app.totalCount()).toBeGreaterThan(0);

      // A typo in a filter value: the nearest speaker is offered and taken by keyboard.
      await app.press('Control+k');
      await app.type('speaker:puttin');
      await expect(page.getByText(/No statements match/)).toBeVisible();
      const nearest = page.getByRole('button', { name: /Did you mean “speaker:"Vladimir Putin"”/ });
      await expect(nearest).toBeVisible();
      await app.expectAxeClean('a filter value with a typo, with a suggestion');
      await app.press('ArrowDown');
      await expect(nearest).toBeFocused();
      await app.press('Enter');
      await app.settled();
      expect(await app.totalCount()).toBeGreaterThan(0);
      for (const speaker of await app.options.locator('.result-speaker').allTextContents())
        expect(speaker).toBe('Vladimir Putin');

      // An exact phrase: every result holds the words together.
      await app.press('Control+k');
      await app.type('"winter olympics"');
      expect(await app.totalCount()).toBeGreaterThan(0);
      await expect(app.options.first().locator('mark').first()).toHaveText(/winter/i);
      for (const text of await app.options.locator('.result-snippet').allTextContents())
        expect(text).toMatch(/winter\s+olympics/i);
      await app.expectAxeClean('an exact phrase');
    });

    test('Esc twice returns to the first screen exactly', async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      const everything = await app.totalCount();
      const speakers = app.facet('Speaker').getByRole('checkbox');
      const firstSpeakers = await speakers.count();
      const sort = page.getByRole('button', { name: /^(Relevance|Newest first|Oldest first)$/ });
      await expect(sort).toHaveText('Relevance');

      await app.press('Alt+1');
      await app.type('psaki');
      await app.press('Enter');
      await app.settled();
      await app.press('Control+k');
      await app.type('inflation');
      await app.press('Alt+s');
      await app.settled();
      await expect(sort).toHaveText('Newest first');
      await expect(app.chips).toHaveCount(1);

      await app.press('Escape');
      await app.settled();
      await expect(app.search).toHaveValue('');
      await app.press('Escape');
      await app.settled();
      await expect(app.chips).toHaveCount(0);
      await expect(sort).toHaveText('Relevance');
      await expect(app.facet('Speaker').getByRole('searchbox')).toHaveValue('');
      await expect.poll(() => speakers.count()).toBe(firstSpeakers);
      expect(await app.totalCount()).toBe(everything);
      expect(new URL(page.url()).hash).toBe('');
      await expect(app.search).toBeFocused();
      await app.expectAxeClean('the first screen again');
    });

    test('an ignored filter shows as an error chip, and the count says nothing was filtered', async ({
      page,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      const everything = await app.totalCount();
      await app.type('date:2021-13');
      const chip = app.chips.filter({ hasText: 'date:2021-13' });
      await expect(chip).toHaveText(/date:2021-13 ignored/);
      await expect(chip).toHaveAccessibleName(/Ignored filter date:2021-13: .*not a date/);
      await expect(app.total).toHaveText(/not filtered: date:2021-13 ignored/);
      expect(await app.totalCount()).toBe(everything);
      await app.expectAxeClean('an ignored filter');
      if (scheme === 'light') await app.screenshots('ignored-filter');

      // Backspace at the end of the box edits the text; in an empty box it removes the chip.
      await app.press('Control+a', 'Backspace');
      await app.settled();
      await expect(app.chips).toHaveCount(0);
    });

    test('a name typed in the speaker finder and Enter at once selects that name', async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.press('Alt+1');
      // One input event and Enter straight after: the matches cannot have arrived yet.
      await page.keyboard.insertText('psaki');
      await app.press('Enter');
      await app.settled();
      await expect(app.chips).toHaveText([/Speaker: Jen Psaki/]);
      await expect(app.options.first().locator('.result-speaker')).toHaveText('Jen Psaki');
      await app.expectAxeClean('a speaker picked by name');
    });

    test("the reader shows a turn's speaker badge, not the raw label beside it", async ({ page }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.type('speaker:psaki inflation');
      await app.press('ArrowDown', 'Enter');
      await expect(app.reader).toBeVisible();
      const badges = app.readerText.locator('.who', { hasText: 'Jen Psaki' });
      await expect(badges.first()).toBeVisible();
      await expect(app.readerText).not.toContainText('MS. PSAKI:');
      await expect(badges.first()).toHaveAttribute('title', 'Labelled “MS. PSAKI”');
      await app.expectAxeClean('a transcript in the reader');
      // o opens the original file, served from inside the corpus folder, in a new tab.
      const opened = page.waitForEvent('popup');
      await app.press('o');
      const original = await opened;
      expect(original.url()).toMatch(/\/api\/documents\/[^/]+\/original/);
      await expect(original.locator('body')).toContainText('MS. PSAKI:');
      await original.close();
      // Both themes are shot at once (and the theme set back to light), so only once.
      if (scheme === 'light') await app.screenshots('reader-turn-badges');
    });

    test('filters typed as query syntax show ticked in their facets; unticking removes them', async ({
      page,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.type('speaker:psaki date:2021');
      await expect(app.facetValue('Speaker', 'Jen Psaki')).toBeChecked();
      const pressed = app.facet('Date').locator('.bar[aria-pressed=true]');
      await expect(pressed.first()).toBeVisible();
      for (const key of await pressed.evaluateAll((bars) => bars.map((b) => b.getAttribute('data-key'))))
        expect(key).toMatch(/^2021/);
      // The histogram's axes are labelled.
      await expect(app.facet('Date').locator('.axis-head')).toHaveText(/^Matches per (year|month|week|day)$/);
      await expect(app.facet('Date').locator('.axis-max')).toHaveText(/^\d[\d,]*$/);
      await expect(app.facet('Date').locator('.axis-first')).not.toBeEmpty();
      await app.expectAxeClean('typed filters ticked');
      if (scheme === 'light') await app.screenshots('typed-filters');

      await app.press('Alt+1', 'ArrowDown');
      await expect(app.facetValue('Speaker', 'Jen Psaki')).toBeFocused();
      await app.press('Space');
      await app.settled();
      await expect(app.search).toHaveValue('date:2021');
      await expect(app.facetValue('Speaker', 'Jen Psaki')).not.toBeChecked();
    });

    test('leaving Reporter out: x in the speaker facet and a typed -speaker:reporter agree', async ({
      page,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.type('border');
      const border = await app.totalCount();
      await app.press('Alt+1');
      await page.keyboard.insertText('reporter');
      const reporter = app.facet('Speaker').locator('.facet-value').first();
      await expect(reporter.locator('.facet-label')).toHaveText(/^reporter$/i);
      const reporterCount = Number(
        ((await reporter.locator('.facet-count').textContent()) ?? '').replace(/,/g, ''),
      );
      expect(reporterCount).toBeGreaterThan(0);
      await app.press('ArrowDown');
      await expect(reporter.getByRole('checkbox')).toBeFocused();
      await app.press('x');
      await app.settled();
      await expect(app.chips).toHaveText([/Not speaker: reporter/i]);
      expect(await app.totalCount()).toBe(border - reporterCount);
      expect(new URL(page.url()).hash).toMatch(/notSpeaker=reporter/i);
      await app.expectAxeClean('a speaker left out');
      if (scheme === 'light') await app.screenshots('speaker-excluded');
      // x again brings Reporter back.
      await app.press('x');
      await app.settled();
      await expect(app.chips).toHaveCount(0);
      expect(await app.totalCount()).toBe(border);

      await app.press('/', 'Control+a');
      await app.type('border -speaker:reporter');
      await expect(app.chips).toHaveText([/not speaker: reporter/i]);
      expect(await app.totalCount()).toBe(border - reporterCount);
    });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`task: open another folder from the browser, by Ctrl+O and its path (${scheme})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new DictumPage(page);
    await app.open();
    const original = ((await (await request.get('/api/status')).json()) as { corpus: { path: string } })
      .corpus.path;
    const other = mkdtempSync(join(tmpdir(), 'dictum-e2e-other-'));
    writeFileSync(
      join(other, 'harbour.md'),
      '---\ntitle: Harbour notes\ndate: 2024-05-01\n---\n\nThe harbourmaster said: "The zanzibarite cargo arrives on Monday."\n',
    );
    try {
      // Whether the page kept the browser from its own Ctrl+O (its file dialog).
      await page.evaluate(
        "window.addEventListener('keydown', (e) => { if (e.key === 'o' && e.ctrlKey) window.ctrlO = e.defaultPrevented; })",
      );
      await app.press('Control+o');
      const dialog = page.getByRole('dialog', { name: 'Open a folder' });
      await expect(dialog).toBeVisible();
      expect(await page.evaluate('window.ctrlO')).toBe(true);
      const path = dialog.getByRole('textbox', { name: /full path/ });
      await expect(path).toBeFocused();
      await expect(dialog).toContainText(`Dictum searches ${original}`);
      await app.expectAxeClean('the open-folder dialog');
      if (scheme === 'light') await app.screenshots('open-folder');

      // A path that is not a folder is refused, and says so.
      await page.keyboard.type(join(other, 'nothing-here'));
      await app.press('Enter');
      await expect(dialog.getByRole('alert')).toContainText('is not a folder');
      await app.press('Control+a');
      await page.keyboard.type(other);
      await app.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(app.search).toBeFocused();
      await expect(page.locator('.status-corpus')).toContainText(basename(other));
      await app.type('zanzibarite');
      await expect.poll(() => app.totalCount()).toBe(1);
      await expect(app.options.first()).toContainText('zanzibarite');
      await app.expectAxeClean('another folder, searched');

      // A folder dropped on the page: the browser does not navigate to it; the dialog asks where it is.
      const url = page.url();
      const dropped = await page.evaluateHandle(
        "(() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'articles')); return d; })()",
      );
      await page.dispatchEvent('main', 'dragover', { dataTransfer: dropped });
      await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('“articles” was dropped here');
      expect(page.url()).toBe(url);
      await app.press('Escape');
    } finally {
      // Back to the bundled corpus for the journeys that follow.
      const { actionToken } = (await (await request.get('/api/open-folder')).json()) as {
        actionToken: string;
      };
      await request.post('/api/open-folder', {
        headers: { 'x-dictum-action': actionToken },
        data: { path: original },
      });
      rmSync(other, { recursive: true, force: true });
    }
  });
}
