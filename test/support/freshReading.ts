/**
 * The oracle of the incremental tests: a corpus folder read from scratch, in-process, with the
 * same reader and engine the service uses, and a comparison of two indexes that reports every
 * difference in what a user can see (documents, statements, facet counts, totals, skipped files).
 */
import type {
  ExtractedDocument,
  SearchRequest,
  SearchResponse,
  SkippedFile,
} from '../../main/common/contract';
import {
  contentHashOf,
  listCorpusFiles,
  loadCorpusOptions,
  readCorpusFile,
  type CorpusListing,
  type FileExtraction,
} from '../../main/corpus/corpusReader';
import { QuoteGroups, groupableStatements } from '../../main/engine/quoteGroups';
import { SearchIndex } from '../../main/engine/searchIndex';
import { applyNameMerges, tallyPeople, tallySpeakers } from '../../main/extract/corpusNames';
import { CorpusNamesPass } from '../../main/service/namesPass';

/** What can be asked of an index, whether the service, a reopened saved index or a fresh one. */
export interface IndexView {
  search(request: SearchRequest): Promise<SearchResponse>;
  document(id: string): Promise<ExtractedDocument | null>;
}

export interface FreshReading extends IndexView {
  /** The listing read, for other views to sync with the same state of the folder. */
  listing: CorpusListing;
  files: number;
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  documentIds: string[];
}

/**
 * Extraction is pure in a file's path, bytes, sidecar and mtime: reading the same file again
 * gives the same documents, so a fresh reading may reuse them. Keyed by all of those.
 */
const extractions = new Map<string, FileExtraction>();

async function extract(
  file: Parameters<typeof readCorpusFile>[0],
  options: Parameters<typeof readCorpusFile>[1],
): Promise<FileExtraction> {
  const hash = await contentHashOf(file);
  if (hash === null) return readCorpusFile(file, options);
  const key = `${file.path}\0${file.mtimeMs}\0${hash}`;
  const known = extractions.get(key);
  if (known) return known;
  const read = await readCorpusFile(file, options);
  if (extractions.size > 5_000) extractions.clear();
  // Only when nothing changed between hashing and reading: the key must describe the result.
  if (!read.ok || read.hash === hash) extractions.set(key, read);
  return read;
}

export async function freshReading(dir: string): Promise<FreshReading> {
  const listing = await listCorpusFiles(dir);
  const { options, skipped: optionsSkipped } = await loadCorpusOptions(dir);
  const index = new SearchIndex();
  const skipped = [...listing.skipped, ...optionsSkipped];
  const documentIds: string[] = [];
  const read: Array<{ path: string; documents: ExtractedDocument[] }> = [];
  for (const file of listing.files) {
    const one = await extract(file, options);
    if (!one.ok) {
      skipped.push({ path: file.path, reason: one.reason });
      continue;
    }
    read.push({ path: file.path, documents: one.documents });
  }
  // the corpus names pass, as the service runs it
  const names = new CorpusNamesPass();
  const all = read.flatMap((r) => r.documents);
  names.report(0, [...tallySpeakers(all)], [], [...tallyPeople(all)]);
  names.plan(options.aliases);
  const merges = new Map(names.current() ?? []);
  for (const { path, documents } of read) {
    index.addSource(
      path,
      documents.map((doc) => applyNameMerges(doc, merges)),
    );
    documentIds.push(...documents.map((doc) => doc.document.id));
  }
  // Quote groups, formed at once over every document.
  const groups = new QuoteGroups();
  groups.update(
    [],
    [...new Set(documentIds)].flatMap((id) => {
      const doc = index.getDocument(id);
      return doc ? groupableStatements(doc, 0) : [];
    }),
  );
  index.setGroupMarks(groups.marks().map(({ statement, mark }) => [statement.passageId, mark] as const));
  return {
    listing,
    files: listing.files.length,
    documents: index.documentCount,
    passages: index.passageCount,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    documentIds: [...new Set(documentIds)].sort(),
    search: (request) => Promise.resolve(index.search(request)),
    document: (id) => Promise.resolve(index.getDocument(id) ?? null),
  };
}

/** A response as a user sees it, minus what depends on how the index is split (scores, order of ties). */
function visible(response: SearchResponse): unknown {
  const hits = response.hits
    .map((hit) => {
      const { score: _score, ...rest } = hit;
      return JSON.stringify(rest);
    })
    .sort();
  const facets = Object.fromEntries(
    Object.entries(response.facets).map(([name, values]) => [
      name,
      [...values].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.count - b.count)),
    ]),
  );
  return { total: response.total, hits, facets, notes: response.notes };
}

/**
 * Every difference between `actual` and `expected` for these searches (asked for whole, so the
 * page holds every hit) and these document ids (present ones must match, absent ones be gone).
 */
export async function differences(
  expected: IndexView,
  actual: IndexView,
  requests: SearchRequest[],
  ids: { present: string[]; absent: string[] },
): Promise<string[]> {
  const found: string[] = [];
  for (const request of requests) {
    const [want, got] = await Promise.all([expected.search(request), actual.search(request)]);
    if (want.total > request.limit) found.push(`search ${JSON.stringify(request)}: too many hits to compare`);
    const a = JSON.stringify(visible(want));
    const b = JSON.stringify(visible(got));
    if (a !== b) found.push(`search ${describe(request)}:\n  expected ${a}\n  actual   ${b}`);
  }
  for (const id of ids.present) {
    const [want, got] = await Promise.all([expected.document(id), actual.document(id)]);
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      found.push(`document ${id}:\n  expected ${JSON.stringify(want)}\n  actual   ${JSON.stringify(got)}`);
    }
  }
  for (const id of ids.absent) {
    const got = await actual.document(id);
    if (got !== null) found.push(`document ${id} (${got.document.path}) should be gone`);
  }
  return found;
}

function describe(request: SearchRequest): string {
  const parts = [`q="${request.q}"`];
  for (const key of ['speaker', 'topic', 'kind'] as const) {
    if (request[key].length > 0) parts.push(`${key}=${request[key].join('|')}`);
  }
  return parts.join(' ');
}
