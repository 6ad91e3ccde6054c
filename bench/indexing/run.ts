/**
 * Indexing throughput by stage, side by side on the public corpora (../shared/corpora):
 * statements per second for each of decode (bytes to text), read (format reader, paragraphs,
 * dates), attribute (names, turns, quotes, attribution, passages), index (the engine) and
 * save (serialize and write), so the next bottleneck is visible. One thread, in-process: the
 * service runs the same code in each worker. Figures are for comparing stages and corpora on
 * one machine in one run, not absolute promises.
 *
 * The corpus names pass (main/extract/corpusNames.ts, run by the service after reading) is
 * the stage "names": planning is linear in distinct speaker names; its real cost is the files
 * whose speakers it renames, which the service reads again (counted below the table): a
 * JSON Lines file of many records is read again whole when one of its records is renamed.
 *
 *   npx tsx bench/indexing/run.ts [--budget-mb 4] [--only wh_briefings,kremlin_en,ungdc] [--root DIR]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtractedDocument } from '../../main/common/contract';
import { listCorpusFiles, loadCorpusOptions } from '../../main/corpus/corpusReader';
import { decodeBytes } from '../../main/corpus/decode';
import { SearchIndex } from '../../main/engine/searchIndex';
import type { RawDoc } from '../../main/extract/document';
import { formatOf, readHtml, readJson, readJsonl, readMarkdown, readText } from '../../main/extract/formats';
import { prepare, type Prepared } from '../../main/extract/options';
import { CORPORA_ROOT } from '../search/corpora';
import {
  applyNameMerges,
  mergeMap,
  planNameMerges,
  tallyPeople,
  tallySpeakers,
} from '../../main/extract/corpusNames';
import { attributeQuotes } from '../../main/extract/stages/attribution';
import { dateDocument } from '../../main/extract/stages/dating';
import { learnNames } from '../../main/extract/stages/names';
import { readParagraphs } from '../../main/extract/stages/paragraphs';
import { buildPassages } from '../../main/extract/stages/passages';
import { findQuoteSpans } from '../../main/extract/stages/quoteSpans';
import { findTurns } from '../../main/extract/stages/turns';

const STAGES = ['decode', 'read', 'attribute', 'index', 'names', 'save'] as const;
type Stage = (typeof STAGES)[number];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const CORPORA_DIR = option('root', CORPORA_ROOT);
const BUDGET = Number(option('budget-mb', '4')) * 1024 * 1024;
const CORPORA = option('only', 'wh_briefings,kremlin_en,ungdc').split(',');

/** The format reader of a text file (what extractDocuments dispatches to). */
function rawDocs(path: string, text: string, mtimeMs: number): RawDoc[] {
  switch (formatOf(path)) {
    case 'text':
      return readText(path, text, mtimeMs);
    case 'markdown':
      return readMarkdown(path, text, mtimeMs);
    case 'html':
      return readHtml(path, text, mtimeMs);
    case 'json':
      return readJson(path, text, mtimeMs);
    case 'jsonl':
      return readJsonl(path, text, mtimeMs, []);
    default:
      return [];
  }
}

interface Row {
  corpus: string;
  files: number;
  megabytes: number;
  documents: number;
  statements: number;
  ms: Record<Stage, number>;
  /** Files whose speakers the names pass renamed (the service reads them again). */
  renamedFiles: number;
}

async function measure(corpus: string): Promise<Row> {
  const dir = join(CORPORA_DIR, corpus);
  const listing = await listCorpusFiles(dir);
  const prepared: Prepared = prepare((await loadCorpusOptions(dir)).options);
  const ms: Record<Stage, number> = { decode: 0, read: 0, attribute: 0, index: 0, names: 0, save: 0 };
  const bySource = new Map<string, ExtractedDocument[]>();
  const index = new SearchIndex();
  let bytesRead = 0;
  let files = 0;
  let documents = 0;
  let clock = performance.now();
  const lap = (stage: Stage): void => {
    const now = performance.now();
    ms[stage] += now - clock;
    clock = now;
  };
  for (const file of listing.files) {
    if (bytesRead >= BUDGET) break;
    clock = performance.now();
    let bytes: Uint8Array = await readFile(file.absPath);
    if (bytesRead + bytes.length > BUDGET && formatOf(file.path) === 'jsonl') {
      // A large file of records: whole records up to the budget.
      const cut = Buffer.from(bytes).lastIndexOf(0x0a, BUDGET - bytesRead);
      bytes = bytes.subarray(0, Math.max(cut + 1, 1));
    }
    bytesRead += bytes.length;
    const decoded = decodeBytes(bytes);
    lap('decode');
    if (!decoded.ok) continue;
    const read = rawDocs(file.path, decoded.text, file.mtimeMs).map((raw) =>
      dateDocument(readParagraphs(raw)),
    );
    lap('read');
    const docs: ExtractedDocument[] = [];
    for (const dated of read) {
      const doc = buildPassages(
        attributeQuotes(findQuoteSpans(findTurns(learnNames(dated, prepared)))),
        prepared,
      );
      if (doc.passages.length > 0) docs.push(doc);
    }
    lap('attribute');
    index.addSource(file.path, docs);
    bySource.set(file.path, docs);
    lap('index');
    files++;
    documents += docs.length;
  }
  // The corpus names pass: plan the merges, then index again the files they rename (the
  // service reads those files again, so their read and attribute share repeats as well).
  clock = performance.now();
  const all = [...bySource.values()].flat();
  const merges = mergeMap(planNameMerges(tallySpeakers(all), undefined, tallyPeople(all)));
  let renamedFiles = 0;
  for (const [path, docs] of bySource) {
    const merged = docs.map((doc) => applyNameMerges(doc, merges));
    if (merged.every((doc, i) => doc === docs[i])) continue;
    renamedFiles++;
    index.removeSource(path);
    index.addSource(path, merged);
  }
  lap('names');
  const out = await mkdtemp(join(tmpdir(), 'dictum-indexing-bench-'));
  clock = performance.now();
  await writeFile(join(out, 'index.bin'), index.serialize());
  lap('save');
  await rm(out, { recursive: true, force: true });
  return {
    corpus,
    files,
    megabytes: bytesRead / 1048576,
    documents,
    statements: index.passageCount,
    ms,
    renamedFiles,
  };
}

function perSecond(statements: number, ms: number): string {
  return ms > 0 ? Math.round((statements / ms) * 1000).toLocaleString('en-US') : '–';
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const corpus of CORPORA) rows.push(await measure(corpus));
  console.log(
    `Indexing throughput, statements per second by stage (one thread; budget ${BUDGET / 1048576} MB per corpus)\n`,
  );
  console.log(`| corpus | files | MB | statements | ${STAGES.join(' | ')} | all stages |`);
  console.log(`| --- | ---: | ---: | ---: | ${STAGES.map(() => '---:').join(' | ')} | ---: |`);
  for (const row of rows) {
    const total = STAGES.reduce((sum, stage) => sum + row.ms[stage], 0);
    const cells = STAGES.map((stage) => perSecond(row.statements, row.ms[stage]));
    console.log(
      `| ${row.corpus} | ${row.files} | ${row.megabytes.toFixed(1)} | ${row.statements.toLocaleString('en-US')} | ${cells.join(' | ')} | ${perSecond(row.statements, total)} |`,
    );
  }
  console.log(
    '\nThe names pass (names) plans merges over the whole corpus and indexes again the files they rename;',
  );
  console.log('the service reads those files again, so their read and attribute time repeats:');
  for (const row of rows) console.log(`  ${row.corpus}: ${row.renamedFiles} of ${row.files} files renamed`);
  console.log('\nShare of the time by stage:');
  for (const row of rows) {
    const total = STAGES.reduce((sum, stage) => sum + row.ms[stage], 0);
    console.log(
      `  ${row.corpus}: ${STAGES.map((s) => `${s} ${Math.round((100 * row.ms[s]) / total)}%`).join(', ')}`,
    );
  }
}

void main();
