import { expect, test } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

/** The seed article of the bundled corpus (see corpus/README.md). */
const SEED_PATH = 'news/cgtn-2021-12-xi-putin-video-call.txt';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('journey 2: what Putin said about sport in the seed, read and cited', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();
  await app.type('sport');

  // Find the speaker by typing in the speaker facet; Enter selects the first one found.
  await app.press('Alt+1');
  await app.type('putin');
  await expect(app.facet('Speaker').getByRole('checkbox').first()).toHaveAccessibleName(/Putin/);
  await app.press('Enter');
  await app.settled();
  await expect(app.chips).toContainText([/Speaker: .*Putin/]);

  // Newest first brings the December 2021 article up; walk down to it.
  await app.press('Control+k');
  await expect(app.search).toBeFocused();
  await app.press('Alt+s');
  await app.settled();
  await expect(page.getByRole('button', { name: 'Newest first' })).toBeVisible();
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await app.press('ArrowDown');
    found = (await app.activeOption().locator('.result-title').getAttribute('title')) === SEED_PATH;
  }
  expect(found, 'a statement by Putin about sport in the seed is among the results').toBe(true);
  await expect(app.activeOption().locator('.result-speaker')).toContainText('Putin');

  // Enter opens the reader at that statement, with the hits highlighted.
  await app.press('Enter');
  await expect(app.reader).toBeVisible();
  await expect(app.reader.getByRole('heading', { level: 1 })).toContainText(/Xi|Putin/);
  await expect(app.readerText).toBeFocused();
  const hits = await app.readerText.locator('mark.hit').count();
  expect(hits).toBeGreaterThan(0);
  await expect(app.readerText.locator('mark.is-current').first()).toBeInViewport();
  await expect(app.hitPosition).toHaveText(/^Hit \d+ of \d+$/);
  const legend = app.reader.getByRole('list', { name: 'Speakers in this document' });
  await expect(legend).toContainText('Putin');

  // n and Shift+N step through the hits, wrapping around.
  const total = Number((await app.hitPosition.textContent())?.match(/of (\d+)/)?.[1]);
  const at = Number((await app.hitPosition.textContent())?.match(/Hit (\d+)/)?.[1]);
  await app.press('n');
  await expect(app.hitPosition).toHaveText(`Hit ${(at % total) + 1} of ${total}`);
  await app.press('Shift+N');
  await expect(app.hitPosition).toHaveText(`Hit ${at} of ${total}`);
  await app.screenshots('journey2-reader');

  // c copies a citation of the statement under the current hit.
  await app.press('c');
  await expect
    .poll(async () => String(await page.evaluate('navigator.clipboard.readText()')))
    .toMatch(/^".+" — .*Putin.*, CGTN, /);
  const citation = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(citation).toMatch(/sport/i);
  expect(citation).toMatch(/Dec 2021/);
});

test('journey 3: narrow by a date range, from the histogram and by typing', async ({ page, request }) => {
  const app = new DictumPage(page);
  await app.open();
  await app.type('olympics');
  const all = await app.totalCount();

  // Alt+3 goes to the histogram; End picks the last bar, Enter selects it, Shift+Enter extends.
  await app.press('Alt+3');
  const bars = app.facet('Date').getByRole('group').getByRole('button');
  await expect(app.focused()).toHaveAttribute('data-key', /^\d{4}/);
  await app.press('End', 'Enter');
  await app.settled();
  const last = (await app.focused().getAttribute('data-key')) ?? '';
  await app.press('ArrowLeft', 'Shift+Enter');
  await app.settled();
  const before = (await app.focused().getAttribute('data-key')) ?? '';
  expect(before < last).toBe(true);
  await expect(bars.and(page.locator('[aria-pressed=true]'))).toHaveCount(2);
  const ranged = await app.totalCount();
  expect(ranged).toBeLessThanOrEqual(all);
  await expect(app.chips).toContainText([/^Date: /]);

  // The total is what the service answers for that range.
  const answer = await request.get(`/api/search?q=olympics&from=${before}&to=${last}&limit=0`);
  expect(((await answer.json()) as { total: number }).total).toBe(ranged);

  // Typed dates: From and To take ISO dates of any precision.
  const from = app.facet('Date').getByRole('textbox', { name: 'From date' });
  const to = app.facet('Date').getByRole('textbox', { name: 'To date' });
  await from.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await app.page.keyboard.type('2021-12');
  await app.press('Tab');
  await expect(to).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await app.page.keyboard.type('2022-02');
  await app.press('Enter');
  await app.settled();
  await expect(app.chips).toContainText(['Date: Dec 2021 – Feb 2022']);
  expect(page.url()).toContain('from=2021-12');
  const typed = await app.totalCount();
  const check = await request.get('/api/search?q=olympics&from=2021-12&to=2022-02&limit=0');
  expect(((await check.json()) as { total: number }).total).toBe(typed);
  expect(typed).toBeGreaterThan(0);
  await app.screenshots('journey3-date-range');
});

test('journey 4: find one speaker among many by typing in the speaker facet', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();
  const speakers = app.facet('Speaker').getByRole('checkbox');
  const before = await speakers.count();
  expect(before).toBeGreaterThan(3);

  await app.press('Alt+1');
  await app.page.keyboard.type('psak', { delay: 25 });
  await expect(speakers.first()).toHaveAccessibleName(/Psaki/);
  // The matches of each letter typed arrive in turn ("p" also lists Putin): wait for "psak"'s.
  await expect
    .poll(async () =>
      (await speakers.evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''))).every(
        (name) => /\bpsak/i.test(name),
      ),
    )
    .toBe(true);
  await app.press('ArrowDown');
  await expect(speakers.first()).toBeFocused();
  await app.press('Space');
  await app.settled();
  await expect(speakers.first()).toBeChecked();
  await expect(app.chips).toContainText([/Speaker: .*Psaki/]);
  await expect(app.options.first().locator('.result-speaker')).toContainText('Psaki');
  await app.screenshots('journey4-speaker-filter');

  // Esc in the filter box empties it and the full list comes back, selection kept.
  await app.press('ArrowUp');
  await expect(app.facet('Speaker').getByRole('searchbox')).toBeFocused();
  await app.press('Escape');
  await expect(app.facet('Speaker').getByRole('searchbox')).toHaveValue('');
  await expect.poll(() => speakers.count()).toBeGreaterThan(1);
  await expect(app.facet('Speaker').getByRole('checkbox', { checked: true })).toHaveAccessibleName(/Psaki/);
});

test('journey 5: Esc steps back, then clears everything', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();
  const everything = await app.totalCount();
  await app.type('olympics');
  await app.press('Alt+4', 'Space');
  await app.settled();
  await app.press('Alt+3', 'End', 'Enter');
  await app.settled();
  await expect(app.chips).toHaveCount(2);
  await app.press('Alt+0', 'Enter');
  await expect(app.reader).toBeVisible();
  await app.screenshots('journey5-before-esc');

  await app.press('Escape');
  await expect(app.reader).toBeHidden();
  await expect(app.results).toBeFocused();
  await expect(app.activeOption()).toHaveCount(1);
  await app.press('Escape');
  await expect(app.search).toBeFocused();
  await app.press('Escape');
  await expect(app.search).toHaveValue('');
  await app.settled();
  await expect(app.chips).toHaveCount(2);
  await app.press('Escape');
  await app.settled();
  await expect(app.chips).toHaveCount(0);
  expect(await app.totalCount()).toBe(everything);
  expect(new URL(page.url()).hash).toBe('');
  await expect(app.search).toBeFocused();
  await app.screenshots('journey5-cleared');
});
