import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

/** Opens `dir` in the running server (setup, as the open-folder journey does it by keyboard). */
async function openFolder(request: APIRequestContext, dir: string): Promise<void> {
  const { actionToken } = (await (await request.get('/api/open-folder')).json()) as { actionToken: string };
  const answer = await request.post('/api/open-folder', {
    headers: { 'x-dictum-action': actionToken },
    data: { path: dir },
  });
  expect(answer.ok(), await answer.text()).toBe(true);
}

const article = (date: string, who: string, words: string) =>
  `---\ntitle: Port notes ${date}\ndate: ${date}\n---\n\n${who} said: "${words}"\n`;

// Save a search, let the folder change, see its new matches counted, open it: all by keyboard.
for (const scheme of ['light', 'dark'] as const) {
  test(`saved search: new matches counted as files arrive, reset when opened (${scheme})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const original = ((await (await request.get('/api/status')).json()) as { corpus: { path: string } })
      .corpus.path;
    const folder = mkdtempSync(join(tmpdir(), 'dictum-e2e-saved-'));
    writeFileSync(
      join(folder, 'first.md'),
      article('2024-05-01', 'The harbourmaster', 'The zanzibarite cargo arrives on Monday.'),
    );
    writeFileSync(join(folder, 'other.md'), article('2024-05-02', 'The mayor', 'The quay opens in June.'));
    try {
      await openFolder(request, folder);
      const app = new DictumPage(page);
      await app.open();
      await app.type('zanzibarite');
      await expect.poll(() => app.totalCount()).toBe(1);
      await app.press('Alt+s'); // newest first: the sort is saved too

      // Mod+S: the search is named and saved.
      await app.press('Control+s');
      const save = page.getByRole('dialog', { name: 'Save this search' });
      await expect(save).toBeVisible();
      const name = save.getByRole('textbox', { name: 'Name' });
      await expect(name).toBeFocused();
      await expect(name).toHaveValue('zanzibarite');
      await expect(save).toContainText('Saves: zanzibarite · newest first.');
      await app.expectAxeClean('the save-search dialog');
      if (scheme === 'light') await app.screenshots('saved-save-dialog');
      await page.keyboard.type('Zanzibarite cargo');
      await app.press('Enter');
      await expect(save).toBeHidden();
      const stored = JSON.parse(readFileSync(join(folder, 'dictum-saved.json'), 'utf8')) as {
        searches: Array<{ name: string; query: { q: string; sort: string } }>;
      };
      expect(stored.searches.map((s) => [s.name, s.query.q, s.query.sort])).toEqual([
        ['Zanzibarite cargo', 'zanzibarite', 'date-desc'],
      ]);

      // A file arrives in the folder: the status bar tells of the new matches.
      writeFileSync(
        join(folder, 'second.md'),
        article(
          '2024-05-03',
          'The harbourmaster',
          'More zanzibarite came today; the zanzibarite sheds are full.',
        ),
      );
      writeFileSync(
        join(folder, 'third.md'),
        article('2024-05-04', 'A docker', 'We unloaded zanzibarite all night.'),
      );
      const notice = page.locator('.saved-notice');
      await expect(notice).toContainText('2 new matches for “Zanzibarite cargo”', { timeout: 30_000 });
      await expect(page.getByRole('button', { name: /^Saved searches · 2 new$/ })).toBeVisible();

      // Alt+L: the list, the saved search focused, its new count shown.
      await app.press('Escape', 'Escape', 'Escape');
      await expect(app.search).toHaveValue('');
      await app.press('Alt+l');
      const list = page.getByRole('dialog', { name: 'Saved searches' });
      await expect(list).toBeVisible();
      const row = list.getByRole('button', { name: /^Zanzibarite cargo/ });
      await expect(row).toBeFocused();
      await expect(row).toContainText('2 new');
      await expect(row).toContainText('zanzibarite · newest first · 3 matches');
      await app.expectAxeClean('the list of saved searches');
      if (scheme === 'light') await app.screenshots('saved-list');

      // Enter opens it: the search comes back as saved, and its count goes back to 0.
      await app.press('Enter');
      await expect(list).toBeHidden();
      await expect(app.search).toHaveValue('zanzibarite');
      await app.settled();
      await expect.poll(() => app.totalCount()).toBe(3);
      await expect(app.options.first()).toContainText('unloaded zanzibarite');
      await expect(page.getByRole('button', { name: /^Saved searches$/ })).toBeVisible();
      await app.press('Alt+l');
      await expect(row).toBeFocused();
      await expect(row).toContainText('no new matches');

      // F2 renames in place; Delete twice deletes.
      await app.press('F2');
      const rename = list.getByRole('textbox', { name: /New name for “Zanzibarite cargo”/ });
      await expect(rename).toBeFocused();
      await app.press('Control+a');
      await page.keyboard.type('Cargo');
      await app.press('Enter');
      const renamed = list.getByRole('button', { name: /^Cargo/ });
      await expect(renamed).toBeFocused();
      await app.press('Delete');
      await expect(renamed).toContainText('Press Delete again to delete it');
      await app.expectAxeClean('a saved search about to be deleted');
      await app.press('Delete');
      await expect(list).toContainText('No saved searches yet');
      await app.press('Escape');
      await expect(list).toBeHidden();
    } finally {
      await openFolder(request, original);
      rmSync(folder, { recursive: true, force: true });
    }
  });
}
