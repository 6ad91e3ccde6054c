import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchRequest, type StatusResponse } from '../common/contract';
import { imageOnly, makePdf } from '../corpus/formats/pdfFixtures';
import { bundledWorkerEntry, tempCorpus, waitForStatus } from '../../test/support/testCorpus';
import { WorkerSearchService } from './index';

after(async () => (await bundledWorkerEntry()).dispose());

/** A word of its own for each report, so that a search tells which reports are in the index. */
const WORDS = ['lighthouse', 'orchard', 'glacier', 'violin', 'meadow', 'lantern'];

test('the first search answers while PDFs are still being read, with the reports read so far', async (t) => {
  const corpus = await tempCorpus({});
  t.after(() => corpus.dispose());
  // long enough that reading the folder takes seconds, one report after another
  for (const [i, word] of WORDS.entries()) {
    const pdf = await makePdf([{ lines: [`The report on the ${word} was read to the council on Monday.`] }], {
      extraPages: 60,
    });
    await writeFile(join(corpus.dir, `report-${i}.pdf`), pdf);
  }
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
    { saveDelayMs: 50, saveIdleMs: 50, watchDebounceMs: 50 },
    (await bundledWorkerEntry()).entry,
  );
  t.after(() => service.close());

  await waitForStatus(service, (s) => s.progress.phase === 'reading' && s.progress.filesDone >= 1, 60_000);
  const found = () =>
    Promise.all(
      WORDS.map(async (word) => (await service.search(searchRequest({ q: word, limit: 1 }))).total > 0),
    );
  const read = (await found()).filter(Boolean).length;
  assert.ok(
    read >= 1 && read < WORDS.length,
    `searched while reading: ${read} of ${WORDS.length} reports found`,
  );

  await service.ready();
  assert.deepEqual(
    await found(),
    WORDS.map(() => true),
  );
});

test('OCR reports each scanned page it reads in the status, until the scan is read', async (t) => {
  const corpus = await tempCorpus({});
  t.after(() => corpus.dispose());
  const scan = await imageOnly(
    await makePdf([
      { lines: ['The lighthouse report, page one.'] },
      { lines: ['The lighthouse report, page two.'] },
    ]),
  );
  await writeFile(join(corpus.dir, 'scan.pdf'), scan);
  const service = new WorkerSearchService(
    { corpusDir: corpus.dir, cacheDir: null, shards: 1 },
    // every event goes out: the test sees each page
    { saveDelayMs: 50, saveIdleMs: 50, watchDebounceMs: 50, progressIntervalMs: 0 },
    (await bundledWorkerEntry()).entry,
  );
  t.after(() => service.close());
  const events: StatusResponse[] = [];
  service.onProgress((status) => events.push(status));
  const final = await service.ready();

  const pages = events.flatMap((e) => (e.progress.ocr ? [e.progress.ocr] : []));
  assert.deepEqual(pages.at(-1), { path: 'scan.pdf', page: 2, pages: 2 });
  assert.ok(pages.every((p) => p.path === 'scan.pdf' && p.pages === 2 && p.page >= 1));
  assert.equal(final.progress.ocr, undefined, 'no OCR once the folder is read');
  assert.equal((await service.search(searchRequest({ q: 'lighthouse' }))).total > 0, true);
});
