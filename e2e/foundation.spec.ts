import { expect, test } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

test('journey 1: search from the keyboard, move through results, narrow by a speaker', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();

  // Focus starts in the search box; move it away, then bring it back with "/".
  await app.press('Alt+0');
  await expect(app.results).toBeFocused();
  await app.press('/');
  await expect(app.search).toBeFocused();

  await app.type('olympics');
  const total = await app.totalCount();
  expect(total).toBeGreaterThan(0);
  await expect(app.options.first()).toContainText(/olympic/i);

  // Down takes focus into the results and moves through them; Up from the first goes back.
  await app.press('ArrowDown');
  await expect(app.results).toBeFocused();
  await expect(app.activeOption()).toHaveAttribute('aria-posinset', '1');
  await app.press('ArrowDown');
  await expect(app.activeOption()).toHaveAttribute('aria-posinset', '2');
  await app.press('ArrowUp', 'ArrowUp');
  await expect(app.search).toBeFocused();
  await expect(app.activeOption()).toHaveAttribute('aria-posinset', '1');
  // Typing in the list goes on in the search box.
  await app.press('ArrowDown');
  await expect(app.results).toBeFocused();
  await app.type('s');
  await expect(app.search).toBeFocused();
  await expect(app.search).toHaveValue('olympicss');
  await app.press('Backspace');
  await app.settled();

  // Alt+1 goes to the speaker facet; Down reaches its first value; Space selects it.
  await app.press('Alt+1');
  await expect(app.facet('Speaker').getByRole('searchbox')).toBeFocused();
  await app.press('ArrowDown');
  const first = app.focused();
  await expect(first).toHaveRole('checkbox');
  const speaker = (await first.getAttribute('data-value')) ?? '';
  const speakerCount = Number(
    (
      (await app
        .facet('Speaker')
        .locator(`[id="${await first.getAttribute('aria-describedby')}"]`)
        .textContent()) ?? ''
    ).replace(/\D/g, ''),
  );
  await app.press('Space');
  await app.settled();
  await expect(app.facetValue('Speaker', speaker)).toBeChecked();
  await expect(app.facetValue('Speaker', speaker)).toBeFocused();
  await expect(app.chips).toContainText([`Speaker: ${speaker}`]);
  // The facet said how many results the speaker has; the list now shows exactly those.
  expect(await app.totalCount()).toBe(speakerCount);
  await expect(app.options.first().locator('.result-speaker')).toHaveText(speaker);

  await app.screenshots('journey1-results-facets');
});
