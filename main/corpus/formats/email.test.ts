import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFolder } from '../../../test/support/readFolder';
import { makePdf } from './pdfFixtures';

function message(subject: string, body: string, attachment?: { name: string; type: string; bytes: Uint8Array }): string {
  const head = `From: Ann Editor <ann@example.org>\r\nTo: desk@example.org\r\nSubject: ${subject}\r\nDate: Tue, 7 Dec 2021 09:30:00 +0000\r\nMIME-Version: 1.0\r\n`;
  if (!attachment) return `${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
  const b64 = Buffer.from(attachment.bytes).toString('base64').replace(/(.{76})/g, '$1\r\n');
  return (
    `${head}Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n` +
    `--b1\r\nContent-Type: ${attachment.type}\r\nContent-Disposition: attachment; filename="${attachment.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--b1--\r\n`
  );
}

const BODY = [
  'The minister confirmed the harbour plan this morning.',
  '',
  '"We will start in spring," she said.',
  '',
  'On Mon, 6 Dec 2021, Bob <bob@example.org> wrote:',
  '> an older message that is only quoted',
].join('\r\n');

test('an e-mail reads with subject, date and sender; the quoted reply is left out; an attached PDF is a document of its own', async () => {
  const pdf = await makePdf([{ lines: ['The attached report speaks of the harbour works.'] }]);
  const results = await readFolder({ 'note.eml': message('Harbour plan confirmed', BODY, { name: 'report.pdf', type: 'application/pdf', bytes: pdf }) });
  const r = results.get('note.eml');
  assert.ok(r?.ok, r && !r.ok ? r.reason : 'not read');
  const [mail, attached] = r.documents;
  assert.equal(mail?.document.title, 'Harbour plan confirmed');
  assert.equal(mail?.document.date, '2021-12-07');
  assert.equal(mail?.document.source, 'Ann Editor');
  assert.doesNotMatch(mail?.text ?? '', /older message|wrote:/);
  assert.match(attached?.text ?? '', /attached report speaks of the harbour/);
  assert.equal(attached?.document.attachedTo, mail?.document.id);
  assert.equal(attached?.passages[0]?.page, 1);
});

test('an mbox gives one document per message; signatures and unsubscribe footers are left out', async () => {
  const one = message('First news', 'The bridge opened on Monday.\r\n\r\n-- \r\nAnn, the desk');
  const two = message('Second news', 'The ferry stopped on Tuesday.\r\n\r\nTo unsubscribe from this list, click here.');
  const results = await readFolder({ 'box.mbox': `From ann@example.org Tue Dec  7 09:30:00 2021\n${one}\nFrom ann@example.org Tue Dec  7 10:30:00 2021\n${two}` });
  const r = results.get('box.mbox');
  assert.ok(r?.ok, r && !r.ok ? r.reason : 'not read');
  assert.deepEqual(r.documents.map((d) => [d.document.title, d.text]), [
    ['First news', 'The bridge opened on Monday.'],
    ['Second news', 'The ferry stopped on Tuesday.'],
  ]);
});

test('an attachment over the size budget is left out with a warning; the message is read', async () => {
  const big = new Uint8Array(21 * 1024 * 1024).fill(65);
  const results = await readFolder({ 'big.eml': message('Large file', 'See the attached notes.', { name: 'notes.txt', type: 'text/plain', bytes: big }), 'empty.eml': 'Subject: nothing\r\n\r\n' });
  const r = results.get('big.eml');
  assert.ok(r?.ok, r && !r.ok ? r.reason : 'not read');
  assert.equal(r.documents.length, 1);
  assert.match((r.warnings ?? []).join(' '), /attachment notes\.txt not read: 21 MB, over the limit/);
  const empty = results.get('empty.eml');
  assert.ok(empty && !empty.ok);
  assert.match(empty.reason, /^eml: no message with text/);
});
