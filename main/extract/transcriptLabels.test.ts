/**
 * Transcript labels read from the text alone: no speaker fields, no folder names, no list of
 * known people (the cases behind the blind Kremlin and White House figures in bench/eval).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExtractedDocument } from '../common/contract';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

const noNameList = { ...defaultExtractOptions(), builtInPeople: false };

function one(path: string, text: string): ExtractedDocument {
  const r = extractDocuments({ path, text, mtimeMs: 0 }, noNameList);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.documents[0]!;
}

function speakerAt(doc: ExtractedDocument, words: string): string | null {
  const at = doc.text.indexOf(words);
  assert.ok(at >= 0, `"${words}" is in the text`);
  const p = doc.passages.find((ps) => ps.start <= at && at < ps.end);
  return p?.kind === 'turn' ? p.speaker : `(${p?.kind ?? 'none'})`;
}

function record(paragraphs: string[]): string {
  return JSON.stringify({
    title: 'Meeting with veterans',
    date: '2017-12-12',
    paragraphs: paragraphs.map((text) => ({ text })),
  });
}

test('one label with a title before the name starts a turn that the next paragraphs continue', () => {
  const doc = one(
    'r.json',
    record([
      'The President met veterans of the defence industry.',
      '* * *',
      'President of Russia Vladimir Putin: Good afternoon, colleagues.',
      'We have a tradition of meeting on this day.',
    ]),
  );
  assert.equal(speakerAt(doc, 'Good afternoon, colleagues'), 'Vladimir Putin');
  assert.equal(speakerAt(doc, 'We have a tradition'), 'Vladimir Putin');
  assert.equal(speakerAt(doc, 'The President met'), '(narrative)');
});

test('labels of different people, an interviewer role and a misspelt label are all turns', () => {
  const doc = one(
    'r.json',
    record([
      'Vladimir Putin met veterans.',
      'President of Russia Vladimir Putin: Good afternoon.',
      'Remark: Thank you. The veterans have not stopped working.',
      'VladimirPutin: I have no doubt.',
      'CEO of Royal Dutch Shell Ben van Beurden: Thank you, Mr President.',
    ]),
  );
  assert.equal(speakerAt(doc, 'Good afternoon'), 'Vladimir Putin');
  assert.equal(speakerAt(doc, 'Thank you. The veterans'), 'Remark');
  assert.equal(speakerAt(doc, 'Thank you, Mr President'), 'Ben van Beurden');
});

test('a headline shaped like a label opens a news text and stays prose', () => {
  const doc = one(
    'news.txt',
    [
      'Dr. Ben Carson: Hillary Clinton ‘Not Fit To Serve As President Of The United States.’',
      'Ben Carson spoke in Iowa on Monday.',
      'He said the race was far from over.',
    ].join('\n\n'),
  );
  assert.ok(doc.passages.every((p) => p.kind !== 'turn'));
});

const BRIEFING = (title: string, body: string) => `---\ndate: '2021-03-02'\ntitle: "${title}"\n---\n${body}`;

test('a label takes the full name that the title gives with an office, without a name list', () => {
  const doc = one(
    'a/b.md',
    BRIEFING(
      'Press Briefing by Press Secretary Jen Psaki and Principal Deputy Press Secretary Karine Jean-Pierre',
      'MS. PSAKI:  Hi, everyone.\n\nMS. JEAN-PIERRE:  Good afternoon.\n\nQ    Thank you.',
    ),
  );
  assert.equal(speakerAt(doc, 'Hi, everyone'), 'Jen Psaki');
  assert.equal(speakerAt(doc, 'Good afternoon'), 'Karine Jean-Pierre');
});

test('a title-case run after an office is no name ("Vice President Harris During Tour of ...")', () => {
  const doc = one(
    'a/b.md',
    BRIEFING(
      'Remarks by President Biden and Vice President Harris During Tour of the State Farm Stadium Vaccination Site',
      'MR. ZIENTS:  Good afternoon.\n\nTHE VICE PRESIDENT:  Thank you all.\n\nTHE PRESIDENT:  Thanks.\n\nThe White House pool was there.',
    ),
  );
  assert.equal(speakerAt(doc, 'Thank you all'), 'Kamala Harris');
  assert.equal(speakerAt(doc, 'Thanks.'), 'Joe Biden');
});

test('the folder a file sits in does not change who speaks', () => {
  const text = BRIEFING(
    'Remarks',
    'THE PRESIDENT:  Thanks, everybody.\n\nQ    Mr. President?\n\nTHE PRESIDENT:  Yes.',
  );
  const inBriefings = one('wh_briefings/speeches-remarks/x.md', text);
  const elsewhere = one('notes/x.md', text);
  assert.deepEqual(
    inBriefings.passages.map((p) => p.speaker),
    elsewhere.passages.map((p) => p.speaker),
  );
  // nothing in the text says White House: "THE PRESIDENT" is not guessed to be the US president
  assert.notEqual(speakerAt(elsewhere, 'Thanks, everybody'), 'Joe Biden');
});
