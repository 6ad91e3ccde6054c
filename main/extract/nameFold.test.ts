import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultExtractOptions, extractDocuments } from './extractDocuments';
import { FoldedNameMap, foldName } from './nameFold';

test('transliteration variants of one name share a key', () => {
  for (const [a, b] of <Array<[string, string]>>[
    ['Sergey Lavrov', 'Sergei Lavrov'],
    ['Kirill Brilyov', 'Kirill Brilev'],
    ['Pavel Datsuk', 'Pavel Datsyuk'],
    ['Volodymyr Zelenskyy', 'Volodymyr Zelensky'],
    ['Dmitriy Peskov', 'Dmitry Peskov'],
    ['Recep Tayyip Erdoğan', 'Recep Tayyip Erdogan'],
    ['Tatyana Golikova', 'Tatiana Golikova'],
  ])
    assert.equal(foldName(a), foldName(b), `${a} / ${b}`);
});

test('different names keep different keys', () => {
  for (const [a, b] of <Array<[string, string]>>[
    ['Donald Trump', 'Donald Trump Jr.'],
    ['Ivanka Trump', 'Donald Trump'],
    ['Sergei Lavrov', 'Sergei Ivanov'],
    ['Maria Zakharova', 'Mario Zakharov'],
  ])
    assert.notEqual(foldName(a), foldName(b), `${a} / ${b}`);
});

test('a folded map finds a value under any spelling', () => {
  const m = new FoldedNameMap();
  m.set('sergei lavrov', 'Sergei Lavrov');
  assert.equal(m.get('Sergey Lavrov'), 'Sergei Lavrov');
  assert.ok(m.has('SERGEY LAVROV'));
  assert.equal(m.get('Sergei Ivanov'), undefined);
});

test('a speaker spelt differently from the aliases file is the aliases file’s person', () => {
  const options = {
    ...defaultExtractOptions(),
    aliases: { 'Sergei Lavrov': ['Lavrov'] },
    builtInPeople: false,
  };
  const text =
    'Foreign Minister Sergey Lavrov spoke in Moscow.\n\n“We are ready to talk,” Sergey Lavrov said.';
  const r = extractDocuments({ path: 'a.txt', text, mtimeMs: 0 }, options);
  assert.ok(r.ok);
  const quote = r.documents[0]!.passages.find((p) => p.kind === 'quote');
  assert.equal(quote?.speaker, 'Sergei Lavrov');
});
