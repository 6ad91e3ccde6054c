import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFolder } from '../../../test/support/readFolder';
import { newBudget } from './budget';
import { readPdfText } from './pdf';
import { makePdf, passwordLocked } from './pdfFixtures';

const TRANSCRIPT = [
  {
    lines: [
      'Press Briefing on the Budget',
      '',
      'MS. PSAKI: Good afternoon, everyone. We have a few',
      'things to cover today about the budget.',
      '',
      'Q Thank you. Will the President sign the bill this week?',
    ],
  },
  {
    lines: [
      'MS. PSAKI: He expects to sign it as soon as it reaches',
      'his desk, and he has said so many times.',
      '',
      'Q And on trade?',
    ],
  },
];

test('a transcript printed to PDF reads with its speakers, turns and pages; running text is left out', async () => {
  const pdf = await makePdf(TRANSCRIPT, { title: 'Press Briefing on the Budget', header: 'The White House', pageFooter: true });
  const results = await readFolder({ 'briefing.pdf': pdf });
  const result = results.get('briefing.pdf');
  assert.ok(result?.ok, result && !result.ok ? result.reason : 'not read');
  const doc = result.documents[0]!;
  assert.equal(doc.document.title, 'Press Briefing on the Budget');
  assert.doesNotMatch(doc.text, /The White House|Page \d of 2/);
  const turns = doc.passages.filter((p) => p.kind === 'turn').map((p) => [p.page, p.speaker, p.text]);
  assert.deepEqual(turns, [
    [1, 'Jen Psaki', 'Good afternoon, everyone. We have a few things to cover today about the budget.'],
    [1, 'Reporter', 'Thank you. Will the President sign the bill this week?'],
    [2, 'Jen Psaki', 'He expects to sign it as soon as it reaches his desk, and he has said so many times.'],
    [2, 'Reporter', 'And on trade?'],
  ]);
  assert.ok(doc.passages.every((p) => typeof p.page === 'number'));
  assert.deepEqual(doc.document.pages?.map((r) => r.page), [1, 2]);
});

test('bad PDFs are skipped with their reason, and the rest of the folder is read', async () => {
  const good = await makePdf([{ lines: ['A short note about the harbour and its ships.'] }]);
  const truncated = good.slice(0, Math.floor(good.length / 3));
  const results = await readFolder({
    'good.pdf': good,
    'junk.pdf': 'this is not a PDF at all, only some words',
    'truncated.pdf': truncated,
    'note.txt': 'A plain note about the harbour.\n',
    'locked.pdf': await passwordLocked(good),
  });
  const reason = (p: string) => {
    const r = results.get(p);
    return r && !r.ok ? r.reason : 'read';
  };
  assert.equal(reason('good.pdf'), 'read');
  assert.equal(reason('note.txt'), 'read');
  assert.match(reason('junk.pdf'), /^pdf: (?:broken PDF|cannot read PDF|PDF has no text)/);
  assert.match(reason('truncated.pdf'), /^pdf: /);
  assert.equal(reason('locked.pdf'), 'pdf: encrypted PDF (it needs a password)');
});

test('a long PDF is read up to the page limit, and says it was read in part', async () => {
  const pdf = await makePdf([{ lines: ['The first page speaks of rivers.'] }], { extraPages: 14 });
  const read = await readPdfText(pdf, newBudget({ maxPages: 5 }));
  assert.equal(read.pageCount, 15);
  assert.equal(read.pages.length, 5);
  assert.match(read.partial ?? '', /first 5 of 15 pages/);
});

test('a PDF that takes longer than its time budget stops with the reason', async () => {
  const pdf = await makePdf([{ lines: ['Words.'] }], { extraPages: 30 });
  const read = await readPdfText(pdf, { ...newBudget(), deadline: Date.now() - 1, timeMs: 1 }).catch((e: Error) => e);
  const said = read instanceof Error ? read.message : (read.partial ?? '');
  assert.match(said, /time budget/);
});
