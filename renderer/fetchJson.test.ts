import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ExtractedDocumentSchema,
  SearchResponseSchema,
  StatusResponseSchema,
} from '../main/common/responseSchemas';
import { BridgeError, getJson } from './fetchJson';

/** A server that answers every request with this body, as a real one would send it. */
async function answering(body: unknown, status = 200): Promise<{ base: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const goodSearch = {
  query: '',
  total: 0,
  tookMs: 1,
  hits: [],
  facets: { speaker: [], topic: [], date: [], kind: [] },
  notes: [],
};

test('a well-formed answer passes through as it came', async () => {
  const { base, server } = await answering(goodSearch);
  try {
    assert.deepEqual(await getJson(SearchResponseSchema, 'a search', base), goodSearch);
  } finally {
    server.close();
  }
});

test('a malformed search answer is a BridgeError that says where, not a value passed on', async () => {
  const malformed = { ...goodSearch, total: 3, hits: [{ id: 'p1', score: 'high' }] };
  const { base, server } = await answering(malformed);
  try {
    await assert.rejects(getJson(SearchResponseSchema, 'a search', base), (error: unknown) => {
      assert.ok(error instanceof BridgeError);
      assert.match(error.message, /^renderer: the server's answer to a search is not what Dictum expects/);
      assert.match(error.message, /hits\.0\.\w+/);
      return true;
    });
  } finally {
    server.close();
  }
});

test('a status and a document are checked too; an error body keeps its message', async () => {
  const status = await answering({ corpus: { path: '/x', name: 'x' }, documents: -1 });
  const missing = await answering({ error: 'document: no document x' }, 404);
  try {
    await assert.rejects(
      getJson(StatusResponseSchema, 'status', status.base),
      /answer to status is not what Dictum expects/,
    );
    await assert.rejects(
      getJson(ExtractedDocumentSchema, 'a document', status.base),
      /answer to a document is not/,
    );
    await assert.rejects(getJson(ExtractedDocumentSchema, 'a document', missing.base), (error: unknown) => {
      assert.ok(error instanceof BridgeError);
      assert.equal(error.message, 'document: no document x');
      assert.equal(error.status, 404);
      return true;
    });
  } finally {
    status.server.close();
    missing.server.close();
  }
});
