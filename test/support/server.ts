/**
 * Helpers for the server's tests: real corpora in temporary folders (in the format of the
 * shared wh_briefings transcripts), a built-looking UI folder, and a plain HTTP client that
 * can send any Host header (fetch cannot).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { after, before } from 'node:test';
import { startServer, type RunningServer } from '../../main/server/index';
import { createSearchService, type SearchService } from '../../main/service/index';
import { dirname, join } from 'node:path';

export interface Briefing {
  date: string;
  /** A word only this briefing uses, so searches can find exactly it. */
  word: string;
  speaker?: string;
}

/** A press briefing as whitehouse.gov published it: YAML front matter, then turns. */
export function briefing({ date, word, speaker = 'MS. PSAKI' }: Briefing): string {
  return [
    '---',
    'tags: press-briefings',
    `date: '${date}'`,
    `source_url: https://www.whitehouse.gov/briefing-room/press-briefings/${date}/briefing-${word}/`,
    `title: "Press Briefing by Press Secretary Jen Psaki on the ${word} plan, ${date}"`,
    '---',
    'James S. Brady Press Briefing Room',
    '',
    '1:05 P.M. EST',
    '',
    `${speaker}:  Good afternoon, everyone. The President met with the Cabinet today about the ${word} initiative and the economy.`,
    '',
    `Q    Thanks. Can you say more about the ${word} initiative and what it costs?`,
    '',
    `${speaker}:  The ${word} initiative is paid for in full. The President has been clear that families should not bear the cost.`,
    '',
    'Q    And on Russia, did the President speak with President Putin?',
    '',
    `${speaker}:  He did not today. We will have more on the diplomacy with our allies later this week.`,
    '',
  ].join('\n');
}

/** A short news text with a quote (the service's test article). */
export { article as newsArticle } from './testCorpus';
import { article } from './testCorpus';

export interface TempDirs {
  corpusDir: string;
  staticDir: string;
  write(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
  dispose(): Promise<void>;
}

export const UI_FILES: Record<string, string> = {
  'index.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dictum</title><link rel="stylesheet" href="styles.css"></head><body><script src="app.js"></script></body></html>\n',
  'app.js': 'document.title = "Dictum";\n',
  'styles.css': 'body { margin: 0; }\n',
};

export async function tempDirs(files: Record<string, string>): Promise<TempDirs> {
  const root = await mkdtemp(join(tmpdir(), 'dictum-server-'));
  const corpusDir = join(root, 'corpus');
  const staticDir = join(root, 'ui');
  await mkdir(corpusDir, { recursive: true });
  await mkdir(staticDir, { recursive: true });
  for (const [name, text] of Object.entries(UI_FILES)) await writeFile(join(staticDir, name), text);
  // A file beside the UI that must never be served.
  await writeFile(join(root, 'secret.txt'), 'not for the web\n');
  await writeFile(join(staticDir, '.env'), 'TOKEN=hidden\n');
  const write = async (path: string, text: string) => {
    const file = join(corpusDir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  };
  for (const [path, text] of Object.entries(files)) await write(path, text);
  return {
    corpusDir,
    staticDir,
    write,
    remove: (path) => rm(join(corpusDir, path), { force: true }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = unknown>(): T;
}

/** GET (or another method) over plain HTTP with exactly the headers given. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; timeoutMs?: number; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`request to ${url} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A query string from a record of parameters; arrays become repeated parameters. */
export function queryString(params: Record<string, string | number | Array<string | number>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A server on a port of its own over three press briefings and a news article, indexed: the
 * corpus the server's route tests share.
 */
export interface BriefingsServer {
  dirs: TempDirs;
  service: SearchService;
  server: RunningServer;
}

/** Starts the briefings server before a test file's tests, hands it to `use`, and closes it after them. */
export function withBriefingsServer(use: (running: BriefingsServer) => void): void {
  let running: BriefingsServer | undefined;
  before(async () => {
    running = await startBriefingsServer();
    use(running);
  });
  after(async () => {
    await running?.server.close();
    await running?.service.close();
    await running?.dirs.dispose();
  });
}

export async function startBriefingsServer(): Promise<BriefingsServer> {
  const dirs = await tempDirs({
    'press-briefings/2021-12/2021-12-08-briefing.md': briefing({
      date: '2021-12-08',
      word: 'infrastructure',
    }),
    'press-briefings/2022-03/2022-03-01-briefing.md': briefing({
      date: '2022-03-01',
      word: 'vaccination',
      speaker: 'MS. JEAN-PIERRE',
    }),
    'press-briefings/2022-06/2022-06-15-briefing.md': briefing({ date: '2022-06-15', word: 'semiconductor' }),
    'news/harbour.txt': article('harbour'),
  });
  const service = createSearchService({ corpusDir: dirs.corpusDir, cacheDir: null });
  const status = await service.ready();
  if (status.error !== null || status.documents < 4)
    throw new Error(`test: the 4 documents were not indexed: ${JSON.stringify(status)}`);
  const server = await startServer({
    service,
    host: '127.0.0.1',
    port: 0,
    staticDir: dirs.staticDir,
    logger: false,
  });
  return { dirs, service, server };
}
