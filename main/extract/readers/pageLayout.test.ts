import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  joinLines,
  layoutPages,
  normalizeText,
  titleFromLayout,
  type PageItem,
  type PageText,
} from './pageLayout';

const LINE = 14;

/** Lines of text set from the top of a column, one item per line; '' leaves a blank line. */
function column(lines: string[], x: number, top: number, size = 10): PageItem[] {
  const items: PageItem[] = [];
  let y = top;
  for (const text of lines) {
    if (text) items.push({ text, x, y, width: text.length * size * 0.5, size });
    y -= LINE;
  }
  return items;
}

function page(n: number, items: PageItem[]): PageText {
  return { page: n, width: 612, height: 792, items };
}

describe('pageLayout', () => {
  it('reads two columns one after the other, under a title across both', () => {
    const items = [
      { text: 'Budget Talks Resume', x: 60, y: 740, width: 300, size: 20 },
      ...column(['Left one starts', 'and goes on.', '', 'Left two.', 'More left.'], 60, 700),
      ...column(['Right one starts', 'and goes on.', '', 'Right two.', 'More right.'], 330, 700),
    ];
    const { paragraphs } = layoutPages([page(1, items)]);
    assert.deepEqual(
      paragraphs.map((p) => p.text),
      [
        'Budget Talks Resume',
        'Left one starts and goes on.',
        'Left two. More left.',
        'Right one starts and goes on.',
        'Right two. More right.',
      ],
    );
    assert.equal(titleFromLayout(paragraphs), 'Budget Talks Resume');
  });

  it('rejoins words split at a line end, keeps real hyphens, and normalises ligatures', () => {
    const items = column(['The commit-', 'tee met a well-', 'known ﬁnancier; a well-known one.'], 60, 700);
    const { paragraphs } = layoutPages([page(1, items)]);
    assert.equal(paragraphs[0]?.text, 'The committee met a well-known financier; a well-known one.');
    assert.equal(normalizeText('ﬂoor\u00a0ﬁx'), 'floor fix');
    assert.equal(joinLines('co-', 'Operation', new Set()), 'co- Operation');
  });

  it('drops running headers, footers and page numbers, and counts them', () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        { text: 'Quarterly Review — example.org', x: 60, y: 770, width: 200, size: 8 },
        ...column([`Body text of page ${n} goes here.`, 'Second line of it.'], 60, 650),
        { text: `Page ${n} of 3`, x: 500, y: 30, width: 50, size: 8 },
      ]),
    );
    const { paragraphs, dropped } = layoutPages(pages);
    assert.deepEqual(
      paragraphs.map((p) => [p.page, p.text]),
      [1, 2, 3].map((n) => [n, `Body text of page ${n} goes here. Second line of it.`]),
    );
    assert.equal(dropped['page number'], 'Page 1 of 3'.length * 3);
    assert.equal(dropped['running header or footer'], 'Quarterly Review — example.org'.length * 3);
  });

  it('keeps a paragraph that runs over a page break whole, on the page it starts', () => {
    const pages = [
      page(1, column(['First paragraph ends here.', '', 'Second paragraph runs on to the'], 60, 700)),
      page(2, column(['next page and ends.', '', 'Third.'], 60, 700)),
    ];
    const { paragraphs } = layoutPages(pages);
    assert.deepEqual(
      paragraphs.map((p) => [p.page, p.text]),
      [
        [1, 'First paragraph ends here.'],
        [1, 'Second paragraph runs on to the next page and ends.'],
        [2, 'Third.'],
      ],
    );
  });

  it('keeps text that only looks like a header when it does not repeat', () => {
    const pages = [
      page(1, column(['Opening line of the story.', 'It goes on.'], 60, 760)),
      page(2, column(['A different first line.', 'Then it ends.'], 60, 760)),
    ];
    const { paragraphs, dropped } = layoutPages(pages);
    assert.equal(paragraphs.length, 2);
    assert.equal(dropped['running header or footer'], 0);
  });
});

describe('pageLayout headings', () => {
  it('keeps the title set large on page 1 though the running header repeats it', () => {
    const pages = [1, 2].map((n) =>
      page(n, [
        { text: 'Harbour Report', x: 60, y: 770, width: 60, size: 8 },
        ...(n === 1 ? [{ text: 'Harbour Report', x: 60, y: 740, width: 200, size: 20 }] : []),
        ...column([`Body of page ${n}.`, 'More body.'], 60, 650),
      ]),
    );
    const { paragraphs } = layoutPages(pages);
    assert.deepEqual(
      paragraphs.map((p) => p.text),
      ['Harbour Report', 'Body of page 1. More body.', 'Body of page 2. More body.'],
    );
  });
});
