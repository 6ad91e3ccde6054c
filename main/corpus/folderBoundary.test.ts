import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCorpusFiles, loadCorpusOptions, readCorpusFile } from './corpusReader';
import { corpusFileOf, fileInsideFolder } from './folderBoundary';

const ARTICLE = 'Officials met on Monday.\n\n"We will keep working on this together," Smith said at the meeting.\n';
const SECRET = 'root:x:0:0:glimmerwort outsider secret\n';

/** A corpus folder and, beside it, a folder the corpus must never reach into. */
async function corpusWithOutside(t: { after(fn: () => Promise<void>): void }): Promise<{ dir: string; outside: string }> {
  const root = await mkdtemp(join(tmpdir(), 'dictum-boundary-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'corpus');
  const outside = join(root, 'outside');
  await mkdir(dir);
  await mkdir(outside);
  await writeFile(join(outside, 'passwd'), SECRET);
  await writeFile(join(dir, 'article.txt'), ARTICLE);
  return { dir, outside };
}

test('a link out of the folder is skipped with its reason, never read', async (t) => {
  const { dir, outside } = await corpusWithOutside(t);
  await symlink(join(outside, 'passwd'), join(dir, 'passwd.txt'));
  await symlink(outside, join(dir, 'elsewhere'));
  const listing = await listCorpusFiles(dir);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['article.txt'],
  );
  const reasons = new Map(listing.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons.get('passwd.txt') ?? '', /^a link to a file outside the corpus folder/);
  assert.match(reasons.get('elsewhere') ?? '', /outside the corpus folder/);
});

test('a link inside the folder to a file inside it is read', async (t) => {
  const { dir } = await corpusWithOutside(t);
  await mkdir(join(dir, 'links'));
  await symlink(join(dir, 'article.txt'), join(dir, 'links', 'same-article.txt'));
  await symlink('../article.txt', join(dir, 'links', 'relative.txt'));
  const listing = await listCorpusFiles(dir);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['article.txt', 'links/relative.txt', 'links/same-article.txt'],
  );
  const { options } = await loadCorpusOptions(dir);
  for (const file of listing.files) {
    const read = await readCorpusFile(file, options);
    assert.ok(read.ok, file.path);
    assert.ok(read.documents[0]!.passages.some((p) => p.text.includes("keep working")), file.path);
  }
});

test('a loop is skipped with a reason', async (t) => {
  const { dir } = await corpusWithOutside(t);
  await mkdir(join(dir, 'sub'));
  await symlink('..', join(dir, 'sub', 'up'));
  await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
  await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
  const listing = await listCorpusFiles(dir);
  const reasons = new Map(listing.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons.get('sub/up') ?? '', /symlink loop/);
  assert.match(reasons.get('loop-a') ?? '', /symlink loop/);
  assert.match(reasons.get('loop-b') ?? '', /symlink loop/);
  assert.deepEqual(
    listing.files.map((f) => f.path),
    ['article.txt'],
  );
});

test('a file swapped for a link out of the folder after listing is not read', async (t) => {
  const { dir, outside } = await corpusWithOutside(t);
  await writeFile(join(dir, 'passwd.txt'), ARTICLE);
  const file = (await listCorpusFiles(dir)).files.find((f) => f.path === 'passwd.txt')!;
  await unlink(join(dir, 'passwd.txt'));
  await symlink(join(outside, 'passwd'), join(dir, 'passwd.txt'));
  const read = await readCorpusFile(file, (await loadCorpusOptions(dir)).options);
  assert.ok(!read.ok);
  assert.match(read.reason, /^a link to a file outside the corpus folder/);
  assert.doesNotMatch(read.reason, /glimmerwort/);
});

test('sidecars and option files that link out of the folder are refused without showing the target', async (t) => {
  const { dir, outside } = await corpusWithOutside(t);
  await symlink(join(outside, 'passwd'), join(dir, 'article.txt.meta.json'));
  await symlink(join(outside, 'passwd'), join(dir, 'dictum-aliases.yaml'));
  await symlink(join(outside, 'passwd'), join(dir, '.dictumignore'));
  const listing = await listCorpusFiles(dir);
  const loaded = await loadCorpusOptions(dir);
  const read = await readCorpusFile(listing.files[0]!, loaded.options);
  assert.ok(read.ok);
  const said = JSON.stringify([listing.skipped, loaded.skipped, read]);
  assert.doesNotMatch(said, /glimmerwort|root:x/);
  assert.match(JSON.stringify(read.warnings), /outside the corpus folder/);
  assert.match(JSON.stringify(loaded.skipped), /aliases file: a link to a file outside/);
  assert.match(JSON.stringify(listing.skipped), /\.dictumignore.*outside the corpus folder/);
});

test('corpusFileOf: a document file inside the folder, by its real path', async (t) => {
  const { dir, outside } = await corpusWithOutside(t);
  await symlink(join(outside, 'passwd'), join(dir, 'passwd.txt'));
  const found = await corpusFileOf(dir, 'article.txt');
  assert.deepEqual(found, { ok: true, realPath: await realpath(join(dir, 'article.txt')) });
  for (const path of ['../outside/passwd', 'un/../../x', '/etc/passwd', '', 'a\0b', '..', 'passwd.txt', 'gone.txt']) {
    const refused = await corpusFileOf(dir, path);
    assert.ok(!refused.ok, path);
  }
  assert.deepEqual(await fileInsideFolder(dir, join(dir, 'passwd.txt')), {
    ok: false,
    reason: 'a link to a file outside the corpus folder (not read)',
  });
});
