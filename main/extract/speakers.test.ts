import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAliasTable, SpeakerContext, stripTitles } from './speakers';

const table = buildAliasTable({});

test('stripTitles separates roles from names', () => {
  assert.deepEqual(stripTitles('Russian President Vladimir Putin').name, ['Vladimir', 'Putin']);
  assert.deepEqual(stripTitles('President of Russia Vladimir Putin').name, ['Vladimir', 'Putin']);
  assert.deepEqual(stripTitles('Minister of Industry and Trade Denis Manturov').name, ['Denis', 'Manturov']);
  assert.deepEqual(stripTitles('President of the United States of America Donald Trump').name, [
    'Donald',
    'Trump',
  ]);
  assert.deepEqual(stripTitles('Brian Deese').name, ['Brian', 'Deese']);
  assert.deepEqual(stripTitles('Recep Tayyip Erdogan').name, ['Recep', 'Tayyip', 'Erdogan']);
});

test('one canonical name per person within a document', () => {
  const ctx = new SpeakerContext(table, '2021-12-15', false);
  ctx.learn('Chinese President Xi Jinping');
  ctx.learn('Russian President Vladimir Putin');
  assert.equal(ctx.resolve('Xi'), 'Xi Jinping');
  assert.equal(ctx.resolve('President Xi'), 'Xi Jinping');
  assert.equal(ctx.resolve('Putin'), 'Vladimir Putin');
  assert.equal(ctx.resolve('President of Russia Vladimir Putin', true), 'Vladimir Putin');
  assert.equal(ctx.resolveRole('Russian president'), 'Vladimir Putin');
  assert.equal(ctx.resolveRole('Chinese president'), 'Xi Jinping');
  assert.equal(ctx.resolveRole('German chancellor'), null);
});

test('White House labels: press secretaries, the president of the day, generic roles', () => {
  const ctx = new SpeakerContext(table, '2021-12-08', true);
  assert.equal(ctx.resolve('MS. PSAKI', true), 'Jen Psaki');
  assert.equal(ctx.resolve('MS. JEAN-PIERRE', true), 'Karine Jean-Pierre');
  assert.equal(ctx.resolve('THE PRESIDENT', true), 'Joe Biden');
  assert.equal(ctx.resolve('PRESIDENT BIDEN', true), 'Joe Biden');
  assert.equal(ctx.resolve('THE VICE PRESIDENT', true), 'Kamala Harris');
  assert.equal(ctx.resolve('Q', true), 'Reporter');
  assert.equal(ctx.resolve('MODERATOR', true), 'Moderator');
  assert.equal(ctx.resolve('SENIOR ADMINISTRATION OFFICIAL', true), 'Senior administration official');
  // generic labels never become a person, even one named in the document
  ctx.learn('Senior Adviser Anita Dunn');
  assert.equal(ctx.resolve('SENIOR ADMINISTRATION OFFICIAL', true), 'Senior administration official');
  // in 2018 "THE PRESIDENT" of a White House transcript was someone else
  assert.equal(new SpeakerContext(table, '2018-05-01', true).resolve('THE PRESIDENT', true), 'Donald Trump');
  // outside the White House, "THE PRESIDENT" is not guessed
  assert.equal(new SpeakerContext(table, '2021-12-08', false).resolve('THE PRESIDENT', true), 'President');
});

test('the office named in a title decides among people of one surname', () => {
  const ctx = new SpeakerContext(table, '2021-12-26', true);
  ctx.learn('First Lady Jill Biden');
  ctx.learn('Jill Biden');
  ctx.learnOffice('president', ['Biden', 'And', 'First', 'Lady']);
  assert.equal(ctx.resolve('THE PRESIDENT', true), 'Joe Biden');
  assert.equal(ctx.resolve('THE FIRST LADY', true), 'Jill Biden');
});

test('user aliases override the built-in table', () => {
  const t = buildAliasTable({ 'Jennifer R. Psaki': ['Psaki', 'Jen Psaki'], 'Ann Lee': ['A. Lee'] });
  const ctx = new SpeakerContext(t, '2021-01-01', true);
  assert.equal(ctx.resolve('MS. PSAKI', true), 'Jennifer R. Psaki');
  assert.equal(ctx.resolve('Jen Psaki'), 'Jennifer R. Psaki');
  assert.equal(ctx.resolve('A. Lee'), 'Ann Lee');
  const noBuiltIn = new SpeakerContext(buildAliasTable({}, false), '2021-01-01', false);
  assert.equal(noBuiltIn.resolve('MS. PSAKI', true), 'Psaki');
});
