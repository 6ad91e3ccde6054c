/**
 * Load and fault tests over loopback against the real SearchService: concurrent faceted
 * searches while the corpus is re-indexed and its files rewritten, deleted and restored;
 * random requests that must never get a 5xx and must be judged as IPC judges them.
 * Each test is bounded to a few seconds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LIMITS, type SearchRequest, type SearchResponse, type StatusResponse } from '../common/contract';
import { validateSearchRequest } from '../common/validate';
import type { SearchService } from '../service/index';
import { CrashableSearchService } from '../../test/support/faultyWorkers';
import { startServer, type RunningServer } from './index';
import {
  briefing,
  newsArticle,
  queryString,
  send,
  tempDirs,
  type Answer,
  type TempDirs,
} from '../../test/support/server';

const WORDS = [
  'infrastructure',
  'vaccination',
  'semiconductor',
  'broadband',
  'wildfire',
  'inflation',
  'pipeline',
  'scholarship',
  'drought',
  'satellite',
  'tariff',
  'harvest',
];

function corpusFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  WORDS.forEach((word, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const date = `${i % 2 === 0 ? 2021 : 2022}-${month}-1${i % 10}`;
    files[`press-briefings/${date.slice(0, 7)}/${date}-${word}.md`] = briefing({
      date,
      word,
      speaker: i % 3 === 0 ? 'MS. JEAN-PIERRE' : 'MS. PSAKI',
    });
  });
  files['news/harbour.txt'] = newsArticle('harbour');
  files['news/orchard.txt'] = newsArticle('orchard', 'Grace Hopper');
  return files;
}

/** Mixed faceted searches, as a UI or a script would send them. */
const SEARCHES: Array<Record<string, string | number | string[]>> = [
  { q: '' },
  { q: 'initiative' },
  { q: 'President', kind: 'turn', sort: 'date-desc', limit: 5 },
  { q: 'initiative', speaker: ['Jen Psaki', 'Karine Jean-Pierre'], limit: 50 },
  { q: '', from: '2022', to: '2022-12', sort: 'date-asc' },
  { q: 'plan', kind: ['quote', 'narrative'] },
  { q: '"paid for in full"', offset: 2, limit: 3 },
  { q: 'Putin OR Russia', topic: 'politics' },
  { q: 'speaker:psaki cost', limit: 0 },
  { q: 'inflat', from: '2021-06', to: '2022-06-30' },
];

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;
let baseline: { total: number; documents: number; passages: number; perWord: Map<string, number> };

async function totalOf(params: Record<string, string | number | string[]>): Promise<number> {
  const answer = await send(`${server.url}/api/search${queryString({ ...params, limit: 0 })}`);
  assert.equal(answer.status, 200, answer.body);
  return answer.json<SearchResponse>().total;
}

async function snapshot(): Promise<typeof baseline> {
  const status = (await send(`${server.url}/api/status`)).json<StatusResponse>();
  const perWord = new Map<string, number>();
  for (const word of WORDS) perWord.set(word, await totalOf({ q: word }));
  return { total: await totalOf({ q: '' }), documents: status.documents, passages: status.passages, perWord };
}

/** Runs `work` in `concurrency` loops until `ms` have passed; returns every answer. */
async function hammer(
  concurrency: number,
  ms: number,
  work: (i: number) => Promise<Answer>,
): Promise<Answer[]> {
  const until = Date.now() + ms;
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let i = loop; Date.now() < until; i += concurrency) answers.push(await work(i));
    }),
  );
  return answers;
}

function assertWellFormed(answer: Answer, limit: number): void {
  assert.equal(answer.status, 200, answer.body);
  const body = answer.json<SearchResponse>();
  assert.ok(body.hits.length <= limit && body.hits.length <= Math.max(0, body.total));
  for (const hit of body.hits) assert.ok(hit.id && hit.docId && typeof hit.text === 'string');
}

before(async () => {
  dirs = await tempDirs(corpusFiles());
  // watch: true, as `dictum serve` runs it: the watcher and explicit re-indexing both run.
  service = new CrashableSearchService({ corpusDir: dirs.corpusDir, cacheDir: null, watch: true });
  const status = await service.ready();
  assert.equal(status.error, null);
  server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    staticDir: dirs.staticDir,
    logger: false,
  });
  baseline = await snapshot();
  assert.equal(baseline.documents, WORDS.length + 2);
  for (const [word, count] of baseline.perWord) assert.ok(count > 0, `${word} is found`);
});

after(async () => {
  await server?.close();
  await service?.close();
  await dirs?.dispose();
});

describe('load', () => {
  test('concurrent faceted searches while the corpus is re-indexed and rewritten', async (t) => {
    const files = corpusFiles();
    const paths = Object.keys(files);
    let writerDone = false;
    let reindexes = 0;
    const writer = (async () => {
      const until = Date.now() + 3000;
      for (let i = 0; Date.now() < until; i++) {
        const path = paths[i % paths.length] as string;
        // The same words, but a new file: the service must re-read it and lose nothing.
        await dirs.write(path, `${files[path] as string}\n`);
        await dirs.write(path, files[path] as string);
        await service.reindex();
        reindexes++;
      }
      writerDone = true;
    })();
    const answers = await hammer(8, 3000, (i) => {
      const params = SEARCHES[i % SEARCHES.length] as Record<string, string | number | string[]>;
      return send(`${server.url}/api/search${queryString(params)}`);
    });
    await writer;
    assert.ok(writerDone);
    t.diagnostic(`${answers.length} searches during ${reindexes} re-indexes`);
    assert.ok(answers.length >= 20, `only ${answers.length} searches ran`);
    assert.ok(reindexes >= 1, `only ${reindexes} re-indexes ran`);
    for (const answer of answers) assertWellFormed(answer, LIMITS.pageSize);

    await service.reindex();
    assert.deepEqual(await snapshot(), baseline);
  });

  test('files deleted and restored while serving: 404 for the gone, nothing else lost', async () => {
    const files = corpusFiles();
    const victims = Object.keys(files).filter((_, i) => i % 4 === 1);
    const victimWords = WORDS.filter((word) => victims.some((p) => p.includes(word)));
    // The documents' ids, found through the API before they go.
    const ids: string[] = [];
    for (const word of victimWords) {
      const hit = (
        await send(`${server.url}/api/search${queryString({ q: word, limit: 1 })}`)
      ).json<SearchResponse>().hits[0];
      assert.ok(hit, `a hit for ${word}`);
      ids.push(hit.docId);
    }

    const faults = (async () => {
      for (const path of victims) await dirs.remove(path);
      await service.reindex();
      // Every deleted document is gone: a clean 404, not an error.
      for (const id of ids) {
        const answer = await send(`${server.url}/api/documents/${encodeURIComponent(id)}`);
        assert.equal(answer.status, 404, answer.body);
        assert.match(answer.json<{ error: string }>().error, /not found/);
      }
      for (const word of victimWords) assert.equal(await totalOf({ q: word }), 0, `${word} is gone`);
      const status = (await send(`${server.url}/api/status`)).json<StatusResponse>();
      assert.equal(status.documents, baseline.documents - victims.length);
      for (const path of victims) await dirs.write(path, files[path] as string);
      await service.reindex();
    })();
    const answers = await hammer(6, 2500, (i) => {
      const id = ids[i % ids.length] as string;
      return i % 3 === 0
        ? send(`${server.url}/api/documents/${encodeURIComponent(id)}`)
        : send(
            `${server.url}/api/search${queryString(SEARCHES[i % SEARCHES.length] as Record<string, string>)}`,
          );
    });
    await faults;
    for (const answer of answers) {
      assert.ok(answer.status === 200 || answer.status === 404, `${answer.status}: ${answer.body}`);
    }

    await service.reindex();
    assert.deepEqual(await snapshot(), baseline);
    // The restored files have the same paths, so the same ids.
    for (const id of ids)
      assert.equal((await send(`${server.url}/api/documents/${encodeURIComponent(id)}`)).status, 200);
  });

  test('many concurrent document and status requests', async () => {
    const ids = (await send(`${server.url}/api/search?limit=200`))
      .json<SearchResponse>()
      .hits.map((h) => h.docId);
    const unique = [...new Set(ids)];
    assert.equal(unique.length, baseline.documents);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 5 === 0
          ? send(`${server.url}/api/status`)
          : send(`${server.url}/api/documents/${encodeURIComponent(unique[i % unique.length] as string)}`),
      ),
    );
    for (const answer of answers) assert.equal(answer.status, 200, answer.body);
  });
});

describe('faults', () => {
  test('an index worker crashing while serving: clean 500s at worst, then full recovery', async (t) => {
    assert.ok(service instanceof CrashableSearchService);
    const crash = (async () => {
      await new Promise((r) => setTimeout(r, 300));
      await service.crashWorker(0);
    })();
    const answers = await hammer(6, 2000, (i) =>
      send(`${server.url}/api/search${queryString(SEARCHES[i % SEARCHES.length] as Record<string, string>)}`),
    );
    await crash;
    const failed = answers.filter((a) => a.status !== 200);
    t.diagnostic(`${answers.length} searches, ${failed.length} failed during the crash`);
    for (const answer of failed) {
      assert.equal(answer.status, 500, answer.body);
      assert.deepEqual(answer.json(), { error: 'internal error' });
    }
    // The service restarts the worker and re-reads its files; then nothing is missing.
    await service.reindex();
    const deadline = Date.now() + 20_000;
    let now = await snapshot();
    while (
      JSON.stringify([...now.perWord]) !== JSON.stringify([...baseline.perWord]) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 250));
      now = await snapshot();
    }
    assert.deepEqual(now, baseline);
  });
});

describe('random requests (property)', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 60 });
  const wideText = fc.oneof(
    text,
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '"', '-', 'OR'),
  );
  const dateLike = fc.oneof(
    fc.constantFrom(
      '2021',
      '2021-12',
      '2021-12-15',
      '2022-02-30',
      '2021-13',
      '21',
      '2021-1',
      'yesterday',
      '',
    ),
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  );
  const values = fc.array(fc.oneof(text, fc.constantFrom('Jen Psaki', 'politics', 'quote', 'turn')), {
    maxLength: 4,
  });
  // Mostly valid requests, so that the engine is exercised as much as the validation.
  const validRequest = fc.record(
    {
      q: fc.oneof(
        text,
        fc.constantFrom('speaker:psaki', 'topic:politics', 'date:2021-12..2022-02', '"open', '-the OR'),
      ),
      speaker: fc.array(fc.constantFrom('Jen Psaki', 'Karine Jean-Pierre', 'Reporter', 'nobody'), {
        maxLength: 3,
      }),
      topic: fc.array(fc.constantFrom('politics', 'economy-business-finance', 'health'), { maxLength: 2 }),
      kind: fc.uniqueArray(fc.constantFrom('quote', 'turn', 'narrative'), { maxLength: 3 }),
      from: fc.constantFrom('2021', '2021-06', '2021-12-15'),
      to: fc.constantFrom('2022', '2022-06', '2022-12-31'),
      sort: fc.constantFrom('relevance', 'date-desc', 'date-asc'),
      limit: fc.integer({ min: 0, max: LIMITS.pageSize }),
      offset: fc.integer({ min: 0, max: 30 }),
    },
    { requiredKeys: [] },
  );
  const anyRequest = fc.record(
    {
      q: fc.oneof(
        wideText,
        fc.constantFrom(
          'speaker:psaki',
          'topic:politics',
          'date:2021-12..2022-02',
          'after:2021 before:2020',
          '"open',
        ),
        fc.string({ maxLength: 1200 }),
      ),
      speaker: values,
      topic: values,
      kind: fc.array(fc.constantFrom('quote', 'turn', 'narrative', 'opinion', ''), { maxLength: 4 }),
      from: dateLike,
      to: dateLike,
      sort: fc.constantFrom('relevance', 'date-desc', 'date-asc', 'random', ''),
      limit: fc.oneof(fc.integer({ min: -5, max: 250 }), fc.constantFrom(0, 200, 201)),
      offset: fc.oneof(fc.integer({ min: -1, max: 50 }), fc.constant(LIMITS.maxOffset + 1)),
    },
    { requiredKeys: [] },
  );
  const request = fc.oneof(validRequest, anyRequest);

  test('HTTP accepts exactly what IPC accepts, answers 4xx JSON otherwise, and never 5xx', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(request, async (raw) => {
        let ipcError: string | null = null;
        try {
          validateSearchRequest(raw);
        } catch (error) {
          ipcError = (error as Error).message;
        }
        const answer = await send(`${server.url}/api/search${queryString(raw)}`);
        assert.ok(answer.status < 500, `${answer.status}: ${answer.body}`);
        if (ipcError === null) {
          assert.equal(answer.status, 200, `IPC accepts ${JSON.stringify(raw)}, HTTP says ${answer.body}`);
          assertWellFormed(answer, (raw as Partial<SearchRequest>).limit ?? LIMITS.defaultPageSize);
          accepted++;
        } else {
          assert.equal(
            answer.status,
            400,
            `IPC refuses (${ipcError}), HTTP says ${answer.status} ${answer.body}`,
          );
          assert.match(answer.json<{ error: string }>().error, /^search: /);
        }
      }),
      { numRuns: 200, interruptAfterTimeLimit: 8000 },
    );
    assert.ok(accepted > 20, `only ${accepted} valid requests were generated`);
  });

  test('raw query strings of any shape never get a 5xx', async () => {
    const alphabet = fc.constantFrom(
      ...Array.from('qspeakrtoicndfmlmz=&+;%[]0129_.-é😀"'),
      '%ZZ',
      '%00',
      '%E0%A4',
      '%2F',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 80 }), async (parts) => {
        const raw = parts.join('').replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
        for (const path of [`/api/search?${raw}`, `/api/documents/${raw}`, `/${raw}`]) {
          const answer = await send(`${server.url}${path}`);
          assert.ok(answer.status < 500, `${path} -> ${answer.status}: ${answer.body}`);
          if (answer.status >= 400) assert.equal(typeof answer.json<{ error: string }>().error, 'string');
        }
      }),
      { numRuns: 150, interruptAfterTimeLimit: 6000 },
    );
  });
});
