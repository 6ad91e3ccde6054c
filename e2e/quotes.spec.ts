import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const report = (date: string, source: string, words: string) =>
  `---\ntitle: ${source} on the harbour, ${date}\ndate: ${date}\nsource: ${source}\n---\n\n${words} the harbourmaster said.\n`;

// Three outlets quote the same words (one in part, one worded a little differently): one row
// per quote by keyboard, then the reader lists the other reports with their differences.
test('quote groups: one row per quote (Alt+Q), the reader lists the other reports with their differences', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const original = ((await (await request.get('/api/status')).json()) as { corpus: { path: string } }).corpus
    .path;
  const folder = mkdtempSync(join(tmpdir(), 'dictum-e2e-quotes-'));
  const words =
    'The zanzibarite cargo will reach the northern quay before the winter storms close the harbour';
  writeFileSync(join(folder, 'first.md'), report('2024-05-01', 'Harbour Gazette', `"${words},"`));
  writeFileSync(
    join(folder, 'second.md'),
    report(
      '2024-05-02',
      'Coastal Times',
      '“The zanzibarite cargo will reach the northern quay before the storms close the harbour,”',
    ),
  );
  writeFileSync(
    join(folder, 'third.md'),
    report(
      '2024-05-03',
      'Evening Wire',
      '"The zanzibarite cargo will reach the northern quay before the winter storms,"',
    ),
  );
  try {
    await openFolder(request, folder);
    const app = new DictumPage(page);
    await app.open();
    await app.type('zanzibarite');
    await expect.poll(() => app.totalCount()).toBe(3);
    await expect(app.options.first()).toContainText(
      'Reported by 3 sources, first on 2024-05-01 by Harbour Gazette',
    );

    await app.press('Alt+q');
    await app.settled();
    await expect.poll(() => app.totalCount()).toBe(1);
    await expect(page.getByRole('button', { name: 'One row per quote' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(page.url()).toContain('collapse=1');

    await app.press('ArrowDown', 'Enter');
    await expect(app.reader).toBeVisible();
    const reports = app.reader.getByRole('list', { name: /Reported by 3 sources/ });
    await expect(reports.getByRole('listitem')).toHaveCount(3);
    await expect(reports.getByRole('listitem').nth(0)).toContainText('the full version');
    await expect(reports.getByRole('listitem').nth(1)).toContainText('worded differently');
    await expect(reports.getByRole('listitem').nth(1).locator('del')).toHaveText('winter');
    await expect(reports.getByRole('listitem').nth(2)).toContainText('part of it');
    await app.expectAxeClean('the reader with the other reports');
    await app.screenshots('quotes-reader');

    // Tab to the third report and open it by keyboard.
    const third = reports.getByRole('button', { name: /Evening Wire/ });
    for (let i = 0; i < 30 && !(await third.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
      await app.press('Tab');
    await expect(third).toBeFocused();
    await app.press('Enter');
    await expect(app.reader.getByRole('heading', { level: 1 })).toContainText('Evening Wire');
  } finally {
    await openFolder(request, original);
    rmSync(folder, { recursive: true, force: true });
  }
});
