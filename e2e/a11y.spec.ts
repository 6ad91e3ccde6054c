import { expect, test } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violation (${scheme})`, async ({ page }) => {
    // Each scan of a page with a whole document open takes several seconds.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new DictumPage(page);
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(m.text());
    });
    await app.open();
    expect(await app.axeViolations(), 'start').toEqual([]);

    await app.type('olympics');
    await app.press('ArrowDown', 'Alt+1', 'ArrowDown', 'Space');
    await app.settled();
    expect(await app.axeViolations(), 'results and a selected facet value').toEqual([]);

    await app.press('Alt+0', 'Enter');
    await expect(app.reader).toBeVisible();
    expect(await app.axeViolations(), 'reader').toEqual([]);

    await app.press('Escape', '?');
    await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
    expect(await app.axeViolations(), 'keyboard overlay').toEqual([]);
    await app.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeHidden();

    await app.press('Control+k');
    await app.type(' zzqxv');
    await expect(page.getByText(/No statements match/)).toBeVisible();
    expect(await app.axeViolations(), 'no results').toEqual([]);
    expect(csp, 'the page keeps to its Content-Security-Policy').toEqual([]);
  });
}

test('the layout works at 200% zoom (a 640 px wide viewport)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 640, height: 400 });
  const app = new DictumPage(page);
  await app.open();
  await app.type('olympics');
  await app.press('ArrowDown');
  await expect(app.activeOption()).toBeInViewport();
  await app.press('Alt+1');
  await expect(app.facet('Speaker').getByRole('searchbox')).toBeInViewport();
  const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
  expect(overflow, 'no horizontal scrolling').toBe(false);
  await app.screenshots('zoom200');
  expect(await app.axeViolations()).toEqual([]);
});
