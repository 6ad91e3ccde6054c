import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFolder } from '../../../test/support/readFolder';
import { searchRequest } from '../../common/contract';
import { SearchIndex } from '../../engine/searchIndex';
import { makeDocx, makeOdt } from './officeFixtures';
import { imageOnly, makePdf } from './pdfFixtures';

/** One statement per file, each with a word no other file has, so a search tells them apart. */
const SAID = {
  'notes.txt': 'The minister said the lighthouse will reopen in the spring.',
  'story.md': 'The mayor said the orchard will be replanted next year.',
  'page.html': 'The governor said the glacier park will stay open all winter.',
  'records.jsonl': 'The senator said the violin school will get new funding.',
  'report.pdf': 'The director said the meadow will be protected by law.',
  'scan.pdf': 'The chairman said the harbour lantern will be repaired soon.',
  'memo.docx': 'The secretary said the compass factory will hire more workers.',
  'letter.odt': 'The envoy said the canyon road will be widened this summer.',
  'brief.rtf': 'The judge said the falcon reserve will be extended to the east.',
  'message.eml': 'The treasurer said the harvest festival will return in October.',
  'box.mbox': 'The captain said the quarry bridge will be rebuilt in stone.',
} as const;

/** The word of each statement that only its file has. */
const WORD: Record<keyof typeof SAID, string> = {
  'notes.txt': 'lighthouse',
  'story.md': 'orchard',
  'page.html': 'glacier',
  'records.jsonl': 'violin',
  'report.pdf': 'meadow',
  'scan.pdf': 'lantern',
  'memo.docx': 'compass',
  'letter.odt': 'canyon',
  'brief.rtf': 'falcon',
  'message.eml': 'harvest',
  'box.mbox': 'quarry',
};

const OPENING = 'Officials met on Monday to talk about the plans of the region.';

function email(subject: string, body: string): string {
  return (
    `From: Ann Editor <ann@example.org>\r\nTo: desk@example.org\r\nSubject: ${subject}\r\n` +
    `Date: Tue, 7 Dec 2021 09:30:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`
  );
}

async function everyFormat(): Promise<Record<string, Uint8Array | string>> {
  return {
    'notes.txt': `${OPENING}\n\n${SAID['notes.txt']}\n`,
    'story.md': `---\ntitle: Orchard news\ndate: 2021-12-07\n---\n\n${OPENING}\n\n${SAID['story.md']}\n`,
    'page.html':
      `<!doctype html><html><head><title>Glacier news</title></head><body><nav><a href="/">Home</a></nav>` +
      `<article><h1>Glacier news</h1><p>${OPENING} The talks went on for several hours in the town hall, and both sides called them useful.</p>` +
      `<p>${SAID['page.html']} Visitors will be welcome on every day of the week, the office added.</p></article></body></html>`,
    'records.jsonl': `${JSON.stringify({ title: 'Violin news', date: '2021-12-07', text: `${OPENING}\n\n${SAID['records.jsonl']}` })}\n`,
    'report.pdf': await makePdf([{ lines: [OPENING, '', SAID['report.pdf']] }], { title: 'Meadow report' }),
    'scan.pdf': await imageOnly(await makePdf([{ lines: [OPENING, '', SAID['scan.pdf']] }])),
    'memo.docx': makeDocx([{ text: 'Compass memo', style: 'Title' }, { text: OPENING }, { text: SAID['memo.docx'] }], {
      title: 'Compass memo',
    }),
    'letter.odt': makeOdt([{ text: 'Canyon letter', heading: true }, { text: OPENING }, { text: SAID['letter.odt'] }], {}),
    'brief.rtf': String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 ` + `${OPENING}\\par\n${SAID['brief.rtf']}\\par\n}`,
    'message.eml': email('Harvest news', `${OPENING}\r\n\r\n${SAID['message.eml']}`),
    'box.mbox':
      `From ann@example.org Tue Dec  7 09:30:00 2021\n${email('Quarry news', SAID['box.mbox'])}\n` +
      `From ann@example.org Tue Dec  7 10:30:00 2021\n${email('More news', OPENING)}`,
  };
}

test('a folder of every format at once is read with nothing skipped, and every statement is found', async () => {
  const results = await readFolder(await everyFormat());
  assert.deepEqual(results.skipped, []);
  const notRead = [...results].filter(([, r]) => !r.ok).map(([path, r]) => `${path}: ${r.ok ? '' : r.reason}`);
  assert.deepEqual(notRead, []);
  assert.deepEqual([...results.keys()].sort(), Object.keys(SAID).sort());

  const index = new SearchIndex();
  for (const [path, r] of results) if (r.ok) index.addSource(path, r.documents);
  const words = (s: string): string => s.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  for (const [file, word] of Object.entries(WORD) as Array<[keyof typeof SAID, string]>) {
    const hits = index.search(searchRequest({ q: word })).hits;
    assert.deepEqual([...new Set(hits.map((h) => h.path))], [file], `"${word}" is found in ${file} alone`);
    // the whole statement, word for word (a scan's too, as OCR read it)
    assert.ok(
      hits.some((h) => words(h.text).includes(words(SAID[file]))),
      `${file}: ${hits.map((h) => h.text).join(' | ')}`,
    );
  }
});
