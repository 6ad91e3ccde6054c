import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { DictumPage } from './pages/dictumPage';

// Export every match of the current search, by keyboard: Mod+Shift+E, pick a format, Enter.
for (const scheme of ['light', 'dark'] as const) {
  test(`export: every match of the search downloads as CSV that reopens cleanly (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = new DictumPage(page);
    await app.open();
    await app.type('nato');
    const total = await app.totalCount();
    expect(total).toBeGreaterThan(20);

    await app.press('Control+Shift+E');
    const dialog = page.getByRole('dialog', { name: 'Export every match' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`All ${total} matches`);
    await expect(dialog.getByRole('radio', { name: /^CSV/ })).toBeFocused();
    expect(await app.axeViolations(), 'export dialog').toEqual([]);
    await app.screenshots(`export-dialog-${scheme}`);

    const download = page.waitForEvent('download');
    await app.press('Enter');
    const file = await (await download).path();
    const rows = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.length).toBe(total);
    expect(rows.every((r) => /nato/i.test(r.text ?? ''))).toBe(true);
    await expect(dialog.getByRole('status')).toContainText(`Downloading ${total} matches as CSV`);

    // JSON Lines, chosen with the arrow key.
    await dialog.getByRole('radio', { name: /^CSV/ }).focus();
    await app.press('ArrowDown');
    const second = page.waitForEvent('download');
    await app.press('Enter');
    const lines = readFileSync(await (await second).path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(rows.map((r) => r.id));
  });
}
