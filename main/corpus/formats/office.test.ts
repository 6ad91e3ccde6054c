import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFolder } from '../../../test/support/readFolder';
import { strToU8, zipSync } from 'fflate';
import { newBudget } from './budget';
import { claimHugeSizes, makeDocx, makeOdt } from './officeFixtures';
import { readZipParts } from './zip';

const TURNS = [
  { text: 'Remarks on the Harbour Bill', style: 'Title' },
  { text: 'December 1, 2021' },
  { text: 'MS. PSAKI: Good afternoon. The harbour bill passed this morning.', boldLead: 10 },
  { text: 'Q Will the President sign it today?' },
  { text: 'MS. PSAKI: He will sign it this evening.', boldLead: 10 },
];

test('a Word transcript reads with its properties, speakers and turns; its header is not read', async () => {
  const docx = makeDocx(TURNS, { title: 'Harbour Bill Briefing', author: 'Press Office', created: '2021-12-01T10:00:00Z', header: 'CONFIDENTIAL DRAFT' });
  const result = (await readFolder({ 'briefing.docx': docx })).get('briefing.docx');
  assert.ok(result?.ok, result && !result.ok ? result.reason : 'not read');
  const doc = result.documents[0]!;
  assert.equal(doc.document.title, 'Harbour Bill Briefing');
  assert.equal(doc.document.author, 'Press Office');
  assert.equal(doc.document.date, '2021-12-01');
  assert.doesNotMatch(doc.text, /CONFIDENTIAL/);
  assert.deepEqual(
    doc.passages.filter((p) => p.kind === 'turn').map((p) => [p.speaker, p.text]),
    [
      ['Jen Psaki', 'Good afternoon. The harbour bill passed this morning.'],
      ['Reporter', 'Will the President sign it today?'],
      ['Jen Psaki', 'He will sign it this evening.'],
    ],
  );
});

test('speaker names set in bold at the start of paragraphs read as transcript turns', async () => {
  const docx = makeDocx(
    [
      { text: 'Interview on the Harbour Bill', style: 'Title' },
      { text: 'Anna Lindqvist Thank you for coming in today to talk about the bill.', boldLead: 14 },
      { text: 'Marco Bellini It is a pleasure, and the bill matters to the whole coast.', boldLead: 13 },
      { text: 'Anna Lindqvist: When will the work on the harbour begin?', boldLead: 15 },
      { text: 'Marco Bellini In the spring, once the funds arrive.', boldLead: 13 },
      { text: 'The interview was recorded on Monday.', boldLead: 3 },
    ],
    { title: 'Interview on the Harbour Bill' },
  );
  const result = (await readFolder({ 'interview.docx': docx })).get('interview.docx');
  assert.ok(result?.ok, result && !result.ok ? result.reason : 'not read');
  assert.deepEqual(
    result.documents[0]!.passages.map((p) => [p.kind, p.speaker, p.text]),
    [
      ['narrative', null, 'Interview on the Harbour Bill'],
      ['turn', 'Anna Lindqvist', 'Thank you for coming in today to talk about the bill.'],
      ['turn', 'Marco Bellini', 'It is a pleasure, and the bill matters to the whole coast.'],
      ['turn', 'Anna Lindqvist', 'When will the work on the harbour begin?'],
      ['turn', 'Marco Bellini', 'In the spring, once the funds arrive.'],
      ['turn', 'Marco Bellini', 'The interview was recorded on Monday.'],
    ],
  );
});

test('an OpenDocument text reads with its title, author and paragraphs', async () => {
  const odt = makeOdt(
    [{ text: 'Rivers in Spring', heading: true }, { text: 'The rivers rose early this year, the ministry said on Monday.' }],
    { author: 'A. Writer' },
  );
  const result = (await readFolder({ 'rivers.odt': odt })).get('rivers.odt');
  assert.ok(result?.ok, result && !result.ok ? result.reason : 'not read');
  assert.equal(result.documents[0]!.document.title, 'Rivers in Spring');
  assert.equal(result.documents[0]!.document.author, 'A. Writer');
  assert.match(result.documents[0]!.text, /The rivers rose early this year/);
});

test('a zip bomb, a broken archive and a zip that is no DOCX are skipped with their reason; the rest is read', async () => {
  const results = await readFolder({
    'bomb.docx': claimHugeSizes(makeDocx(TURNS, {})),
    'broken.docx': makeDocx(TURNS, {}).slice(0, 200),
    'other.docx': zipSync({ 'readme.txt': strToU8('hello') }),
    'good.odt': makeOdt([{ text: 'A good file about the weather and the rain.' }], {}),
  });
  const reason = (p: string) => {
    const r = results.get(p);
    return r && !r.ok ? r.reason : 'read';
  };
  assert.match(reason('bomb.docx'), /^docx: word\/document\.xml inflates to \d+ MB, over the limit of \d+ MB/);
  assert.match(reason('broken.docx'), /^docx: broken archive/);
  assert.match(reason('other.docx'), /^docx: not a DOCX file/);
  assert.equal(reason('good.odt'), 'read');
});

test('the inflation budget counts every part read', () => {
  const big = 'word '.repeat(400_000);
  const zip = zipSync({ 'a.xml': strToU8(big), 'b.xml': strToU8(big) });
  assert.throws(() => readZipParts(zip, ['a.xml', 'b.xml'], newBudget({ maxInflatedBytes: 3_000_000 })), /b\.xml inflates/);
  assert.equal(readZipParts(zip, ['a.xml'], newBudget({ maxInflatedBytes: 3_000_000 })).get('a.xml')?.length, big.length);
});
