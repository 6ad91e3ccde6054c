import { expect, test } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const clipboard = (app: DictumPage) => async () =>
  String(await app.page.evaluate('navigator.clipboard.readText()'));

// Issue 20, task 1: what Putin said about NATO, opened and cited, by keyboard only.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    // Each axe scan takes a few seconds on these machines.
    test.describe.configure({ timeout: 120_000 });

    test('what Putin said about NATO: the citation from the reader and the list quotes the NATO sentence', async ({
      page,
    }) => {
      const app = new DictumPage(page);
      await app.open();
      await app.press('Alt+1');
      await app.type('putin');
      await expect(app.facet('Speaker').getByRole('checkbox').first()).toHaveAccessibleName(/Putin/);
      await app.press('Enter');
      await app.settled();
      await app.press('Control+k');
      await app.type('nato');
      await expect(app.options.first()).toBeVisible();

      // From the results list: the long UN speech is the NATO statement.
      await app.press('Alt+0');
      await expect(app.activeOption()).toBeVisible();
      await app.expectAxeClean('a speaker and a word');
      await app.press('c');
      await expect.poll(clipboard(app)).toMatch(/NATO/);
      const fromList = await clipboard(app)();
      expect(fromList).toMatch(
        /^"(… )?They began by continuing to expand NATO.*" — Vladimir Putin, UN General Debate, /,
      );
      expect(fromList).toMatch(/, 2015 \(accessed \d{1,2} \w{3} \d{4}\)$/);

      // From the reader, at the same hit: the same citation.
      await page.evaluate('navigator.clipboard.writeText("")');
      await app.press('Enter');
      await expect(app.readerText).toBeFocused();
      await app.press('c');
      await expect.poll(clipboard(app)).toMatch(/NATO/);
      expect(await clipboard(app)()).toBe(fromList);
      await app.expectAxeClean('the reader at the NATO sentence');
    });
  });
}
