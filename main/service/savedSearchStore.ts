/**
 * The saved searches of one corpus, kept in `dictum-saved.json` at its root (savedSearchFile.ts),
 * and their counts of new matches.
 *
 * What "new" means: a statement is known by a fingerprint of its file's path, speaker, kind and
 * words (matchFingerprints), not by its id, which is its position in the file. When a saved
 * search is saved or opened, the fingerprints of all its matches are kept as "seen"; its new
 * count is the number of its matches now whose fingerprint was not seen. So a statement added
 * to a file that was already there counts, the unchanged statements around it do not, and
 * neither does a statement that only moved; an edited statement counts as new. Counting runs
 * through every match (cursor paging, like an export) whenever the index changes, one saved
 * search after another, never two runs at once.
 *
 * Every operation runs in one queue, so a count never interleaves with an edit; the file is
 * re-read when someone else changed it, and never overwritten when it could not be read.
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, LIMITS, type Hit, type SearchRequest, type SearchResponse } from '../common/contract';
import { fnv1a } from '../common/hash';
import {
  SAVED_FILE,
  SAVED_LIMITS,
  savedSearchRequest,
  type SavedQuery,
  type SavedSearch,
  type SavedSearchAlert,
  type SavedSearchApi,
  type SavedSearchInput,
  type SavedSearchList,
  type SavedSearchPatch,
} from '../common/savedSearches';
import { validateSavedId, validateSavedInput, validateSavedPatch } from '../common/savedValidate';
import { writeFileAtomic } from './cacheFile';
import { formatSavedFile, parseSavedFile, type StoredSearch } from './savedSearchFile';

/** What counting needs of the service: its large-page search (cursor paging to the end). */
export interface SavedSearchSource {
  exportSearch(request: SearchRequest): Promise<SearchResponse>;
}

/** The saved searches as the service offers them: the contract, plus alerts. */
export interface SavedSearchService extends SavedSearchApi {
  /** Called with each saved search whose new count grew; returns unsubscribe. */
  onAlert(listener: (alert: SavedSearchAlert) => void): () => void;
}

/** A statement's identity for "seen": its file, speaker, kind and words (not its position). */
export function statementFingerprint(hit: Pick<Hit, 'path' | 'speaker' | 'kind' | 'text'>): number {
  return fnv1a(`${hit.path}\u0000${hit.speaker ?? ''}\u0000${hit.kind}\u0000${hit.text}`);
}

/** Sorted, distinct. */
function sortedSet(values: number[]): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** How many of `current` are not in `seen` (both sorted and distinct). */
export function countUnseen(current: Uint32Array, seen: Uint32Array): number {
  let unseen = 0;
  let j = 0;
  for (const value of current) {
    while (j < seen.length && seen[j]! < value) j++;
    if (j >= seen.length || seen[j] !== value) unseen++;
  }
  return unseen;
}

interface Stamp {
  mtimeMs: number;
  size: number;
}

export class SavedSearchStore implements SavedSearchService {
  private readonly file: string;
  private searches: StoredSearch[] = [];
  private kept: unknown[] = [];
  private problems: string[] = [];
  /** Set when the file cannot be used at all: nothing is written until it is fixed. */
  private unreadable: string | null = null;
  /** The file as last read or written; another stamp means someone else changed it. */
  private stamp: Stamp | null | undefined = undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private countQueued = false;
  /** False until the service says its index is complete: a baseline taken earlier would be partial. */
  private indexComplete = false;
  private closed = false;
  private readonly listeners = new Set<(alert: SavedSearchAlert) => void>();

  constructor(
    corpusDir: string,
    private readonly source: SavedSearchSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = join(corpusDir, SAVED_FILE);
  }

  // -------------------------------------------------------------------------
  // The contract

  listSaved(): Promise<SavedSearchList> {
    return this.exclusive(async () => {
      await this.refresh();
      return this.list();
    });
  }

  createSaved(raw: SavedSearchInput): Promise<SavedSearch> {
    const input = validateSavedInput(raw);
    return this.exclusive(async () => {
      await this.refresh();
      this.assertWritable();
      this.assertNameFree(input.name, null);
      if (this.searches.length >= SAVED_LIMITS.searches) {
        throw new ContractError(`saved: at most ${SAVED_LIMITS.searches} saved searches`);
      }
      const when = this.now().toISOString();
      const entry: StoredSearch = {
        id: `s${randomBytes(5).toString('hex')}`,
        name: input.name,
        query: input.query,
        created: when,
        lastOpened: when,
        ...(await this.baseline(input.query)),
      };
      this.searches.push(entry);
      await this.write();
      return publicView(entry);
    });
  }

  updateSaved(rawId: string, rawPatch: SavedSearchPatch): Promise<SavedSearch> {
    const id = validateSavedId(rawId);
    const patch = validateSavedPatch(rawPatch);
    return this.exclusive(async () => {
      await this.refresh();
      this.assertWritable();
      const entry = this.find(id);
      if (patch.name !== undefined) {
        this.assertNameFree(patch.name, id);
        entry.name = patch.name;
      }
      if (patch.query !== undefined && JSON.stringify(patch.query) !== JSON.stringify(entry.query)) {
        // Another query has other matches: what is new starts again from now.
        entry.query = patch.query;
        entry.lastOpened = this.now().toISOString();
        Object.assign(entry, await this.baseline(patch.query));
      }
      await this.write();
      return publicView(entry);
    });
  }

  deleteSaved(rawId: string): Promise<SavedSearchList> {
    const id = validateSavedId(rawId);
    return this.exclusive(async () => {
      await this.refresh();
      this.assertWritable();
      const entry = this.find(id);
      this.searches = this.searches.filter((s) => s !== entry);
      await this.write();
      return this.list();
    });
  }

  openSaved(rawId: string): Promise<SavedSearch> {
    const id = validateSavedId(rawId);
    return this.exclusive(async () => {
      await this.refresh();
      const entry = this.find(id);
      entry.lastOpened = this.now().toISOString();
      Object.assign(entry, await this.baseline(entry.query));
      // A file that cannot be written still opens; the mark is then kept until the app closes.
      if (this.unreadable === null) await this.write();
      return publicView(entry);
    });
  }

  onAlert(listener: (alert: SavedSearchAlert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // -------------------------------------------------------------------------
  // Driven by the service

  /**
   * The index changed (or is complete for the first time): count every saved search's new
   * matches again. A count already waiting covers this change too.
   */
  indexChanged(): void {
    this.indexComplete = true;
    if (this.countQueued || this.closed) return;
    this.countQueued = true;
    void this.exclusive(async () => {
      this.countQueued = false;
      await this.refresh();
      await this.countAll();
    }).catch((error: unknown) => console.warn(`saved: counting new matches failed: ${messageOf(error)}`));
  }

  /** Waits for the operation in progress; counts not started are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
  }

  // -------------------------------------------------------------------------

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private list(): SavedSearchList {
    const problem =
      this.unreadable ??
      (this.problems.length > 0
        ? `saved: ${SAVED_FILE}: ${this.problems.join('; ')} (kept in the file as written; fix it there)`
        : null);
    return { searches: this.searches.map(publicView), problem };
  }

  private find(id: string): StoredSearch {
    const entry = this.searches.find((s) => s.id === id);
    if (!entry) throw new ContractError(`saved: no saved search with the id ${id}`, 404);
    return entry;
  }

  private assertNameFree(name: string, except: string | null): void {
    const taken = this.searches.find((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new ContractError(`saved: a saved search is already named "${taken.name}"`);
  }

  private assertWritable(): void {
    // 409: the request is fine, the file is not (HTTP answers with this status and message).
    if (this.unreadable !== null) throw Object.assign(new Error(this.unreadable), { statusCode: 409 });
  }

  /** Its matches now, as seen; before the index is complete, left for the first count to take. */
  private async baseline(query: SavedQuery): Promise<Pick<StoredSearch, 'seen' | 'newCount' | 'total'>> {
    if (!this.indexComplete) return { seen: null, newCount: 0, total: null };
    const { fingerprints, total } = await this.matches(query);
    return { seen: fingerprints, newCount: 0, total };
  }

  /** The fingerprints of every match of `query`, page after page to the end. */
  private async matches(query: SavedQuery): Promise<{ fingerprints: Uint32Array; total: number }> {
    const found: number[] = [];
    let after: string | undefined;
    let total = 0;
    for (;;) {
      const request = { ...savedSearchRequest(query, LIMITS.exportPageSize), facetLimit: 1 };
      const response = await this.source.exportSearch(after ? { ...request, after } : request);
      total = response.total;
      for (const hit of response.hits) found.push(statementFingerprint(hit));
      if (!response.next || response.hits.length === 0) break;
      after = response.next;
    }
    return { fingerprints: sortedSet(found), total };
  }

  private async countAll(): Promise<void> {
    const alerts: SavedSearchAlert[] = [];
    let changed = false;
    for (const entry of [...this.searches]) {
      if (this.closed) return;
      const { fingerprints, total } = await this.matches(entry.query);
      if (entry.seen === null) {
        Object.assign(entry, { seen: fingerprints, newCount: 0, total });
        changed = true;
        continue;
      }
      const fresh = countUnseen(fingerprints, entry.seen);
      const before = entry.newCount ?? 0;
      if (fresh !== entry.newCount || total !== entry.total) changed = true;
      entry.newCount = fresh;
      entry.total = total;
      if (fresh > before)
        alerts.push({ id: entry.id, name: entry.name, newCount: fresh, added: fresh - before });
    }
    if (changed && this.unreadable === null) {
      await this.write().catch((error: unknown) => console.warn(messageOf(error)));
    }
    for (const alert of alerts) for (const listener of this.listeners) listener(alert);
  }

  /** Reads the file when it is new to us (first use, or changed by someone else). */
  private async refresh(): Promise<void> {
    const now = await stampOf(this.file);
    if (this.stamp !== undefined && sameStamp(now, this.stamp)) return;
    const previous = new Map(this.searches.map((s) => [s.id, s]));
    this.stamp = now;
    this.unreadable = null;
    this.problems = [];
    this.kept = [];
    this.searches = [];
    if (now === null) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      this.unreadable = `saved: cannot read ${SAVED_FILE}: ${messageOf(error)}`;
      return;
    }
    try {
      const content = parseSavedFile(text, this.now().toISOString());
      // Counts not yet written (a failed write) survive a re-read of the same entries.
      this.searches = content.searches.map((s) => {
        const known = previous.get(s.id);
        return known && s.seen === null && JSON.stringify(known.query) === JSON.stringify(s.query)
          ? { ...s, seen: known.seen }
          : s;
      });
      this.kept = content.kept;
      this.problems = content.problems;
    } catch (error) {
      this.unreadable = messageOf(error);
    }
  }

  private async write(): Promise<void> {
    try {
      await writeFileAtomic(this.file, Buffer.from(formatSavedFile(this.searches, this.kept), 'utf8'));
    } catch (error) {
      throw new Error(`saved: cannot write ${SAVED_FILE}: ${messageOf(error)}`);
    }
    this.stamp = await stampOf(this.file);
  }
}

function publicView(entry: StoredSearch): SavedSearch {
  return {
    id: entry.id,
    name: entry.name,
    query: entry.query,
    created: entry.created,
    lastOpened: entry.lastOpened,
    newCount: entry.newCount,
    total: entry.total,
  };
}

async function stampOf(file: string): Promise<Stamp | null> {
  try {
    const info = await stat(file);
    return { mtimeMs: info.mtimeMs, size: info.size };
  } catch {
    return null;
  }
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  return a === null || b === null ? a === b : a.mtimeMs === b.mtimeMs && a.size === b.size;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
