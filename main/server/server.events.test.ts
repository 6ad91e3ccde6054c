/**
 * The server's status events (Server-Sent Events): the stream, a client that follows
 * indexing to ready, and streams ended by close().
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { type StatusResponse } from '../common/contract';
import { createSearchService, type SearchService } from '../service/index';
import { startServer, type RunningServer } from './index';
import {
  briefing,
  newsArticle,
  withBriefingsServer,
  tempDirs,
  type TempDirs,
} from '../../test/support/server';

let dirs: TempDirs;
let service: SearchService;
let server: RunningServer;

withBriefingsServer((running) => ({ dirs, service, server } = running));

describe('events', () => {
  test('GET /api/events streams the status as Server-Sent Events', async () => {
    const first = await new Promise<{
      headers: Record<string, unknown>;
      event: string;
      data: StatusResponse;
    }>((resolve, reject) => {
      const req = httpGet(`${server.url}/api/events`, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          const match = /(event: \w+\n)?data: (.*)\n\n/.exec(buffer);
          if (match) {
            req.destroy();
            resolve({
              headers: res.headers,
              event: match[1] ?? '',
              data: JSON.parse(match[2] as string),
            });
          }
        });
      });
      req.on('error', reject);
      req.setTimeout(5000, () => req.destroy(new Error('no event within 5 s')));
    });
    assert.match(String(first.headers['content-type']), /^text\/event-stream/);
    assert.equal(first.headers['x-content-type-options'], 'nosniff');
    // No event name: EventSource.onmessage (the renderer's httpBridge) receives it.
    assert.equal(first.event, '');
    assert.equal(first.data.documents, (await service.status()).documents);
  });

  test('a client connected while indexing follows it to ready', async () => {
    const fresh = await tempDirs({
      'a/2021-01-05-one.md': briefing({ date: '2021-01-05', word: 'lighthouse' }),
      'a/2021-02-05-two.md': briefing({ date: '2021-02-05', word: 'glacier' }),
      'b/news.txt': newsArticle('meadow'),
    });
    const indexing = createSearchService({ corpusDir: fresh.corpusDir, cacheDir: null });
    const other = await startServer({
      service: indexing,
      host: '127.0.0.1',
      port: 0,
      staticDir: fresh.staticDir,
      logger: false,
    });
    try {
      const seen = await new Promise<StatusResponse[]>((resolve, reject) => {
        const statuses: StatusResponse[] = [];
        const req = httpGet(`${other.url}/api/events`, (res) => {
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (data === undefined) continue;
              const status = JSON.parse(data) as StatusResponse;
              statuses.push(status);
              if (status.progress.phase === 'ready') {
                req.destroy();
                resolve(statuses);
              }
            }
          });
        });
        req.on('error', reject);
        req.setTimeout(30_000, () => req.destroy(new Error('indexing did not reach ready within 30 s')));
      });
      const last = seen[seen.length - 1] as StatusResponse;
      assert.equal(last.documents, 3);
      assert.equal(last.progress.filesDone, last.progress.filesTotal);
    } finally {
      await other.close();
      await indexing.close();
      await fresh.dispose();
    }
  });

  test('close() ends open streams and resolves', async () => {
    const other = await startServer({
      service,
      host: '127.0.0.1',
      port: 0,
      staticDir: dirs.staticDir,
      logger: false,
    });
    const ended = new Promise<string>((resolve, reject) => {
      const req = httpGet(`${other.url}/api/events`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    // Let the stream open before shutting down.
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 3000, 'close() does not wait for the stream');
    assert.match(await ended, /^data: \{/m);
  });
});
