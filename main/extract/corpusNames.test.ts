import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyNameMerges, mergeMap, planNameMerges, tallySpeakers } from './corpusNames';
import { extractDocuments, defaultExtractOptions } from './extractDocuments';

const tally = (entries: Record<string, number>) => new Map(Object.entries(entries));
const pairs = (entries: Record<string, number>, fixed?: (n: string) => boolean) =>
  planNameMerges(tally(entries), fixed).map((m) => `${m.from} → ${m.to} (${m.reason})`);

test('a surname-only speaker takes the one full name the corpus has for it', () => {
  assert.deepEqual(pairs({ Zients: 40, 'Jeff Zients': 3, 'Jean-Pierre': 5, 'Karine Jean-Pierre': 9 }), [
    'Jean-Pierre → Karine Jean-Pierre (surname)',
    'Zients → Jeff Zients (surname)',
  ]);
});

test('Trump, Mr. Trump and Donald J. Trump are Donald Trump; Donald Trump Jr. and Ivanka Trump stay apart', () => {
  const merges = pairs({
    Trump: 30,
    'Donald Trump': 50,
    'Donald J. Trump': 10,
    'Donald Trump Jr.': 8,
    'Ivanka Trump': 6,
  });
  assert.deepEqual(merges, [
    'Donald J. Trump → Donald Trump (middle initial)',
    'Trump → Donald Trump (surname)',
  ]);
});

test('a surname shared by two people of similar weight is left as it is', () => {
  assert.deepEqual(pairs({ Smith: 10, 'Jan Smith': 5, 'Anna Smith': 4 }), []);
});

test('transliterations of one full name become the most frequent spelling', () => {
  assert.deepEqual(pairs({ 'Sergei Lavrov': 20, 'Sergey Lavrov': 3, Lavrov: 2 }), [
    'Sergey Lavrov → Sergei Lavrov (transliteration)',
    'Lavrov → Sergei Lavrov (surname)',
  ]);
});

test('roles and organisations are never merged or merged into', () => {
  assert.deepEqual(pairs({ Reporter: 50, Moderator: 4, House: 3, 'White House': 9, Official: 2 }), []);
});

test('a name the aliases file mentions keeps its own statements', () => {
  const fixed = (n: string) => n === 'Trump';
  assert.deepEqual(pairs({ Trump: 30, 'Donald Trump': 50 }, fixed), []);
});

test('mergeMap follows chains to the final name', () => {
  const map = mergeMap([
    { from: 'Sergey Lavrov', to: 'Sergei Lavrov', reason: 'transliteration', statements: 1 },
    { from: 'Sergei V. Lavrov', to: 'Sergey Lavrov', reason: 'middle initial', statements: 1 },
  ]);
  assert.equal(map.get('Sergei V. Lavrov'), 'Sergei Lavrov');
});

test('a briefing that never gives the full name gets it from another document of the corpus', () => {
  const options = defaultExtractOptions();
  options.builtInPeople = false;
  const read = (path: string, text: string) => {
    const r = extractDocuments({ path, text, mtimeMs: 0 }, options);
    assert.ok(r.ok);
    return r.documents;
  };
  const a = read(
    'a.md',
    '# Press Briefing by the Response Team\n\nMR. ZIENTS: Good morning. Cases are down this week.\n\nQ: Will the mandate stay?\n\nMR. ZIENTS: It stays for now.\n',
  );
  const b = read(
    'b.md',
    '# Remarks on the Response\n\nToday Jeff Zients spoke.\n\nMR. ZIENTS: Thank you. We have vaccinated many people.\n\nQ: How many?\n\nMR. ZIENTS: Many.\n',
  );
  assert.equal(a[0]?.passages.find((p) => p.kind === 'turn')?.speaker, 'Zients');
  const map = mergeMap(planNameMerges(tallySpeakers([...a, ...b])));
  const merged = applyNameMerges(a[0]!, map);
  const speakers = new Set(merged.passages.map((p) => p.speaker));
  assert.ok(speakers.has('Jeff Zients') && !speakers.has('Zients'));
  assert.equal(speakers.has('Reporter'), true);
  assert.equal(applyNameMerges(b[0]!, map), b[0], 'a document with nothing to merge is left as it is');
});

test('a surname takes the full name another document only names in its text', () => {
  const people = new Map([
    ['Amos Quorval', 2],
    ['Jan Smith', 1],
  ]);
  const merges = planNameMerges(tally({ Quorval: 6, Reporter: 9 }), undefined, people);
  assert.deepEqual(
    merges.map((m) => `${m.from} → ${m.to}`),
    ['Quorval → Amos Quorval'],
  );
  assert.deepEqual(
    planNameMerges(tally({ Quorval: 6 })),
    [],
    'without the named person, nothing to merge into',
  );
});

test('reading lists the persons a document names, most named first', () => {
  const r = extractDocuments(
    {
      path: 'c.txt',
      text: 'Harbour news\n\nPort director Amos Quorval met Jan Smith on Monday. Amos Quorval said little.\n',
      mtimeMs: 0,
    },
    defaultExtractOptions(),
  );
  assert.ok(r.ok);
  assert.deepEqual(r.documents[0]?.document.people, ['Amos Quorval', 'Jan Smith']);
});
