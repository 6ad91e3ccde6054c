import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ExtractedDocument } from '../common/contract';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

const options = defaultExtractOptions();

function one(path: string, text: string, mtimeMs = 0): ExtractedDocument {
  const r = extractDocuments({ path, text, mtimeMs }, options);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.documents.length, 1);
  return r.documents[0]!;
}

function checkOffsets(doc: ExtractedDocument): void {
  for (const p of doc.passages) assert.equal(doc.text.slice(p.start, p.end), p.text);
}

const WH = `---
tags: speeches-remarks
date: '2021-12-08'
source_url: https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2021/12/08/remarks/
title: "Remarks by President Biden Before Marine One Departure"
---
South Lawn

10:59 A.M. EST

THE PRESIDENT:  I have some good news this morning.

It continues here.

Q    What did you achieve by talking with Putin yesterday?

THE PRESIDENT:  We made clear where we stand.

  MS. PSAKI:  Thanks, everyone.

SENIOR ADMINISTRATION OFFICIAL:  I will take that.
`;

test('White House transcript: turns, continuation, canonical and generic speakers', () => {
  const doc = one('whitehouse/2021-12-08-remarks.md', WH);
  checkOffsets(doc);
  assert.equal(doc.document.title, 'Remarks by President Biden Before Marine One Departure');
  assert.equal(doc.document.date, '2021-12-08');
  assert.equal(doc.document.dateSource, 'metadata');
  const turns = doc.passages.filter((p) => p.kind === 'turn').map((p) => [p.speaker, p.text]);
  assert.deepEqual(turns, [
    ['Joe Biden', 'I have some good news this morning.'],
    ['Joe Biden', 'It continues here.'],
    ['Reporter', 'What did you achieve by talking with Putin yesterday?'],
    ['Joe Biden', 'We made clear where we stand.'],
    ['Jen Psaki', 'Thanks, everyone.'],
    ['Senior administration official', 'I will take that.'],
  ]);
  const intro = doc.passages.filter((p) => p.kind === 'narrative').map((p) => p.text);
  // the place and time lines are no statements (datelines.ts)
  assert.deepEqual(intro, []);
});

test('White House: the press secretary named in the title; the president of the day otherwise', () => {
  // the page's own address says White House; the folder it is filed in says nothing
  const doc = one(
    'b.md',
    `---\ntitle: "Press Briefing by Press Secretary Karine Jean-Pierre"\ndate: '2022-07-01'\nsource_url: https://www.whitehouse.gov/briefing-room/press-briefings/2022/07/01/b/\n---\nMS. JEAN-PIERRE:  Hello.\n\nQ  Karine, a question.\n\nMS. JEAN-PIERRE:  Go ahead.\n\nTHE PRESIDENT:  (Inaudible.)\n`,
  );
  const speakers = doc.passages.filter((p) => p.kind === 'turn').map((p) => p.speaker);
  assert.deepEqual(speakers, ['Karine Jean-Pierre', 'Reporter', 'Karine Jean-Pierre', 'Joe Biden']);
});

test('Kremlin JSONL: per-paragraph speakers, labels removed, one canonical Putin, tags kept', () => {
  const rec = {
    id: '1',
    url: 'http://en.kremlin.ru/events/president/news/1',
    title: 'Meeting with athletes',
    date: '2018-02-27',
    lead: 'Vladimir Putin met with Olympic athletes.',
    sections: ['News', 'Transcripts'],
    tags: { Topics: ['Sport', 'Youth policy', 'Chess problems'], Persons: ['Someone'] },
    paragraphs: [
      {
        text: 'President of Russia Vladimir Putin: Good afternoon, friends.',
        speaker: 'President of Russia Vladimir Putin',
        turn_start: true,
      },
      {
        text: 'You did well at the Games.',
        speaker: 'President of Russia Vladimir Putin',
        turn_start: false,
      },
      { text: 'Question: Thank you. Will you come to the stadium?', speaker: 'Question', turn_start: true },
      { text: 'Vladimir Putin: Of course.', speaker: 'Vladimir Putin', turn_start: true },
    ],
  };
  const r = extractDocuments(
    { path: 'kremlin.jsonl', text: JSON.stringify(rec) + '\n' + '{"bad json\n', mtimeMs: 0 },
    options,
  );
  assert.ok(r.ok);
  assert.equal(r.documents.length, 1);
  assert.equal(r.warnings.length, 1);
  const doc = r.documents[0]!;
  checkOffsets(doc);
  assert.match(doc.document.id, /^d[0-9a-f]{16}-0$/);
  assert.deepEqual(
    doc.passages.filter((p) => p.kind === 'turn').map((p) => [p.speaker, p.text]),
    [
      ['Vladimir Putin', 'Good afternoon, friends.'],
      ['Vladimir Putin', 'You did well at the Games.'],
      ['Reporter', 'Thank you. Will you come to the stadium?'],
      ['Vladimir Putin', 'Of course.'],
    ],
  );
  assert.ok(doc.document.topics.includes('sport'));
  assert.ok(doc.document.topics.includes('society'));
  assert.ok(doc.document.topics.includes('chess-problems'));
  assert.ok(!doc.document.topics.includes('someone'));
});

test('JSON records: common field names', () => {
  const r = extractDocuments(
    {
      path: 'news.json',
      text: JSON.stringify({
        articles: [
          {
            headline: 'Budget talks',
            body: 'Talks went on.\n\n"We are close," said Senator Jane Roe.',
            published: '2019-03-04T10:00:00Z',
            author: 'A. Writer',
            tags: ['Economy'],
            url: 'https://x.test/1',
          },
          { title: 'Empty', content: '' },
          { title: 'Speech', text: 'My fellow citizens, thank you.', speaker: 'Mr. John Doe', date: 2015 },
        ],
      }),
      mtimeMs: 0,
    },
    options,
  );
  assert.ok(r.ok);
  assert.equal(r.documents.length, 2);
  const [a, b] = r.documents as [ExtractedDocument, ExtractedDocument];
  assert.equal(a.document.title, 'Budget talks');
  assert.equal(a.document.date, '2019-03-04');
  assert.equal(a.document.author, 'A. Writer');
  assert.equal(a.document.url, 'https://x.test/1');
  assert.ok(a.document.topics.includes('economy-business-finance'));
  assert.equal(a.passages.find((p) => p.kind === 'quote')?.speaker, 'Jane Roe');
  assert.equal(b.document.date, '2015');
  assert.deepEqual(
    b.passages.map((p) => [p.kind, p.speaker]),
    [['turn', 'John Doe']],
  );
  assert.notEqual(a.document.id, b.document.id);
});

test('HTML: article text without navigation, metadata from meta tags', () => {
  const html = `<!doctype html><html><head><title>Site | Story</title>
  <meta property="og:title" content="Leaders meet in Geneva">
  <meta name="author" content="Pat Reporter">
  <meta property="article:published_time" content="2021-06-16T12:00:00Z"></head>
  <body><nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
  <div class="ad">Buy our product today!</div>
  <article><h1>Leaders meet in Geneva</h1>
  <p>The two presidents met for several hours in a lakeside villa on Wednesday, and both described the talks as constructive and businesslike.</p>
  <p>"There is no happiness in life, only a mirage of it on the horizon," Putin told reporters after the meeting ended late in the afternoon.</p>
  <p>Biden said the meeting was good, positive and that he did what he came to do, as aides prepared the next steps for arms control talks.</p>
  </article><footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>`;
  const doc = one('story.html', html);
  checkOffsets(doc);
  assert.equal(doc.document.title, 'Leaders meet in Geneva');
  assert.equal(doc.document.author, 'Pat Reporter');
  assert.equal(doc.document.date, '2021-06-16');
  assert.ok(!doc.text.includes('Subscribe now'));
  assert.ok(!doc.text.includes('All rights reserved'));
  assert.equal(doc.passages.find((p) => p.kind === 'quote')?.speaker, 'Vladimir Putin');
});

test('quotes: multi-paragraph, straight marks, according to, role appositives, pronouns, scare quotes', () => {
  const text = [
    'German Chancellor Angela Merkel spoke in Berlin on Tuesday, March 3, 2020.',
    '"We have to act now. This is not a drill,',
    '"and nobody should believe otherwise," the German chancellor said.',
    'The plan was called a "bold step" by observers.',
    'According to Olaf Scholz, "the money is there and it will be spent wisely."',
    'Scholz spoke later. "Our budget will hold," he added.',
  ].join('\n');
  const doc = one('a.txt', text);
  checkOffsets(doc);
  const quotes = doc.passages.filter((p) => p.kind === 'quote').map((p) => [p.speaker, p.text]);
  assert.deepEqual(quotes, [
    ['Angela Merkel', 'We have to act now. This is not a drill'],
    ['Angela Merkel', 'and nobody should believe otherwise'],
    ['Olaf Scholz', 'the money is there and it will be spent wisely.'],
    ['Olaf Scholz', 'Our budget will hold'],
  ]);
  assert.equal(doc.document.date, '2020-03-03');
});

test('dates: metadata, then text, then the file time (marked)', () => {
  const mtime = Date.UTC(2020, 4, 17, 12);
  const plain = one('x.txt', 'No date is written in this short text about nothing in particular.', mtime);
  assert.equal(plain.document.date, '2020-05-17');
  assert.equal(plain.document.dateSource, 'file');
  const dateline = one('y.txt', 'WASHINGTON, Feb 26, 1987 - The dollar rose.', mtime);
  assert.equal(dateline.document.date, '1987-02-26');
  assert.equal(dateline.document.dateSource, 'text');
  for (const p of dateline.passages) assert.equal(p.date, '1987-02-26');
});

test('ids are stable, short and not paths; passage ids are docId:n', () => {
  const a = one('dir/../../etc/passwd.txt', 'Some text that is long enough to be a passage.');
  const b = one('dir/../../etc/passwd.txt', 'Some text that is long enough to be a passage.');
  assert.equal(a.document.id, b.document.id);
  assert.match(a.document.id, /^[a-z0-9-]{1,40}$/);
  a.passages.forEach((p, n) => assert.equal(p.id, `${a.document.id}:${n}`));
});

test('bad input in extract never throws', () => {
  for (const [path, text] of [
    ['e.txt', '   \n\n '],
    ['f.json', '[1, 2'],
    ['g.json', '[]'],
    ['h.md', '---\ntitle: x\n'],
    ['i.md', '---\n- a\n- b\n---\ntext'],
    ['j.jsonl', 'not json\nneither'],
    ['k.pdf', 'x'],
  ] as const) {
    const r = extractDocuments({ path, text, mtimeMs: 0 }, options);
    assert.ok(!r.ok, path);
    assert.match(r.reason, /^extract: /);
  }
});

test('property: passages always point into the clean text, for any text', () => {
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '"',
      '“',
      '”',
      ' said Xi. ',
      '\n',
      '\n\n',
      'MS. PSAKI:  ',
      'Q  ',
      ' /Xinhua',
      "Editor's note: Ann Lee is a writer.",
      ', he added.',
      'according to Putin, "',
    ),
  );
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 30 }),
      fc.constantFrom('a.txt', 'a.md', 'a.html'),
      (parts, path) => {
        const r = extractDocuments({ path, text: parts.join(''), mtimeMs: 0 }, options);
        if (!r.ok) return;
        for (const d of r.documents) {
          for (const p of d.passages) {
            assert.equal(d.text.slice(p.start, p.end), p.text);
            assert.ok(p.text.length > 0);
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('Kremlin: a label the source missed ("... (retranslated):") still starts a turn', () => {
  const rec = {
    title: 'Meeting with President of China Xi Jinping',
    date: '2016-09-04',
    paragraphs: [
      { text: 'The two presidents met in Hangzhou.', speaker: null, turn_start: false },
      {
        text: 'President of China Xi Jinping (retranslated): It is a great pleasure.',
        speaker: null,
        turn_start: false,
      },
      { text: 'Thank you.', speaker: null, turn_start: false },
      { text: 'Vladimir Putin: Thank you, friend.', speaker: 'Vladimir Putin', turn_start: true },
    ],
  };
  const doc = one('k.json', JSON.stringify(rec));
  checkOffsets(doc);
  assert.deepEqual(
    doc.passages.map((p) => [p.kind, p.speaker, p.text]),
    [
      ['narrative', null, 'The two presidents met in Hangzhou.'],
      ['turn', 'Xi Jinping', 'It is a great pleasure.'],
      ['turn', 'Xi Jinping', 'Thank you.'],
      ['turn', 'Vladimir Putin', 'Thank you, friend.'],
    ],
  );
});

test('a sidecar beside a file of records fills every record’s gaps and overrides none', () => {
  const records = [
    { title: 'First meeting', date: '2017-07-07', text: 'Vladimir Putin: We discussed trade at length.' },
    {
      title: 'Second meeting',
      date: '2018-07-16',
      source: 'Own source',
      text: 'Vladimir Putin: We discussed security at length.',
    },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
  const r = extractDocuments(
    {
      path: 'k.jsonl',
      text: records,
      mtimeMs: 0,
      sidecar: { source: 'President of Russia, en.kremlin.ru', title: 'Sidecar title' },
    },
    options,
  );
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.deepEqual(
    r.documents.map((d) => [d.document.title, d.document.source]),
    [
      ['First meeting', 'President of Russia, en.kremlin.ru'],
      ['Second meeting', 'Own source'],
    ],
  );
});
