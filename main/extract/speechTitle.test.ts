import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';

const options = { ...defaultExtractOptions(), builtInPeople: false };

function read(title: string, body: string[]) {
  const text = `---\ntitle: "${title}"\ndate: '2022-03-01'\n---\n\n${body.join('\n\n')}\n`;
  const r = extractDocuments({ path: 'speech.md', text, mtimeMs: 0 }, options);
  assert.ok(r.ok);
  return r.documents[0]!.passages;
}

const SPEECH = [
  'United States Capitol',
  'Madam Speaker, Madam Vice President, our First Lady and Second Gentleman. My fellow Americans.',
  'Last year COVID-19 kept us apart. This year we are finally together again.',
  'As a great man once said, "We will not fail." And we will not.',
];

test('an unlabelled speech is the words of the speaker its title names, without its place line', () => {
  const passages = read(
    'Remarks of President Joe Biden – State of the Union Address As Prepared for Delivery',
    SPEECH,
  );
  assert.deepEqual(
    passages.map((p) => [p.kind, p.speaker]),
    [
      ['turn', 'Joe Biden'],
      ['turn', 'Joe Biden'],
      ['turn', 'Joe Biden'],
    ],
  );
  assert.ok(!passages.some((p) => p.text.includes('United States Capitol')));
});

test('the office in a speech title is its holder on the day; a titled full name is that person', () => {
  assert.equal(
    read('Remarks by President Biden Before Marine One Departure', SPEECH)[0]?.speaker,
    'Joe Biden',
  );
  assert.equal(read('Statement by Press Secretary Jen Psaki on the Talks', SPEECH)[0]?.speaker, 'Jen Psaki');
});

test('joint remarks, and titles that name no speaker, leave an unlabelled text as it was', () => {
  for (const title of [
    'Remarks by President Biden and Prime Minister Kishida of Japan',
    'Fact Sheet: The State of the Union',
    'Remarks at the Opening of the Bridge',
  ]) {
    const passages = read(title, SPEECH);
    assert.ok(
      passages.every((p) => p.kind !== 'turn'),
      `${title}: ${JSON.stringify(passages.map((p) => [p.kind, p.speaker]))}`,
    );
  }
});
