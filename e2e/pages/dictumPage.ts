/**
 * The Dictum UI as the journeys see it: every action is a key press, and every check reads
 * what a person (or a screen reader) would: roles, names, visible text.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export class DictumPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly options: Locator;
  readonly total: Locator;
  readonly chips: Locator;
  readonly reader: Locator;
  readonly readerText: Locator;
  readonly hitPosition: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('combobox', { name: 'Search' });
    this.results = page.getByRole('listbox', { name: 'Results' });
    this.options = this.results.getByRole('option');
    this.total = page.locator('.results-total');
    this.chips = page.getByRole('group', { name: 'Active filters' }).getByRole('button');
    this.reader = page.getByRole('region', { name: 'Reader' });
    this.readerText = this.reader.locator('article');
    this.hitPosition = this.reader.locator('.reader-position');
  }

  /** Opens the app once the corpus is indexed, so counts no longer move under the test. */
  async open(fragment = ''): Promise<void> {
    await expect
      .poll(
        async () =>
          ((await (await this.page.request.get('/api/status')).json()) as { progress: { phase: string } })
            .progress.phase,
        {
          timeout: 45_000,
        },
      )
      .toBe('ready');
    await this.page.goto(`/${fragment}`);
    await expect(this.search).toBeVisible();
    await this.settled();
  }

  /** Waits until the results answer the current state. */
  async settled(): Promise<void> {
    await expect(this.results).toHaveAttribute('aria-busy', 'false');
  }

  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 25 });
    await this.settled();
  }

  /** The number of results the page says it has. */
  async totalCount(): Promise<number> {
    const text = (await this.total.textContent()) ?? '';
    return Number((/^[\d,]+/.exec(text)?.[0] ?? '').replace(/,/g, ''));
  }

  activeOption(): Locator {
    return this.results.locator('[role=option][aria-selected=true]');
  }

  facet(name: 'Speaker' | 'Topic' | 'Tags' | 'Date' | 'Kind'): Locator {
    return this.page.getByRole('region', { name });
  }

  facetValue(facet: 'Speaker' | 'Topic' | 'Tags' | 'Kind', value: string): Locator {
    return this.facet(facet).getByRole('checkbox', { name: value, exact: true });
  }

  /** The text the clipboard holds. */
  async clipboard(): Promise<string> {
    return String(await this.page.evaluate('navigator.clipboard.readText()'));
  }

  focused(): Locator {
    return this.page.locator(':focus');
  }

  /** Every axe violation on the page, of any impact, described well enough to fix. */
  async axeViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  }

  /** Checks the screen with axe: no violation at all. */
  async expectAxeClean(where: string): Promise<void> {
    expect(await this.axeViolations(), `axe on ${where}`).toEqual([]);
  }

  /** Saves a screenshot in the light and the dark theme. */
  async screenshots(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await this.page.emulateMedia({ colorScheme: scheme });
      await this.page.screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`) });
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}
