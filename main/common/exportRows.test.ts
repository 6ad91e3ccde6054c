import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Hit } from './contract';
import { csvField, EXPORT_COLUMNS, exportLine, exportPreamble, exportRecord } from './exportRows';

function makeHit(i: number, text = `Statement ${i}, "quoted", on two\nlines.`): Hit {
  return {
    id: `doc${i}#0`,
    docId: `doc${i}`,
    kind: 'quote',
    speaker: i % 2 === 0 ? 'Jen Psaki' : null,
    text,
    snippet: text.slice(0, 20),
    highlights: [[0, 9]],
    date: '2021-12-06',
    dateSource: 'text',
    topics: ['politics', 'sport'],
    title: 'Press Briefing, December 6, 2021',
    source: 'The White House',
    url: 'https://example.org/b?x=1,2',
    path: 'wh/b.md',
    start: 100,
    end: 100 + text.length,
    score: 1,
  };
}

test('CSV starts with a BOM and a header; JSON Lines with the first record', () => {
  assert.equal(exportPreamble('csv'), `\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`);
  assert.equal(exportPreamble('jsonl'), '');
});

test('RFC 4180 fields: quoted when needed, quotes doubled; formulas neutralised', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-1'), "'-1");
});

test('a CSV export parses back, with a real CSV parser, to the same values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 20 }),
      (texts) => {
        const hits = texts.map((t, i) => makeHit(i, t));
        const csv = exportPreamble('csv') + hits.map((h) => exportLine('csv', h)).join('');
        const rows = parse(csv, { bom: true, columns: true, relax_column_count: false }) as Array<
          Record<string, string>
        >;
        assert.equal(rows.length, hits.length);
        rows.forEach((row, i) => {
          const hit = hits[i]!;
          assert.deepEqual(Object.keys(row), [...EXPORT_COLUMNS]);
          const text = /^[=+\-@]/.test(hit.text) ? `'${hit.text}` : hit.text;
          assert.equal(row.text, text);
          assert.equal(row.speaker, hit.speaker ?? '');
          assert.equal(row.topics, 'politics; sport');
          assert.equal(row.url, hit.url);
          assert.equal(row.highlights, '0-9');
          assert.equal(Number(row.start), hit.start);
        });
      },
    ),
  );
});

test('a JSON Lines export parses back line by line to the exported record', () => {
  const hits = [makeHit(1), makeHit(2, 'Line\u2028separator and emoji 😀')];
  const lines = hits.map((h) => exportLine('jsonl', h));
  for (const [i, line] of lines.entries()) {
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
    assert.deepEqual(JSON.parse(line), exportRecord(hits[i]!));
  }
  assert.equal(exportRecord(hits[0]!).page, null);
  assert.equal(exportRecord({ ...hits[0]!, page: 3 }).page, 3);
});
