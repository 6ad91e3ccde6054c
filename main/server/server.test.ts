import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import {
  CONTRACT,
  LIMITS,
  type ExtractedDocument,
  type SearchResponse,
  type StatusResponse,
} from '../common/contract';
import { SearchRequestSchema } from '../common/schemas';
import { validateSearchRequest } from '../common/validate';
import { type SearchService } from '../service/index';
import { startServer, type RunningServer, type ServedService } from './index';
import { openApiPath } from './openapi';
import { TOKEN_COOKIE } from './security';
import { queryString, withBriefingsServer, send, UI_FILES, type TempDirs } from '../../test/support/server';

const TOKEN = 'test-token-0123456789abcdef';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

function withoutTiming(response: SearchResponse): Omit<SearchResponse, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = response;
  return rest;
}

withBriefingsServer((running) => ({ dirs, service, server } = running));

describe('contract routes', () => {
  test('GET /api/search answers exactly what the service answers', async () => {
    const cases: Array<Record<string, string | number | string[]>> = [
      { q: 'initiative' },
      { q: '' },
      { q: 'initiative', speaker: ['Jen Psaki', 'Karine Jean-Pierre'], sort: 'date-desc', limit: 3 },
      { q: 'President', kind: ['turn', 'quote'], from: '2022', to: '2022-12', offset: 1 },
    ];
    for (const params of cases) {
      const answer = await send(`${server.url}/api/search${queryString(params)}`);
      assert.equal(answer.status, 200, answer.body);
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      const direct = await service.search(validateSearchRequest(params));
      assert.deepEqual(withoutTiming(answer.json<SearchResponse>()), withoutTiming(direct));
    }
  });

  test('the next cursor of a page gives the page after it', async () => {
    const first = (
      await send(`${server.url}/api/search?q=initiative&limit=2&sort=date-asc`)
    ).json<SearchResponse>();
    assert.ok(first.next, 'a next cursor');
    const answer = await send(
      `${server.url}/api/search${queryString({ q: 'initiative', limit: 2, sort: 'date-asc', after: first.next })}`,
    );
    assert.equal(answer.status, 200, answer.body);
    const byOffset = await service.search(
      validateSearchRequest({ q: 'initiative', limit: 2, sort: 'date-asc', offset: 2 }),
    );
    assert.deepEqual(
      answer.json<SearchResponse>().hits.map((h) => h.id),
      byOffset.hits.map((h) => h.id),
    );
  });

  test('a single value of a list parameter is a one-element list', async () => {
    const answer = await send(`${server.url}/api/search?q=initiative&kind=turn`);
    assert.equal(answer.status, 200, answer.body);
    const body = answer.json<SearchResponse>();
    assert.ok(body.total > 0);
    assert.ok(body.hits.every((hit) => hit.kind === 'turn'));
  });

  test('repeated facet values are OR-ed, as in the CLI', async () => {
    const all = await service.search(validateSearchRequest({ q: 'initiative', limit: 0 }));
    const speakers = all.facets.speaker.map((f) => f.value);
    assert.ok(speakers.length >= 2, `speakers: ${speakers.join(', ')}`);
    const both = await send(
      `${server.url}/api/search${queryString({ q: 'initiative', speaker: speakers, limit: 0 })}`,
    );
    assert.equal(both.json<SearchResponse>().total, all.total);
  });

  test('GET /api/documents/:id answers the extracted document', async () => {
    const hits = (await service.search(validateSearchRequest({ q: 'semiconductor' }))).hits;
    const docId = hits[0]?.docId;
    assert.ok(docId, 'a hit for semiconductor');
    const answer = await send(`${server.url}/api/documents/${encodeURIComponent(docId)}`);
    assert.equal(answer.status, 200, answer.body);
    const doc = answer.json<ExtractedDocument>();
    assert.deepEqual(doc, await service.document(docId));
    assert.equal(doc.document.id, docId);
    assert.ok(doc.passages.length > 0);
    assert.ok(doc.text.includes('semiconductor'));
  });

  test('an unknown document is a 404 with the error shape', async () => {
    const answer = await send(`${server.url}/api/documents/d0000000000000000`);
    assert.equal(answer.status, 404);
    assert.equal(typeof answer.json<{ error: string }>().error, 'string');
  });

  test('a document id is never a path', async () => {
    for (const id of [
      '..%2F..%2Fsecret.txt',
      '%2Fetc%2Fpasswd',
      'press-briefings%2F2021-12%2F2021-12-08-briefing.md',
    ]) {
      const answer = await send(`${server.url}/api/documents/${id}`);
      assert.equal(answer.status, 404, `${id}: ${answer.body}`);
      assert.doesNotMatch(answer.body, /not for the web|root:/);
    }
  });

  test('GET /api/status answers the service status', async () => {
    const answer = await send(`${server.url}/api/status`);
    assert.equal(answer.status, 200);
    const status = answer.json<StatusResponse>();
    const direct = await service.status();
    assert.deepEqual(status.corpus, direct.corpus);
    assert.equal(status.documents, direct.documents);
    assert.equal(status.passages, direct.passages);
    assert.equal(status.progress.phase, 'ready');
    assert.deepEqual(status.skipped, direct.skipped);
  });
});

describe('validation', () => {
  const long = 'x'.repeat(LIMITS.queryLength + 1);
  const cases: Array<[string, RegExp]> = [
    [`q=${long}`, /q must NOT have more than 1000 characters/],
    ['limit=201', /limit must be <= 200/],
    ['limit=-1', /limit must be >= 0/],
    ['limit=abc', /limit must be integer/],
    ['limit=2.5', /limit must be integer/],
    ['limit=1&limit=2', /limit must be integer/],
    [`offset=${LIMITS.maxOffset + 1}`, /offset must be <=/],
    ['kind=opinion', /kind.0 must be one of quote, turn, narrative/],
    ['kind=quote&kind=turn&kind=narrative&kind=quote', /kind must NOT have more than 3 items/],
    ['sort=random', /sort must be one of relevance, date-desc, date-asc/],
    ['from=2021-13', /from must be a date like/],
    ['to=yesterday', /to must be a date like/],
    ['from=2021-02-30x', /from must be a date like/],
    ['from=2022-01&to=2021-12-31', /from must not be after to/],
    ['speaker=', /speaker.0 must NOT have fewer than 1 characters/],
    [
      `speaker=${'s'.repeat(LIMITS.filterValueLength + 1)}`,
      /speaker.0 must NOT have more than 200 characters/,
    ],
    [
      Array.from({ length: LIMITS.filterValues + 1 }, (_, i) => `topic=t${i}`).join('&'),
      /topic must NOT have more than 50 items/,
    ],
    ['q=a&q=b', /q must be string/],
    ['after=zzz', /after is not a cursor/],
    ['page=2', /unknown parameter "page"/],
    ['token=abc', /unknown parameter "token"/],
  ];
  for (const [query, message] of cases) {
    test(`GET /api/search?${query.slice(0, 60)} is a 400`, async () => {
      const answer = await send(`${server.url}/api/search?${query}`);
      assert.equal(answer.status, 400, answer.body);
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      const body = answer.json<{ error: string }>();
      assert.deepEqual(Object.keys(body), ['error']);
      assert.match(body.error, /^search: /);
      assert.match(body.error, message);
    });
  }

  test('a document id longer than the limit is a 400', async () => {
    const answer = await send(`${server.url}/api/documents/${'d'.repeat(LIMITS.idLength + 1)}`);
    assert.equal(answer.status, 400);
    assert.match(
      answer.json<{ error: string }>().error,
      /^document: id must NOT have more than 512 characters/,
    );
  });

  test('a URL that is not valid percent-encoding is a 400 with the error shape', async () => {
    const answer = await send(`${server.url}/api/documents/%E0%A4%A`);
    assert.equal(answer.status, 400);
    assert.equal(typeof answer.json<{ error: string }>().error, 'string');
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
  });

  test('other routes take no parameters, and say so in their own name', async () => {
    for (const [path, name] of [
      ['/api/status?x=1', 'status'],
      ['/api/openapi.json?x=1', 'openapi'],
      ['/api/events?x=1', 'events'],
    ] as const) {
      const answer = await send(`${server.url}${path}`);
      assert.equal(answer.status, 400, path);
      assert.equal(answer.json<{ error: string }>().error, `${name}: unknown parameter "x"`);
    }
  });
});

describe('not found', () => {
  for (const [method, path] of [
    ['GET', '/nope'],
    ['GET', '/api/nope'],
    ['POST', '/api/search'],
    ['DELETE', '/api/documents/abc'],
    ['GET', '/.env'],
    ['GET', '/../secret.txt'],
    ['GET', '/%2e%2e/secret.txt'],
    ['GET', '/..%2fsecret.txt'],
  ] as const) {
    test(`${method} ${path} is a 404 (or 403) with the error shape`, async () => {
      const answer = await send(`${server.url}${path}`, { method });
      assert.ok([403, 404].includes(answer.status), answer.body);
      assert.match(answer.json<{ error: string }>().error, /not found|Forbidden/);
      assert.doesNotMatch(answer.body, /not for the web|hidden/);
    });
  }
});

test('an empty document id is a 400', async () => {
  const answer = await send(`${server.url}/api/documents/`);
  assert.equal(answer.status, 400);
  assert.match(answer.json<{ error: string }>().error, /^document: id must NOT have fewer than 1 characters/);
});

describe('the UI', () => {
  test('/ is index.html, with the strict CSP', async () => {
    const answer = await send(`${server.url}/`);
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/html/);
    assert.equal(answer.body, UI_FILES['index.html']);
    assert.equal(
      answer.headers['content-security-policy'],
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  test('the script and the styles are served with their types', async () => {
    const js = await send(`${server.url}/app.js`);
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.body, UI_FILES['app.js']);
    const css = await send(`${server.url}/styles.css`);
    assert.match(String(css.headers['content-type']), /^text\/css/);
  });

  test('without a built UI the API still works and / says why', async () => {
    const other = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      staticDir: `${dirs.staticDir}-missing`,
      logger: false,
    });
    try {
      const root = await send(`${other.url}/`);
      assert.equal(root.status, 503);
      assert.match(root.json<{ error: string }>().error, /the UI is not built/);
      assert.equal((await send(`${other.url}/api/status`)).status, 200);
    } finally {
      await other.close();
    }
  });
});

describe('OpenAPI', () => {
  test('lists every contract route with its parameters, from the same schemas', async () => {
    const answer = await send(`${server.url}/api/openapi.json`);
    assert.equal(answer.status, 200);
    const doc = answer.json<{
      openapi: string;
      paths: Record<
        string,
        { get?: { operationId: string; parameters: Array<{ name: string; in: string }> } }
      >;
    }>();
    assert.match(doc.openapi, /^3\./);
    for (const [method, { http }] of Object.entries(CONTRACT)) {
      const operation = doc.paths[openApiPath(http.path)]?.[http.method.toLowerCase() as 'get'];
      assert.ok(operation, `${http.method} ${http.path} is documented`);
      assert.equal(operation.operationId, method);
    }
    const search = doc.paths['/api/search']?.get;
    assert.deepEqual(
      search?.parameters.map((p) => p.name).sort(),
      Object.keys(SearchRequestSchema.properties).sort(),
    );
    const limit = search?.parameters.find((p) => p.name === 'limit') as unknown as {
      schema: { maximum: number };
    };
    assert.equal(limit.schema.maximum, LIMITS.pageSize);
    const documentParams = doc.paths['/api/documents/{id}']?.get?.parameters;
    assert.deepEqual(
      documentParams?.map((p) => [p.name, p.in]),
      [['id', 'path']],
    );
    assert.ok(doc.paths['/api/events'], 'the event stream is documented');
  });
});

describe('shutdown and logs', () => {
  test('close() lets requests in flight finish', async () => {
    // The real service, with searches held back so that they are surely in flight at close().
    let arrived = 0;
    let allArrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (allArrived = resolve));
    const held: ServedService = {
      search: async (request) => {
        if (++arrived === 10) allArrived();
        await new Promise((r) => setTimeout(r, 300));
        return service.search(request);
      },
      document: (id) => service.document(id),
      status: () => service.status(),
      timeline: (request) => service.timeline(request),
      onProgress: (listener) => service.onProgress(listener),
    };
    const other = await startServer({
      service: held,
      host: '127.0.0.1',
      port: 0,
      staticDir: dirs.staticDir,
      logger: false,
    });
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      send(`${other.url}/api/search?q=initiative&offset=${i}`),
    );
    await arrival;
    await other.close();
    const answers = await Promise.all(inFlight);
    assert.deepEqual(
      answers.map((a) => a.status),
      answers.map(() => 200),
    );
    await assert.rejects(send(`${other.url}/api/status`), /ECONNREFUSED/);
  });

  test('a service failure is a bare 500, logged with its cause', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    // The real service, with one method failing the way a broken disk or a bug would.
    const failing: ServedService = {
      search: (request) => service.search(request),
      document: async () => {
        throw new Error('EIO: i/o error, read /home/someone/private/corpus/file.md');
      },
      status: () => service.status(),
      timeline: (request) => service.timeline(request),
      onProgress: (listener) => service.onProgress(listener),
    };
    const other = await startServer({
      service: failing,
      host: '127.0.0.1',
      port: 0,
      staticDir: dirs.staticDir,
      logger: { level: 'info', stream },
    });
    try {
      const answer = await send(`${other.url}/api/documents/d0123456789abcdef`);
      assert.equal(answer.status, 500);
      assert.equal(answer.body, '{"error":"internal error"}');
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal((await send(`${other.url}/api/search?q=initiative`)).status, 200);
    } finally {
      await other.close();
    }
    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 50);
    assert.equal(errors.length, 1, lines.join('\n'));
    assert.equal(errors[0]?.route, '/api/documents/:id');
    assert.match(JSON.stringify(errors[0]?.err), /EIO: i\/o error/);
  });

  test('one structured line per request, without the token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logged = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      staticDir: dirs.staticDir,
      logger: { level: 'info', stream },
    });
    try {
      await send(`${logged.url}/api/search?q=initiative`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await send(`${logged.url}/?token=${TOKEN}`);
      await send(`${logged.url}/api/status`, { headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` } });
      await send(`${logged.url}/api/search?limit=999`, { headers: { authorization: `Bearer ${TOKEN}` } });
    } finally {
      await logged.close();
    }
    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    assert.equal(requests.length, 4, lines.join('\n'));
    assert.deepEqual(
      requests.map((r) => [r.route, r.status]),
      [
        ['/api/search', 200],
        ['/*', 303],
        ['/api/status', 200],
        ['/api/search', 400],
      ],
    );
    for (const r of requests) {
      assert.equal(typeof r.reqId, 'string');
      assert.equal(typeof r.durationMs, 'number');
      assert.equal(r.method, 'GET');
    }
    assert.ok(!lines.join('\n').includes(TOKEN), 'the token is never logged');
  });
});
