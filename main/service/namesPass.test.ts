import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchRequest } from '../common/contract';
import { bundledWorkerEntry, tempCorpus, type TempCorpus } from '../../test/support/testCorpus';
import { CorpusNamesPass } from './namesPass';
import { WorkerSearchService } from './searchService';
import type { WorkerEntry } from './workerEntry';

describe('CorpusNamesPass', () => {
  it('asks for another round only while a shard holds other merges than planned', () => {
    const pass = new CorpusNamesPass();
    assert.equal(pass.current(), null, 'nothing planned yet: the shards keep theirs');
    pass.report(0, [['Quorval', 4]], []);
    pass.report(1, [['Amos Quorval', 2]], []);
    assert.equal(pass.plan({}), true);
    assert.deepEqual(pass.current(), [['Quorval', 'Amos Quorval']]);
    pass.report(0, [['Quorval', 4]], [['Quorval', 'Amos Quorval']]);
    pass.report(1, [['Amos Quorval', 2]], [['Quorval', 'Amos Quorval']]);
    assert.equal(pass.plan({}), false);
    assert.deepEqual(
      pass.list().map((m) => [m.from, m.to, m.statements]),
      [['Quorval', 'Amos Quorval', 4]],
    );
  });

  it('leaves alone a name the aliases file mentions, in any spelling', () => {
    const pass = new CorpusNamesPass();
    pass.report(
      0,
      [
        ['Quorval', 4],
        ['Amos Quorval', 2],
      ],
      [],
    );
    pass.plan({ 'Betty Quorval': ['QUORVAL'] });
    assert.deepEqual(pass.current(), []);
  });
});

// A briefing that never gives Quorval's first name, and one that does (two labelled turns
// each, so both read as transcripts); invented names, so no built-in list knows them.
const FILES = {
  'a.md':
    '# Briefing on the harbour\n\nMR. QUORVAL: The harbour opens on Monday.\n\nQ: Who pays for it?\n\nMR. QUORVAL: The port authority pays.\n',
  'b.md':
    '# Remarks on the harbour\n\nPort director Amos Quorval spoke first.\n\nMR. QUORVAL: Thank you all for coming.\n\nQ: When does it open?\n\nMR. QUORVAL: Next week.\n',
};

describe('the service runs the names pass after reading', () => {
  let entry: WorkerEntry;
  const corpora: TempCorpus[] = [];
  let services: WorkerSearchService[] = [];
  before(async () => {
    entry = (await bundledWorkerEntry()).entry;
  });
  afterEach(async () => {
    await Promise.all(services.map((s) => s.close().catch(() => undefined)));
    services = [];
  });
  after(async () => {
    await Promise.all(corpora.map((c) => c.dispose()));
    await (await bundledWorkerEntry()).dispose();
  });
  const start = (corpus: TempCorpus): WorkerSearchService => {
    const service = new WorkerSearchService(
      { corpusDir: corpus.dir, cacheDir: corpus.cacheDir, shards: 2 },
      { saveDelayMs: 0, saveIdleMs: 0 },
      entry,
    );
    services.push(service);
    return service;
  };
  const speakers = async (service: WorkerSearchService): Promise<string[]> =>
    (await service.search(searchRequest({ q: '' }))).facets.speaker
      .map((f) => f.value)
      .filter((v) => v !== '(no speaker)')
      .sort();

  it('merges the surname into the full name another file gives, lists it, keeps it over a restart, and the aliases file undoes it', async () => {
    const corpus = await tempCorpus(FILES);
    corpora.push(corpus);
    const first = start(corpus);
    await first.ready();
    assert.deepEqual(await speakers(first), ['Amos Quorval', 'Reporter']);
    assert.deepEqual(
      (await first.nameMerges()).map((m) => `${m.from} → ${m.to} (${m.reason})`),
      ['Quorval → Amos Quorval (surname)'],
    );
    await first.close();

    const second = start(corpus);
    await second.ready();
    assert.equal((await second.statistics()).filesRead, 0, 'a restart reads nothing again');
    assert.deepEqual(await speakers(second), ['Amos Quorval', 'Reporter']);

    // the user says "Quorval" is a name of its own: the aliases decide, the pass merges nothing
    await corpus.write('dictum-aliases.yaml', 'Quorval: []\n');
    await second.reindex();
    assert.deepEqual(await speakers(second), ['Quorval', 'Reporter']);
    assert.deepEqual(await second.nameMerges(), []);
  });
});
