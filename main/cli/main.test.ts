import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtractedDocument, SearchResponse, StatusResponse } from '../common/contract';
import { formatSearchResponse } from './format';
import { bundledCorpusDir, packageRoot } from '../service/packagePaths';

const root = packageRoot();

/** Runs the CLI from its TypeScript sources, as `npx dictum` runs the built one. */
function dictum(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'main/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('search --json answers from the bundled corpus with speaker, topic and date facets', () => {
  const { code, stdout, stderr } = dictum('search', 'Olympics', '--json', '--no-cache');
  assert.equal(code, 0, stderr);
  const response = JSON.parse(stdout) as SearchResponse;
  assert.equal(response.query, 'Olympics');
  assert.ok(response.total > 0, 'some passages mention the Olympics');
  assert.ok(response.hits.length > 0);
  for (const hit of response.hits) {
    assert.match(hit.text, /olympic/i);
    assert.ok(hit.highlights.length > 0, 'every hit marks its matched words');
    for (const [start, end] of hit.highlights) assert.match(hit.text.slice(start, end), /olympic/i);
  }
  assert.ok(response.facets.speaker.length > 0, 'speaker facet');
  assert.ok(response.facets.topic.length > 0, 'topic facet');
  assert.ok(response.facets.date.length > 0, 'date facet');
});

test('search filters by speaker and kind through flags', () => {
  const { code, stdout, stderr } = dictum(
    'search',
    'sports',
    '--speaker',
    'Vladimir Putin',
    '--kind',
    'quote',
    '--json',
    '--no-cache',
  );
  assert.equal(code, 0, stderr);
  const response = JSON.parse(stdout) as SearchResponse;
  assert.ok(response.total > 0, 'Putin is quoted on sports in the seed');
  for (const hit of response.hits) {
    assert.equal(hit.speaker, 'Vladimir Putin');
    assert.equal(hit.kind, 'quote');
  }
});

test('bad flags are usage errors with exit code 2 and a clear message', () => {
  const limit = dictum('search', 'x', '--limit', 'many', '--no-cache');
  assert.equal(limit.code, 2);
  assert.match(limit.stderr, /--limit takes a whole number/);
  const kind = dictum('search', 'x', '--kind', 'rumour', '--no-cache');
  assert.equal(kind.code, 2);
  assert.match(kind.stderr, /kind/);
  const unknown = dictum('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
});

test('extract --json prints the contract document for the seed', () => {
  const seed = join(bundledCorpusDir(), 'news/cgtn-2021-12-xi-putin-video-call.txt');
  const { code, stdout, stderr } = dictum('extract', seed, '--json');
  assert.equal(code, 0, stderr);
  const extracted = JSON.parse(stdout) as ExtractedDocument;
  assert.ok(extracted.text.length > 0);
  for (const passage of extracted.passages) {
    assert.equal(extracted.text.slice(passage.start, passage.end), passage.text);
  }
});

test('extract reports a missing file without a stack trace', () => {
  const { code, stderr } = dictum('extract', join(root, 'no-such-file.txt'));
  assert.equal(code, 1);
  assert.match(stderr, /^dictum: cannot read/);
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/);
});

test('index lists each skipped file with its reason', (t) => {
  const work = mkdtempSync(join(tmpdir(), 'dictum-cli-index-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const dir = join(work, 'corpus');
  mkdirSync(dir);
  writeFileSync(join(dir, 'article.txt'), 'Officials met on Monday.\n\n"We will keep at it," Smith said.\n');
  writeFileSync(join(dir, 'photo.png'), 'not a document');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(work, 'outside.txt'), 'not in the corpus\n');
  symlinkSync(join(work, 'outside.txt'), join(dir, 'passwd.txt'));
  const { code, stdout, stderr } = dictum('index', dir, '--no-cache');
  assert.equal(code, 0, stderr);
  assert.match(stdout, /skipped 3 files:/);
  assert.match(stdout, /^ {2}photo\.png — unsupported file type$/m);
  assert.match(stdout, /^ {2}empty\.txt — empty file$/m);
  assert.match(stdout, /^ {2}passwd\.txt — a link to a file outside the corpus folder/m);
});

test('the human format marks highlights without a TTY', () => {
  const response: SearchResponse = {
    query: 'sport',
    total: 1,
    tookMs: 1.25,
    notes: [],
    hits: [
      {
        id: 'd:1',
        docId: 'd',
        kind: 'quote',
        speaker: 'Vladimir Putin',
        text: 'rejecting any attempts to politicize sports',
        snippet: 'rejecting any attempts to politicize sports',
        highlights: [[37, 43]],
        date: '2021-12-15',
        topics: ['sport'],
        title: 'A call',
        source: null,
        url: null,
        dateSource: 'metadata',
        start: 0,
        end: 43,
        path: 'news/a.txt',
        score: 1,
      },
    ],
    facets: { speaker: [{ value: 'Vladimir Putin', count: 1 }], topic: [], date: [], kind: [] },
  };
  const status = { corpus: { name: 'corpus', path: '/c' } } as StatusResponse;
  const out = formatSearchResponse(response, status, false);
  assert.match(out, /1 match in corpus/);
  assert.match(out, /politicize \[sports\]/);
  assert.match(out, /speaker: Vladimir Putin \(1\)/);
});

test('border -speaker:reporter and --not-speaker both give the total less the reporters', () => {
  const run = (...args: string[]): SearchResponse => {
    const { code, stdout, stderr } = dictum('search', ...args, '--json', '--no-cache', '--limit', '0');
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout) as SearchResponse;
  };
  const all = run('border');
  const reporter = all.facets.speaker.find((v) => /^reporter$/i.test(v.value));
  assert.ok(reporter && reporter.count > 0, 'reporters ask about the border in the seed');
  const typed = run('border -speaker:reporter');
  assert.equal(typed.total, all.total - reporter.count);
  const flagged = run('border', '--not-speaker', reporter.value);
  assert.equal(flagged.total, all.total - reporter.count);
  // The excluded value keeps its count in the facet (disjunctive), so the UI can show it.
  assert.equal(flagged.facets.speaker.find((v) => v.value === reporter.value)?.count, reporter.count);
});

test('typo in filter values on the bundled corpus: speaker:puttin and topic:sports get suggestions', () => {
  const run = (q: string): SearchResponse => {
    const { code, stdout, stderr } = dictum('search', q, '--json', '--no-cache', '--limit', '0');
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout) as SearchResponse;
  };
  const putin = run('speaker:puttin');
  assert.equal(putin.total, 0);
  assert.equal(putin.suggestions?.filters[0]?.nearest[0], 'Vladimir Putin');
  assert.equal(putin.suggestions?.query, 'speaker:"Vladimir Putin"');
  const sports = run('topic:sports');
  assert.equal(sports.total, 0);
  assert.equal(sports.suggestions?.filters[0]?.nearest[0], 'sport');
});

test('speakers --merges lists the names merged across the corpus; without --merges it is a usage error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dictum-merges-'));
  try {
    // invented names: a briefing that never gives Quorval's first name, one that does
    writeFileSync(
      join(dir, 'a.md'),
      '# Briefing\n\nMR. QUORVAL: Monday.\n\nQ: Who pays?\n\nMR. QUORVAL: The port.\n',
    );
    writeFileSync(
      join(dir, 'b.md'),
      '# Remarks\n\nPort director Amos Quorval spoke.\n\nMR. QUORVAL: Thanks.\n\nQ: When?\n\nMR. QUORVAL: Soon.\n',
    );
    const text = dictum('speakers', '--merges', '--corpus', dir, '--no-cache');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Quorval → Amos Quorval {2}\(surname; 2 statements\)/);
    const json = dictum('speakers', '--merges', '--json', '--corpus', dir, '--no-cache');
    assert.deepEqual(JSON.parse(json.stdout), {
      merges: [{ from: 'Quorval', to: 'Amos Quorval', reason: 'surname', statements: 2 }],
    });
    assert.equal(dictum('speakers', '--corpus', dir).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
