import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateDocumentId, validateSearchRequest } from './validate';
import { ContractError, LIMITS } from './contract';
import { encodeCursor } from './order';

test('fills defaults for an empty request', () => {
  assert.deepEqual(validateSearchRequest({}), {
    q: '',
    speaker: [],
    topic: [],
    kind: [],
    sort: 'relevance',
    limit: LIMITS.defaultPageSize,
    offset: 0,
  });
});

test('keeps a full valid request', () => {
  const request = {
    q: 'olympics',
    speaker: ['Xi Jinping'],
    topic: ['sport'],
    kind: ['quote' as const],
    from: '2021-12',
    to: '2022',
    sort: 'date-desc' as const,
    limit: 5,
    offset: 10,
  };
  assert.deepEqual(validateSearchRequest(request), request);
});

for (const [name, raw, message] of [
  ['a non-object', 'olympics', /must be an object/],
  ['an unknown field', { q: 'x', evil: 1 }, /unknown field evil/],
  ['a page over the limit', { limit: LIMITS.pageSize + 1 }, /limit/],
  ['a negative offset', { offset: -1 }, /offset/],
  ['a query over 1,000 characters', { q: 'a'.repeat(LIMITS.queryLength + 1) }, /q:/],
  ['an unknown kind', { kind: ['rumour'] }, /kind/],
  ['a malformed date', { from: '2021-13' }, /from/],
  ['a range that ends before it starts', { from: '2022-01', to: '2021-12-31' }, /from must not be after to/],
  ['a speaker that is not a string', { speaker: [42] }, /speaker/],
] as const) {
  test(`rejects ${name} with a ContractError`, () => {
    assert.throws(
      () => validateSearchRequest(raw),
      (error: unknown) =>
        error instanceof ContractError && error.status === 400 && message.test(error.message),
    );
  });
}

test('document ids are bounded strings', () => {
  assert.equal(validateDocumentId('abc'), 'abc');
  assert.throws(() => validateDocumentId(''), ContractError);
  assert.throws(() => validateDocumentId('x'.repeat(LIMITS.idLength + 1)), ContractError);
  assert.throws(() => validateDocumentId({}), ContractError);
});

test('rejects an after that is not a cursor, or one for another sort order', () => {
  assert.throws(() => validateSearchRequest({ after: 'zzz' }), /search: after is not a cursor/);
  const cursor = encodeCursor({ sort: 'date-asc', score: 0, date: -20210101, docId: 'd', id: 'd#0' });
  assert.equal(validateSearchRequest({ after: cursor, sort: 'date-asc' }).after, cursor);
  assert.throws(() => validateSearchRequest({ after: cursor }), /cursor for sort date-asc, not relevance/);
});
