/**
 * An index worker that stands for a pathological file: reading the file named by
 * DICTUM_TEST_HANG_ON (read when the worker starts) never ends, so the watchdog must end it.
 */
import type { CorpusFile } from '../../main/corpus/corpusReader';
import { Shard } from '../../main/service/shard';
import { runIndexWorker } from '../../main/service/workerMain';

const hangOn = process.env.DICTUM_TEST_HANG_ON;

class HangingShard extends Shard {
  protected override readOne(file: CorpusFile, options: unknown): Promise<boolean> {
    if (file.path === hangOn) for (;;);
    return super.readOne(file, options);
  }
}

runIndexWorker((...args) => new HangingShard(...args));
