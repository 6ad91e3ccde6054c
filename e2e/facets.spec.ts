/**
 * Facet rough edges of issue 17, by keyboard: every value reachable through "more", which
 * says how many more there are; "No speaker" a value to include or leave out.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DictumPage } from './pages/dictumPage';

interface FacetsAnswer {
  total: number;
  facets: { speaker: Array<{ value: string; count: number }> };
  facetMore?: { speaker?: number };
}

/** The facets of the whole corpus as the service counts them, with every value or its first ones. */
async function corpusFacets(request: APIRequestContext, everyValue: boolean): Promise<FacetsAnswer> {
  const response = await request.get(`/api/search?limit=0${everyValue ? '&facetLimit=1000' : ''}`);
  return (await response.json()) as FacetsAnswer;
}

test.describe.configure({ timeout: 120_000 });

test('every speaker is reachable: "more" says how many more, Enter on it shows them', async ({
  page,
  request,
}) => {
  const app = new DictumPage(page);
  await app.open();
  const first = await corpusFacets(request, false);
  const every = await corpusFacets(request, true);
  // The service cuts the list: some speakers are only reachable past its first answer.
  expect(first.facetMore?.speaker ?? 0).toBeGreaterThan(0);
  expect(every.facetMore?.speaker).toBeUndefined();
  const allSpeakers = every.facets.speaker.length;

  const speaker = app.facet('Speaker');
  const boxes = speaker.getByRole('checkbox');
  const more = speaker.locator('.facet-more');
  await app.press('Alt+1', 'Tab');
  await expect(boxes.first()).toBeFocused();
  const shownAtFirst = await boxes.count();
  await app.press('Tab');
  await expect(more).toBeFocused();
  await expect(more).toHaveText(new RegExp(`\\(of ${allSpeakers - shownAtFirst}\\)$`));

  // Enter expands, and focus goes to the first value it revealed; until every value shows.
  for (let step = 0; step < 10 && (await more.isVisible()); step++) {
    const before = await boxes.count();
    const label = (await more.textContent()) ?? '';
    const hidden = Number((/\(of ([\d,]+)\)$/.exec(label) ?? /^Show ([\d,]+) more$/.exec(label))?.[1]);
    expect(before + hidden).toBe(allSpeakers);
    await app.press('Enter');
    await expect(boxes.nth(before)).toBeFocused();
    if (await more.isVisible()) await app.press('Tab');
  }
  await expect(more).toBeHidden();
  await expect(boxes).toHaveCount(allSpeakers);
  // The last speaker of all is there to tick.
  const last = every.facets.speaker[allSpeakers - 1]!.value;
  await app.press('End');
  await expect(boxes.last()).toBeFocused();
  await app.press('Space');
  await app.settled();
  await expect(app.chips).toContainText([`Speaker: ${last === '(no speaker)' ? 'No speaker' : last}`]);
  await app.expectAxeClean('every speaker shown');
});

test('"No speaker" is a value: found by typing, selected, left out, and typed in the query', async ({
  page,
  request,
}) => {
  const app = new DictumPage(page);
  await app.open();
  const all = await corpusFacets(request, true);
  const none = all.facets.speaker.find((v) => v.value === '(no speaker)');
  expect(none?.count ?? 0).toBeGreaterThan(0);

  await app.press('Alt+1');
  await page.keyboard.insertText('no sp');
  const noSpeaker = app.facetValue('Speaker', 'No speaker');
  // The finder's matches come from the service: wait until they head the list, not the old list.
  await expect(app.facet('Speaker').getByRole('checkbox').first()).toHaveAccessibleName('No speaker');
  await app.press('ArrowDown');
  await expect(noSpeaker).toBeFocused();
  await app.press('Space');
  await app.settled();
  await expect(app.chips).toHaveText([/^Speaker: No speaker/]);
  expect(await app.totalCount()).toBe(none!.count);
  // None of the statements listed has a speaker.
  await expect(app.options.first()).toBeVisible();
  await expect(app.options.first().locator('.result-speaker')).toHaveText('No speaker');

  await app.press('x');
  await app.settled();
  await expect(app.chips).toHaveText([/^Not speaker: No speaker/]);
  expect(await app.totalCount()).toBe(all.total - none!.count);
  expect(new URL(page.url()).hash).toMatch(/notSpeaker=%28no(%20|\+)speaker%29/i);

  // The query syntax names it in full, and the facet shows it ticked.
  await app.press('x');
  await app.settled();
  await expect(app.chips).toHaveCount(0);
  await app.press('/', 'Control+a');
  await app.type('speaker:"(no speaker)"');
  expect(await app.totalCount()).toBe(none!.count);
  await expect(app.facetValue('Speaker', 'No speaker')).toBeChecked();
});

test("the sources' own tags have a facet of their own, in words, apart from the IPTC topics", async ({
  page,
}) => {
  const app = new DictumPage(page);
  await app.open();
  const topics = app.facet('Topic');
  await expect(topics.getByRole('checkbox', { name: 'Politics', exact: true })).toBeVisible();
  for (const tag of ['Press briefings', 'Speeches remarks']) {
    await expect(app.facetValue('Tags', tag)).toBeVisible();
    await expect(topics.getByRole('checkbox', { name: tag })).toHaveCount(0);
  }
  // No slug is shown as a label, in either list.
  for (const label of await page
    .locator('#facet-topic .facet-label, #facet-tags .facet-label')
    .allTextContents())
    expect(label).not.toMatch(/^[a-z]+(-[a-z]+)+$/);

  // A Kremlin tag is found by its own name, typed or ticked.
  await app.type('topic:"foreign policy"');
  const foreignPolicy = await app.totalCount();
  expect(foreignPolicy).toBeGreaterThan(0);
  await expect(app.facetValue('Tags', 'Foreign policy')).toBeChecked();
  await app.press('Control+a', 'Backspace');
  await app.settled();
  await expect(app.facetValue('Tags', 'Foreign policy')).not.toBeChecked();
  // From the topics (Alt+2), Tab reaches the tags; arrows go down to it.
  await app.press('Alt+2', 'Tab');
  await expect(app.focused()).toHaveAttribute('class', /facet-box/);
  const foreignPolicyId = await app.facetValue('Tags', 'Foreign policy').getAttribute('id');
  for (let i = 0; i < 30 && (await app.focused().getAttribute('id')) !== foreignPolicyId; i++)
    await app.press('ArrowDown');
  await expect(app.facetValue('Tags', 'Foreign policy')).toBeFocused();
  await app.press('Space');
  await app.settled();
  await expect(app.chips).toHaveText([/^Topic: Foreign policy/]);
  expect(await app.totalCount()).toBe(foreignPolicy);
  await app.expectAxeClean('tags facet');
});
