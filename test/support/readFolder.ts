/**
 * A corpus folder made of the given files in a temporary folder, listed and read as Dictum
 * reads one, for the format tests: what each file gave, by its path, and what the listing
 * skipped. The folder is removed afterwards.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SkippedFile } from '../../main/common/contract';
import {
  listCorpusFiles,
  loadCorpusOptions,
  readCorpusFile,
  type FileExtraction,
} from '../../main/corpus/corpusReader';

export interface FolderRead extends Map<string, FileExtraction> {
  /** Files the listing left out, with the reason. */
  skipped?: SkippedFile[];
}

export async function readFolder(files: Record<string, Uint8Array | string>): Promise<FolderRead> {
  const dir = await mkdtemp(join(tmpdir(), 'dictum-formats-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    const listing = await listCorpusFiles(dir);
    const { options } = await loadCorpusOptions(dir);
    const results: FolderRead = new Map();
    for (const f of listing.files) results.set(f.path, await readCorpusFile(f, options));
    results.skipped = listing.skipped;
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
