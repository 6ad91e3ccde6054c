import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { extractSingleFile, listCorpusFiles, loadCorpusOptions, readCorpusFile, type CorpusFile } from './corpusReader';

async function tempCorpus(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dictum-corpus-'));
}

const ARTICLE = 'Officials met on Monday.\n\n"We will keep working on this together," Smith said at the meeting.\n';

test('bad input: each bad file is skipped with its reason and the rest is read', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'good.txt'), ARTICLE);
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'broken.json'), '{"title": "x", "text": ');
  await writeFile(join(dir, 'broken.md'), '---\ntitle: [unclosed\ndate: 2021-01-01\n---\nBody text here.\n');
  await writeFile(join(dir, 'junk.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x00, 0x00, 0x03]));
  await writeFile(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(dir, '.hidden.txt'), ARTICLE);
  // a 200 MB file, made sparse so the test does not write 200 MB
  const big = await open(join(dir, 'huge.txt'), 'w');
  await big.truncate(200 * 1024 * 1024);
  await big.close();
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'nested.md'), '# Nested\n\nA paragraph about the economy and trade.\n');
  await symlink(dir, join(dir, 'sub', 'loop'));
  await symlink(join(dir, 'self-a'), join(dir, 'self-b'));
  await symlink(join(dir, 'self-b'), join(dir, 'self-a'));

  const listing = await listCorpusFiles(dir);
  const reasons = new Map(listing.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons.get('empty.txt') ?? '', /empty file/);
  assert.match(reasons.get('huge.txt') ?? '', /too large/);
  assert.match(reasons.get('image.png') ?? '', /unsupported/);
  assert.match(reasons.get('.hidden.txt') ?? '', /hidden/);
  for (const [path, reason] of reasons)
    assert.doesNotMatch(reason, /^[a-z]+: /, `${path}: a reason in plain words, without a component prefix`);
  assert.match(reasons.get('sub/loop') ?? '', /symlink loop/);
  assert.match(reasons.get('self-a') ?? '', /symlink loop/);
  const listed = listing.files.map((f) => f.path).sort();
  assert.deepEqual(listed, ['broken.json', 'broken.md', 'good.txt', 'junk.txt', 'sub/nested.md']);

  const { options } = await loadCorpusOptions(dir);
  const results = new Map<string, Awaited<ReturnType<typeof readCorpusFile>>>();
  for (const f of listing.files) results.set(f.path, await readCorpusFile(f, options));
  const reason = (p: string) => {
    const r = results.get(p);
    return r && !r.ok ? r.reason : 'read';
  };
  assert.match(reason('broken.json'), /^extract: invalid JSON/);
  assert.match(reason('broken.md'), /^extract: invalid YAML front matter/);
  assert.match(reason('junk.txt'), /^binary file/);
  const good = results.get('good.txt');
  assert.ok(good?.ok);
  assert.equal(good.documents[0]!.passages.find((p) => p.kind === 'quote')?.speaker, 'Smith');
  assert.ok(results.get('sub/nested.md')?.ok);
});

test('bad input: a file without read permission', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'secret.txt');
  await writeFile(file, ARTICLE);
  await chmod(file, 0o000);
  const listing = await listCorpusFiles(dir);
  const entry = listing.files.find((f) => f.path === 'secret.txt');
  assert.ok(entry);
  const r = await readCorpusFile(entry, (await loadCorpusOptions(dir)).options);
  if (process.getuid?.() === 0) {
    // root reads any file: the permission bits cannot make it fail here
    assert.ok(r.ok);
  } else {
    assert.ok(!r.ok);
    assert.match(r.reason, /no read permission/);
  }
});

test('a file removed after listing is a reason, not an exception', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file: CorpusFile = { path: 'gone.txt', absPath: join(dir, 'gone.txt'), folder: dir, size: 10, mtimeMs: 0, ctimeMs: 0, ino: 0 };
  const r = await readCorpusFile(file, (await loadCorpusOptions(dir)).options);
  assert.ok(!r.ok);
  assert.match(r.reason, /^file not found/);
});

test('encodings: UTF-8 with BOM, UTF-16 LE/BE with BOM, Windows-1252', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const text = '“Café au lait is served,” said Renée Dupont in Zürich. It costs €5 — a fair price.';
  await writeFile(join(dir, 'bom8.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  await writeFile(join(dir, 'le16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
  await writeFile(join(dir, 'be16.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]));
  await writeFile(join(dir, 'cp1252.txt'), iconv.encode(text, 'windows-1252'));
  const listing = await listCorpusFiles(dir);
  assert.equal(listing.files.length, 4);
  const { options } = await loadCorpusOptions(dir);
  for (const f of listing.files) {
    const r = await readCorpusFile(f, options);
    assert.ok(r.ok, f.path);
    const doc = r.documents[0]!;
    assert.equal(doc.text, text, f.path);
    const quote = doc.passages.find((p) => p.kind === 'quote');
    assert.equal(quote?.text, 'Café au lait is served', f.path);
    assert.equal(quote?.speaker, 'Renée Dupont', f.path);
  }
});

test('sidecar metadata overrides the file and is not itself a document', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'a.txt'), ARTICLE);
  await writeFile(
    join(dir, 'a.txt.meta.json'),
    JSON.stringify({ title: 'Given title', author: 'Ann Writer', date: '2020-05', topics: ['Sport', 'Local news'], url: 'https://example.org/a' }),
  );
  const listing = await listCorpusFiles(dir);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['a.txt'],
  );
  assert.equal(listing.skipped.length, 0);
  const r = await readCorpusFile(listing.files[0]!, (await loadCorpusOptions(dir)).options);
  assert.ok(r.ok);
  const meta = r.documents[0]!.document;
  assert.equal(meta.title, 'Given title');
  assert.equal(meta.author, 'Ann Writer');
  assert.equal(meta.date, '2020-05');
  assert.equal(meta.dateSource, 'metadata');
  assert.equal(meta.url, 'https://example.org/a');
  assert.ok(meta.topics.includes('sport'));
  assert.ok(meta.topics.includes('local-news'));
  const narrative = r.documents[0]!.passages.find((p) => p.kind === 'narrative');
  assert.equal(narrative?.speaker, 'Ann Writer');
});

test('aliases and taxonomy files at the corpus root', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'dictum-aliases.yaml'), 'Johanna Smith-Baker:\n  - Smith\n  - Jo\n');
  await writeFile(join(dir, 'dictum-topics.yaml'), 'topics:\n  cooperation-talks:\n    - together\n    - working\n');
  await writeFile(join(dir, 'a.txt'), ARTICLE);
  const { options, skipped } = await loadCorpusOptions(dir);
  assert.deepEqual(skipped, []);
  const listing = await listCorpusFiles(dir);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['a.txt'],
  );
  const r = await readCorpusFile(listing.files[0]!, options);
  assert.ok(r.ok);
  const quote = r.documents[0]!.passages.find((p) => p.kind === 'quote')!;
  assert.equal(quote.speaker, 'Johanna Smith-Baker');
  assert.ok(quote.topics.includes('cooperation-talks'));
  // defaults are extended, not replaced
  assert.ok(options.taxonomy.sport && options.taxonomy.sport.length > 0);

  await writeFile(join(dir, 'dictum-topics.yaml'), 'replace: true\ntopics:\n  only-this: [meeting]\n');
  const replaced = await loadCorpusOptions(dir);
  assert.deepEqual(Object.keys(replaced.options.taxonomy), ['only-this']);

  await writeFile(join(dir, 'dictum-aliases.yaml'), '- just\n- a list\n');
  const broken = await loadCorpusOptions(dir);
  assert.equal(broken.skipped.length, 1);
  assert.match(broken.skipped[0]!.reason, /aliases/);
});

test('extractSingleFile: path is the file name; a directory or missing file is a reason', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'one.md'), '---\ntitle: One\ndate: 2021-12-08\n---\nTHE PRESIDENT: Hello.\n\nQ Thank you.\n');
  const r = await extractSingleFile(join(dir, 'one.md'));
  assert.ok(r.ok);
  assert.equal(r.documents[0]!.document.path, 'one.md');
  assert.ok(!(await extractSingleFile(dir)).ok);
  assert.ok(!(await extractSingleFile(join(dir, 'missing.txt'))).ok);
});

test('.dictumignore leaves files and folders out silently, gitignore-style', async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, '.dictumignore'), '# notes about the corpus\nREADME.md\ndrafts/\n*.bak.txt\n');
  await writeFile(join(dir, 'README.md'), '# About this folder\n');
  await writeFile(join(dir, 'story.txt'), ARTICLE);
  await writeFile(join(dir, 'story.bak.txt'), ARTICLE);
  await mkdir(join(dir, 'drafts'));
  await writeFile(join(dir, 'drafts', 'draft.txt'), ARTICLE);
  await mkdir(join(dir, 'more'));
  await writeFile(join(dir, 'more', 'README.md'), '# Ignored at any depth, like git\n');
  await writeFile(join(dir, 'more', '.dictumignore'), '# a note left in a subfolder\n');
  const listing = await listCorpusFiles(dir);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['story.txt'],
  );
  assert.deepEqual(listing.skipped, [], 'ignored files are not reported as problems');
});

test("a sidecar's changes show in its file's size and time, so updates follow them", async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'a.txt'), ARTICLE);
  const before = (await listCorpusFiles(dir)).files[0];
  await writeFile(join(dir, 'a.txt.meta.json'), JSON.stringify({ author: 'Jane Roe' }));
  const after = (await listCorpusFiles(dir)).files[0];
  assert.ok(before && after);
  assert.ok(after.size > before.size);
  assert.ok(after.mtimeMs >= before.mtimeMs);
});

test("a sidecar's content is part of the file's hash", async (t) => {
  const dir = await tempCorpus();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'a.txt'), ARTICLE);
  const { options } = await loadCorpusOptions(dir);
  const hashOf = async () => {
    const file = (await listCorpusFiles(dir)).files[0];
    assert.ok(file);
    const read = await readCorpusFile(file, options);
    assert.ok(read.ok);
    return read.hash;
  };
  const plain = await hashOf();
  await writeFile(join(dir, 'a.txt.meta.json'), JSON.stringify({ author: 'Jane Roe' }));
  const withSidecar = await hashOf();
  await writeFile(join(dir, 'a.txt.meta.json'), JSON.stringify({ author: 'John Doe' }));
  const edited = await hashOf();
  assert.notEqual(plain, withSidecar);
  assert.notEqual(withSidecar, edited);
});
