import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SearchRequestSchema } from '../common/schemas';
import { plainSchema, searchQuerystringSchema } from './schemas';
import {
  allowedHosts,
  bearerToken,
  cookieValue,
  isLoopbackHost,
  tokenCookie,
  tokenMatches,
  tokenProblem,
  TOKEN_COOKIE,
} from './security';

test('loopback addresses and others', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of [
    '0.0.0.0',
    '::',
    '192.168.1.10',
    '10.0.0.1',
    'example.com',
    '127.0.0.1.example.com',
    '',
  ]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('allowed Host values follow the port', () => {
  assert.deepEqual([...allowedHosts('127.0.0.1', 4820)].sort(), [
    '127.0.0.1:4820',
    '[::1]:4820',
    'localhost:4820',
  ]);
  assert.ok(allowedHosts('::1', 9).has('[::1]:9'));
  assert.ok(allowedHosts('127.0.0.5', 9).has('127.0.0.5:9'));
  assert.ok(allowedHosts('localhost', 80).has('localhost'), 'the default port may be left out');
  assert.ok(!allowedHosts('localhost', 4820).has('localhost'));
});

test('tokens: constant-time comparison gives the right answers', () => {
  assert.equal(tokenMatches('secret-token', 'secret-token'), true);
  assert.equal(tokenMatches('secret-token', 'secret-tokem'), false);
  assert.equal(tokenMatches('secret-token', 'secret-token '), false);
  assert.equal(tokenMatches('secret-token', ''), false);
  assert.equal(tokenMatches('secret-token', undefined), false);
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.string(), (a, b) => tokenMatches(a, b) === (a === b)),
    { numRuns: 500 },
  );
});

test('tokens that cannot travel in a header are refused', () => {
  assert.equal(tokenProblem('abc-DEF_123.~!'), null);
  assert.match(tokenProblem('has space') ?? '', /visible ASCII/);
  assert.match(tokenProblem('naïve') ?? '', /visible ASCII/);
  assert.match(tokenProblem('x'.repeat(513)) ?? '', /longer than 512/);
});

test('bearer tokens and cookies are read exactly', () => {
  assert.equal(bearerToken('Bearer abc'), 'abc');
  assert.equal(bearerToken('bearer   abc  '), 'abc');
  assert.equal(bearerToken('Basic abc'), undefined);
  assert.equal(bearerToken('Bearer a b'), undefined);
  assert.equal(bearerToken(undefined), undefined);
  assert.equal(cookieValue(`a=1; ${TOKEN_COOKIE}=t%3Dx; b=2`, TOKEN_COOKIE), 't=x');
  assert.equal(cookieValue(`x${TOKEN_COOKIE}=nope`, TOKEN_COOKIE), undefined);
  assert.equal(cookieValue(`${TOKEN_COOKIE}=%E0%A4`, TOKEN_COOKIE), undefined);
  assert.equal(cookieValue(undefined, TOKEN_COOKIE), undefined);
  const cookie = tokenCookie('a;b=c');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  // The value round-trips through the cookie header.
  assert.equal(cookieValue(cookie.split('; ')[0], TOKEN_COOKIE), 'a;b=c');
});

test('the querystring schema is the contract schema, optional and as plain JSON Schema', () => {
  const schema = searchQuerystringSchema();
  assert.deepEqual(Object.keys(schema.properties as object), Object.keys(SearchRequestSchema.properties));
  assert.deepEqual(schema.required, []);
  assert.equal(schema.additionalProperties, false);
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(properties.sort?.enum, ['relevance', 'date-desc', 'date-asc']);
  assert.deepEqual((properties.kind?.items as Record<string, unknown>).enum, ['quote', 'turn', 'narrative']);
  assert.equal(properties.q?.maxLength, 1000);
  // No TypeBox symbols survive (ajv and JSON.stringify would see different schemas).
  assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
  assert.equal(Object.getOwnPropertySymbols(plainSchema(SearchRequestSchema)).length, 0);
});
