/**
 * One shard of the index: the files assigned to it, their documents in a SearchIndex, and
 * the manifest that says what each file looked like when it was read. Runs inside an index
 * worker; kept free of worker plumbing so it can be tested in-process too.
 */
import { createHash } from 'node:crypto';
import type { ExtractedDocument, SearchRequest, SearchResponse, SkippedFile } from '../common/contract';
import { contentHashOf, loadCorpusOptions, readCorpusFile, type CorpusFile } from '../corpus/corpusReader';
import type { CorpusOptions } from '../corpus/corpusReader';
import type { GroupMinima } from '../engine/groupColumn';
import type { GroupMark } from '../engine/quoteGroups';
import { SearchIndex } from '../engine/searchIndex';
import { applyNameMerges, tallyPeople, tallySpeakers } from '../extract/corpusNames';
import {
  CACHE_FORMAT,
  encodeCache,
  readCacheFile,
  writeFileAtomic,
  type LazyDocuments,
  type ManifestEntry,
} from './cacheFile';
import { sameStamp, stampMayHideChange, stampOf } from './fileStamp';
import { QuoteLog, type QuoteDelta } from './quoteLog';
import type {
  LoadResult,
  ProgressEvent,
  ReadingEvent,
  ShardConfig,
  ShardCounts,
  ShardStatistics,
  SyncResult,
} from './protocol';

/**
 * Facet values a shard lists per facet. The merged answer keeps the top 50 (as one index
 * would); a value must be in every shard's list for its merged count to be exact, so shards
 * list far more than 50.
 */
const SHARD_FACET_LIMIT = 1000;

/** Progress events of a long sync are spaced at least this far apart. */
const PROGRESS_INTERVAL_MS = 100;

export class Shard {
  private index: SearchIndex;
  private manifest = new Map<string, ManifestEntry>();
  private optionsKey: string | null = null;
  /** The corpus names pass the indexed documents carry: speaker name as read → merged name. */
  private nameMerges = new Map<string, string>();
  private dirty = false;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** The file the loaded index reads its documents from, while it does. */
  private documents: LazyDocuments | null = null;
  /** While a saved index is being loaded: searches wait for it. */
  private loading: Promise<unknown> | null = null;
  /** Set by a load: the loaded index builds its typo tree on first need unless warmed up. */
  private cold = false;
  /** What changed for quote groups since the service last asked. */
  private readonly quoteLog: QuoteLog;
  readonly stats: ShardStatistics = {
    filesRead: 0,
    filesUnchangedByHash: 0,
    filesVerified: 0,
    filesRemoved: 0,
    cache: 'none',
    saves: 0,
  };

  constructor(
    private readonly config: ShardConfig,
    private readonly buildId: string,
    private readonly onProgress: (event: ProgressEvent | ReadingEvent) => void = () => undefined,
  ) {
    this.index = this.emptyIndex();
    this.quoteLog = new QuoteLog(config.shardIndex);
  }

  counts(): ShardCounts {
    return { documents: this.index.documentCount, passages: this.index.passageCount };
  }

  /**
   * Answers from the whole shard: a search that arrives while the saved index is loading
   * waits for it (the empty index it replaces would answer with part of the corpus, or none).
   */
  async search(request: SearchRequest, minima: GroupMinima | null = null): Promise<SearchResponse> {
    if (this.loading) await this.loading;
    return this.index.search(request, minima);
  }

  async groupMinima(request: SearchRequest): Promise<GroupMinima> {
    if (this.loading) await this.loading;
    return this.index.groupMinima(request);
  }

  /** Statements that joined or left since the last call, for the service's quote groups. */
  quoteDelta(): Promise<QuoteDelta> {
    return this.exclusive(() => Promise.resolve(this.quoteLog.take(this.index)));
  }

  /** Quote group marks from the service (groups span shards, so the service forms them). */
  setGroupMarks(changes: Array<[string, GroupMark | null]>): void {
    this.index.setGroupMarks(changes);
  }

  async document(id: string): Promise<ExtractedDocument | null> {
    if (this.loading) await this.loading;
    return this.index.getDocument(id) ?? null;
  }

  /**
   * Ends reading for good (the service is closing): the sync in progress returns after the
   * file at hand, and what was read can still be saved; the next start reads the rest.
   */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Loads the saved index, if there is a sound one for this shard. Searches are answered as
   * soon as its head is in; the documents' checksum is checked next, before any sync, and a
   * mismatch drops the loaded index (the sync then reads every file).
   */
  load(): Promise<LoadResult> {
    const loading = this.exclusive(() => this.loadSaved());
    const waiting = loading.then(
      () => undefined,
      () => undefined,
    );
    this.loading = waiting;
    void waiting.then(() => {
      if (this.loading === waiting) this.loading = null;
    });
    void this.exclusive(() => this.verifyDocuments());
    return loading;
  }

  private async loadSaved(): Promise<LoadResult> {
    const { cacheFile } = this.config;
    if (!cacheFile) return this.loadResult(false, 'no cache folder');
    const identity = {
      corpusDir: this.config.corpusDir,
      shardIndex: this.config.shardIndex,
      shardCount: this.config.shardCount,
      buildId: this.buildId,
    };
    // Windows cannot replace a file that is open, as a save does: there the index is read whole.
    const read = await readCacheFile(cacheFile, identity, process.platform !== 'win32');
    if (!read.ok) {
      this.stats.cache = read.reason;
      return this.loadResult(false, read.reason);
    }
    let index: SearchIndex;
    try {
      const documents = read.documents;
      index = SearchIndex.deserialize(read.index, {
        ...this.indexOptions(),
        ...(documents
          ? { readDocuments: (offset: number, length: number) => documents.read(offset, length) }
          : {}),
      });
    } catch (error) {
      read.documents?.close();
      this.stats.cache = `unreadable index: ${message(error)}`;
      return this.loadResult(false, this.stats.cache);
    }
    this.replaceIndex(index, read.documents ?? null);
    this.cold = true;
    this.manifest = new Map(read.header.manifest);
    this.optionsKey = read.header.optionsKey;
    this.nameMerges = new Map(read.header.nameMerges ?? []);
    this.dirty = false;
    this.stats.cache = 'loaded';
    return this.loadResult(true, null);
  }

  /** After a load: a loaded index whose documents fail their checksum is dropped. */
  private async verifyDocuments(): Promise<void> {
    const documents = this.documents;
    if (!documents || (await documents.verify())) return;
    if (this.documents !== documents) return;
    this.replaceIndex(this.emptyIndex(), null);
    this.manifest.clear();
    this.optionsKey = null;
    this.cold = false;
    this.stats.cache = 'checksum mismatch';
  }

  /** The index searches use from now on, and the file its documents are read from, if any. */
  private replaceIndex(index: SearchIndex, documents: LazyDocuments | null): void {
    if (this.documents !== documents) this.documents?.close();
    this.index = index;
    this.documents = documents;
    // A new index: the service's quote groups hear of every statement again.
    this.quoteLog.replaced();
  }

  /**
   * Brings the shard in line with `files`, the current listing of its part of the corpus:
   * new files and files whose stamp changed are read (a changed file with the same content
   * hash keeps its documents), files whose stamp may hide a change are hashed and read if the
   * hash differs (see fileStamp.ts), files no longer listed are dropped.
   */
  sync(
    files: CorpusFile[],
    reportOptions: boolean,
    nameMerges: Array<[string, string]> | null = null,
  ): Promise<SyncResult> {
    return this.exclusive(async () => {
      let changed = false;
      let options: Awaited<ReturnType<typeof loadCorpusOptions>>;
      try {
        options = await loadCorpusOptions(this.config.corpusDir);
      } catch (error) {
        throw new Error(`service: cannot load the corpus options: ${message(error)}`);
      }
      const key = optionsKeyOf(options.options);
      if (key !== this.optionsKey) {
        // Options shape what is extracted from every file: nothing read with the old ones stays.
        if (this.manifest.size > 0) changed = true;
        this.replaceIndex(this.emptyIndex(), null);
        this.manifest.clear();
        this.optionsKey = key;
        this.dirty = true;
      }

      // a new names pass re-reads the files with a speaker whose merged name changed
      const renamed = nameMerges ? this.takeNameMerges(new Map(nameMerges)) : new Set<string>();

      const listed = new Set(files.map((file) => file.path));
      for (const path of [...this.manifest.keys()]) {
        if (listed.has(path)) continue;
        this.quoteLog.removingSource(this.index, path);
        this.index.removeSource(path);
        this.manifest.delete(path);
        this.stats.filesRemoved++;
        changed = true;
      }

      const todo = files
        .filter((file) => {
          const known = this.manifest.get(file.path);
          if (renamed.has(file.path)) return true;
          return !known || !sameStamp(known, file) || stampMayHideChange(known, known.checkedAt);
        })
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      let filesDone = files.length - todo.length;
      let lastProgress = 0;
      const progress = (force: boolean): void => {
        const now = Date.now();
        if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = now;
        this.onProgress({ kind: 'progress', filesDone, filesTotal: files.length, counts: this.counts() });
      };
      progress(true);

      for (const file of todo) {
        if (this.stopped) break;
        this.onProgress({ kind: 'reading', path: file.path });
        const rename = renamed.has(file.path);
        if (!rename && (await this.unchangedByHash(file))) {
          filesDone++;
          continue;
        }
        if (await this.readOne(file, options.options, rename)) changed = true;
        filesDone++;
        progress(false);
      }
      if (todo.length > 0) this.onProgress({ kind: 'reading', path: null });
      if (changed) this.dirty = true;
      progress(true);
      if (this.cold) {
        // After the searches that came in while syncing: now is as idle as a shard gets.
        this.cold = false;
        const warm = this.index;
        setImmediate(() => warm.warmUp());
      }
      return {
        changed,
        complete: filesDone === files.length,
        filesTotal: files.length,
        counts: this.counts(),
        skipped: this.skipped(),
        optionsSkipped: reportOptions ? options.skipped : [],
        speakers: this.tally('speakers'),
        people: this.tally('people'),
        nameMerges: [...this.nameMerges],
      };
    });
  }

  /** Writes the index if it changed since it was loaded or last saved. */
  save(): Promise<boolean> {
    return this.exclusive(async () => {
      const { cacheFile } = this.config;
      if (!cacheFile || !this.dirty || this.optionsKey === null) return false;
      const index = this.index.serialize();
      const bytes = encodeCache(
        {
          format: CACHE_FORMAT,
          corpusDir: this.config.corpusDir,
          shardIndex: this.config.shardIndex,
          shardCount: this.config.shardCount,
          buildId: this.buildId,
          optionsKey: this.optionsKey,
          nameMerges: [...this.nameMerges],
          savedAt: new Date().toISOString(),
          manifest: [...this.manifest],
        },
        index,
        headLength(index),
      );
      try {
        await writeFileAtomic(cacheFile, bytes);
      } catch (error) {
        throw new Error(`service: cannot save the index to ${cacheFile}: ${message(error)}`);
      }
      // Every change goes through this queue too, so nothing changed while writing.
      this.dirty = false;
      this.stats.saves++;
      return true;
    });
  }

  /**
   * For a file whose stamp is as recorded but may hide a change: whether its content hash
   * proves it unchanged (then it is kept without being read).
   */
  private async unchangedByHash(file: CorpusFile): Promise<boolean> {
    const known = this.manifest.get(file.path);
    if (!known || known.hash === null || !sameStamp(known, file)) return false;
    const checkedAt = Date.now();
    if ((await contentHashOf(file)) !== known.hash) return false;
    this.stats.filesVerified++;
    // Not worth a save by itself: a stale checkedAt costs one more hash, nothing else.
    this.manifest.set(file.path, { ...known, checkedAt });
    return true;
  }

  /**
   * Takes the names pass's current merges; gives the files whose documents have a speaker
   * whose merged name changed (the only ones to read again).
   */
  private takeNameMerges(next: Map<string, string>): Set<string> {
    const previous = this.nameMerges;
    this.nameMerges = next;
    const paths = new Set<string>();
    const changedNames = new Set<string>();
    for (const name of new Set([...previous.keys(), ...next.keys()]))
      if (previous.get(name) !== next.get(name)) changedNames.add(name);
    if (changedNames.size === 0) return paths;
    this.dirty = true;
    for (const [path, entry] of this.manifest)
      if (entry.speakers?.some(([name]) => changedNames.has(name))) paths.add(path);
    return paths;
  }

  /** Statements per speaker name as read, or documents per person named, over the shard's files. */
  private tally(what: 'speakers' | 'people'): Array<[string, number]> {
    const tally = new Map<string, number>();
    for (const entry of this.manifest.values())
      for (const [name, n] of entry[what] ?? []) tally.set(name, (tally.get(name) ?? 0) + n);
    return [...tally];
  }

  /**
   * Reads one file into the index; says whether the index changed. `rename`: read again for
   * the names pass, so the same content is no reason to keep the documents.
   */
  protected async readOne(file: CorpusFile, options: unknown, rename = false): Promise<boolean> {
    const known = this.manifest.get(file.path);
    const checkedAt = Date.now();
    const onOcrPage = (page: number, pages: number) =>
      this.onProgress({ kind: 'reading', path: file.path, ocr: { page, pages } });
    const read = await readCorpusFile(file, options as CorpusOptions, undefined, onOcrPage).catch(
      (error: unknown) => ({ ok: false as const, reason: `unexpected error: ${message(error)}` }),
    );
    this.stats.filesRead++;
    const stamp = { ...stampOf(file), checkedAt };
    // Same bytes, same documents, except a date taken from the file's time when it moved.
    const datedByFile =
      read.ok &&
      known !== undefined &&
      known.mtimeMs !== file.mtimeMs &&
      read.documents.some((doc) => doc.document.dateSource === 'file');
    if (
      read.ok &&
      known &&
      known.hash === read.hash &&
      known.skipped === undefined &&
      !datedByFile &&
      !rename
    ) {
      this.stats.filesUnchangedByHash++;
      this.manifest.set(file.path, { ...known, ...stamp });
      this.dirty = true;
      return false;
    }
    const hadDocuments = known !== undefined && known.skipped === undefined;
    if (hadDocuments) {
      this.quoteLog.removingSource(this.index, file.path);
      this.index.removeSource(file.path);
    }
    if (!read.ok) {
      // Hashed all the same, so an unchanged file that gave nothing is not read again.
      const hash = await contentHashOf(file);
      this.manifest.set(file.path, { ...stamp, hash, skipped: read.reason });
      return hadDocuments;
    }
    const speakers = [...tallySpeakers(read.documents)];
    const people = [...tallyPeople(read.documents)];
    try {
      const merged = read.documents.map((doc) => applyNameMerges(doc, this.nameMerges));
      this.index.addSource(file.path, merged);
      this.quoteLog.addedDocuments(merged);
    } catch (error) {
      this.quoteLog.removingSource(this.index, file.path);
      this.index.removeSource(file.path);
      const skipped = `could not be indexed: ${message(error)}`;
      this.manifest.set(file.path, { ...stamp, hash: read.hash, skipped });
      return hadDocuments;
    }
    const partly = partlyRead(read.warnings);
    this.manifest.set(file.path, {
      ...stamp,
      hash: read.hash,
      ...(partly ? { partly } : {}),
      ...(speakers.length > 0 ? { speakers } : {}),
      ...(people.length > 0 ? { people } : {}),
    });
    return true;
  }

  private indexOptions(): { facetLimit?: number } {
    return this.config.shardCount > 1 ? { facetLimit: SHARD_FACET_LIMIT } : {};
  }

  private emptyIndex(): SearchIndex {
    return new SearchIndex(this.indexOptions());
  }

  private skipped(): SkippedFile[] {
    const out: SkippedFile[] = [];
    for (const [path, entry] of this.manifest) {
      if (entry.skipped !== undefined) out.push({ path, reason: entry.skipped });
      else if (entry.partly !== undefined) out.push({ path, reason: entry.partly });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private loadResult(loaded: boolean, reason: string | null): LoadResult {
    return { loaded, reason, files: this.manifest.size, counts: this.counts() };
  }

  /** Runs index-changing work one at a time; searches do not wait for it. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** How many bytes of a serialized index come before its documents (see SearchIndex.bytesNeeded). */
function headLength(index: Uint8Array): number {
  for (let need = 16; ;) {
    const more = SearchIndex.bytesNeeded(index.subarray(0, need));
    if (more <= need) return more;
    need = more;
  }
}

/** A stable fingerprint of the corpus options (key order, Maps and Sets do not matter). */
export function optionsKeyOf(options: unknown): string {
  return createHash('sha1').update(stableJson(options)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => [stableJson(k), stableJson(v)] as const);
    return `Map{${entries
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([k, v]) => `${k}:${v}`)
      .join(',')}}`;
  }
  if (value instanceof Set) return `Set[${[...value].map(stableJson).sort().join(',')}]`;
  if (value instanceof RegExp) return `RegExp(${String(value)})`;
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How many of a file's reading warnings its skipped-list line names; the rest are counted. */
const PARTLY_SHOWN = 3;

/**
 * A file indexed in part is listed with the skipped files, so a user is never left to
 * believe that text the reader set aside (a bad record, an attachment over its limit) was read.
 */
export function partlyRead(warnings: readonly string[] | undefined): string | null {
  if (!warnings || warnings.length === 0) return null;
  const shown = warnings.slice(0, PARTLY_SHOWN).map((w) => w.replace(/^partly read: /, ''));
  const more = warnings.length > PARTLY_SHOWN ? `; and ${warnings.length - PARTLY_SHOWN} more` : '';
  return `partly read: ${shown.join('; ')}${more}`;
}
