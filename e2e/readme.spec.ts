/**
 * The README's screenshots, taken from the running UI. Run on purpose only (they overwrite
 * e2e/readme/*.png): `DICTUM_README_SHOTS=1 npx playwright test e2e/readme.spec.ts`.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { DictumPage } from './pages/dictumPage';

const README = join(__dirname, 'readme');
const SEED_PATH = 'news/cgtn-2021-12-xi-putin-video-call.txt';

test.skip(process.env.DICTUM_README_SHOTS !== '1', 'README screenshots are taken on purpose only');

test('README screenshots', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new DictumPage(page);
  await app.open();

  // A search narrowed to one speaker, light theme.
  await page.emulateMedia({ colorScheme: 'light' });
  await app.type('olympics');
  await app.press('Alt+1');
  await app.type('reporter');
  await app.press('Enter');
  await app.settled();
  await app.press('Alt+1', 'Escape', 'Control+k', 'End');
  await expect(app.chips).toHaveText([/Speaker: Reporter/]);
  await page.screenshot({ path: join(README, 'search-light.png') });

  // Finding a speaker by typing, dark theme.
  await app.press('Escape', 'Escape');
  await app.settled();
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.press('Alt+1');
  await page.keyboard.type('psak', { delay: 25 });
  await expect(app.facet('Speaker').getByRole('checkbox').first()).toHaveAccessibleName(/Psaki/);
  await page.screenshot({ path: join(README, 'speaker-filter-dark.png') });

  // The reader on Putin's words about sport in the seed article, light theme.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await app.press('Control+k');
  await app.type('sport speaker:putin');
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await app.press('ArrowDown');
    found = (await app.activeOption().locator('.result-title').getAttribute('title')) === SEED_PATH;
  }
  expect(found).toBe(true);
  await app.press('Enter');
  await expect(app.reader).toBeVisible();
  await page.screenshot({ path: join(README, 'reader-light.png') });

  // Climate over time, Biden against Xi, light theme.
  await page.goto('/#q=climate&speaker=Joe+Biden&speaker=Xi+Jinping');
  await app.settled();
  await app.press('Alt+t');
  await expect(page.getByRole('region', { name: 'Over time' }).locator('circle').first()).toBeVisible();
  await page.screenshot({ path: join(README, 'timeline-light.png') });
});
