import { expect, test } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

test('the list stays virtual: thousands of results, few rows in the page, the last one reachable', async ({
  page,
}) => {
  const app = new DictumPage(page);
  await app.open();
  const total = await app.totalCount();
  expect(total).toBeGreaterThan(1000);
  expect(await app.options.count()).toBeLessThan(80);
  const windows: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/search' && u.searchParams.get('offset') !== '0')
      windows.push(`${u.searchParams.get('after') ?? ''}+${u.searchParams.get('offset')}`);
  });

  await app.press('Alt+0', 'End');
  await expect(app.activeOption()).toHaveAttribute('aria-posinset', String(total));
  await expect(app.activeOption()).toHaveAttribute('aria-setsize', String(total));
  await expect(app.activeOption()).not.toHaveClass(/is-loading/);
  await expect(app.activeOption()).toBeInViewport();
  expect(await app.options.count()).toBeLessThan(80);
  // The rows at the end were asked for once: no request repeats while they are shown.
  await page.waitForTimeout(1000);
  expect(windows.length).toBeGreaterThan(0);
  expect(new Set(windows).size, windows.join(' ')).toBe(windows.length);

  await app.press('Home', 'PageDown');
  const posinset = Number(await app.activeOption().getAttribute('aria-posinset'));
  expect(posinset).toBeGreaterThan(2);
  await app.screenshots('results-browse');
});

test('grouping by document, sorting, the keys overlay', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();
  await app.type('olympics');
  await app.press('Alt+g');
  await app.settled();
  const groupButton = page.getByRole('button', { name: 'Group by document' });
  await expect(groupButton).toHaveAttribute('aria-pressed', 'true');
  const headers = app.results.locator('.result-doc');
  await expect(headers.first()).toBeVisible();
  // Each document appears once, its statements under it.
  const titles = await headers.locator('.result-doc-title').allTextContents();
  expect(new Set(titles).size).toBe(titles.length);
  // Down skips document headers.
  await app.press('ArrowDown');
  await expect(app.activeOption()).toHaveClass(/result(?!-doc)/);
  await app.screenshots('results-grouped');

  await app.press('Alt+s');
  await expect(page.getByRole('button', { name: 'Newest first' })).toBeVisible();
  await app.press('Alt+g');
  await expect(groupButton).toHaveAttribute('aria-pressed', 'false');

  await app.press('Alt+0', '?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Focus the search box');
  await expect(dialog).toContainText('Ctrl+K');
  await app.screenshots('keys-overlay');
  await app.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.results).toBeFocused();
});

test('no results: says so, and offers only suggestions that find something', async ({ page }) => {
  const app = new DictumPage(page);
  await app.open();
  await app.type('olimpics');
  // The engine tolerates typos, so a misspelling may still match; an impossible filter cannot.
  await app.press('Alt+4', 'Space');
  await app.settled();
  await app.press('Control+k', 'End');
  await app.type(' speaker:zzzz');
  await expect(page.getByRole('heading', { name: /No statements match/ })).toBeVisible();
  const suggestions = page.locator('.suggestions li button');
  await expect(suggestions.first()).toBeVisible();
  await expect(suggestions.first()).toHaveText(/^Remove /);
  await app.screenshots('no-results');
  await suggestions.filter({ hasText: 'speaker: zzzz' }).click();
  await app.settled();
  expect(await app.totalCount()).toBeGreaterThan(0);
});

test('a malformed answer from the server is a plain error on screen, and the app goes on', async ({
  page,
}) => {
  const app = new DictumPage(page);
  await app.open();
  // The real server never sends this; a broken proxy or another version of it could.
  await page.route(/\/api\/search\?q=broken/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"total":"many","hits":[]}' }),
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await app.type('broken');
  await expect(page.getByRole('heading', { name: 'Dictum could not search' })).toBeVisible();
  await expect(
    page.getByText(/the server's answer to a search is not what Dictum expects \(\w+: /),
  ).toBeVisible();
  expect(errors, 'no uncaught error').toEqual([]);
  // The next search, answered as it should be, shows results again.
  await app.press('Control+a');
  await app.type('olympics');
  await expect(app.options.first()).toBeVisible();
});
