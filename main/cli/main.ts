/**
 * `dictum`: the command line of Dictum. Every command answers from the same SearchService
 * as the desktop app and the HTTP server, and prints the contract's JSON with --json.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ContractError, type SearchRequest } from '../common/contract';
import { EXPORT_FORMATS, type ExportFormat } from '../common/exportRows';
import { validateSearchRequest, validateTimelineRequest } from '../common/validate';
import type { TimelineRequest } from '../common/timeline';
import { formatSearchResponse, formatSkipped, formatStatus } from './format';
import { bundledCorpusDir } from '../service/packagePaths';

const USAGE = `Usage: dictum <command> [options]

Commands:
  search QUERY     search the corpus (an empty QUERY browses everything)
      --corpus DIR  --speaker NAME...  --topic SLUG...  --kind quote|turn|narrative...
      --not-speaker NAME...  --not-topic SLUG...  --not-kind KIND...  --facet-limit N
      --from DATE  --to DATE  --sort relevance|date-desc|date-asc  --limit N  --offset N  --after CURSOR  --json
      --format csv|jsonl   every match (not one page), streamed to stdout as CSV or JSON Lines
  timeline QUERY   matches per period (year, month or day by the range), one column per
                   --speaker given, or per comma-separated term of QUERY ("climate, inflation")
      --corpus DIR  --speaker NAME...  --topic SLUG...  --kind KIND...  --not-speaker NAME...
      --from DATE  --to DATE  --series auto|total|speaker|term  --json | --format csv
  saved [NAME]     list the saved searches with their new matches; with NAME, run that one
                   (and mark it opened)  --corpus DIR  --json  --format csv|jsonl  --limit N
      --collapse   one row per quote group      --min-sources N   quotes reported by N+ documents
      --group ID   every report of one quote group, each against the full version
  quotes WORDS     quotes with these words, one row per group: who reported them, first when and by whom
      (the options of search)
  speakers --merges  the speaker names merged across the corpus (a surname to the full name
                   used elsewhere, a middle initial, a spelling)  --corpus DIR  --json
  extract FILE     show the documents and passages Dictum reads from FILE  [--json]
  index [DIR]      build or update the saved index of DIR (default: the bundled corpus)  [--json]
  serve            serve the search API and the UI over HTTP
      --corpus DIR  --host 127.0.0.1  --port 4820  --token TOKEN (or DICTUM_TOKEN)
  app              open the desktop app (or, without an Electron binary, serve the UI)
      --corpus DIR

Options common to all commands:
  --no-cache       do not read or write the saved index
  -h, --help       show this help

Query syntax: words (all required), "exact phrase", -exclude, OR, speaker:NAME, topic:SLUG,
kind:quote, date:2021-12, date:2021-12..2022-02, after:DATE, before:DATE; -speaker:NAME,
-topic:SLUG and -kind:KIND leave a value out; "(no speaker)" names statements without one.
`;

/** Exit codes: 0 done, 1 failed, 2 bad usage. */
class UsageError extends Error {}

const options = {
  corpus: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  topic: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
  'not-speaker': { type: 'string', multiple: true },
  'not-topic': { type: 'string', multiple: true },
  'not-kind': { type: 'string', multiple: true },
  'facet-limit': { type: 'string' },
  collapse: { type: 'boolean' },
  'min-sources': { type: 'string' },
  group: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  after: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  series: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  'no-cache': { type: 'boolean' },
  merges: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

export function searchRequestFromFlags(query: string, flags: Flags): SearchRequest {
  const raw: Record<string, unknown> = { q: query };
  if (flags.speaker) raw.speaker = flags.speaker;
  if (flags.topic) raw.topic = flags.topic;
  if (flags.kind) raw.kind = flags.kind;
  if (flags['not-speaker']) raw.notSpeaker = flags['not-speaker'];
  if (flags['not-topic']) raw.notTopic = flags['not-topic'];
  if (flags['not-kind']) raw.notKind = flags['not-kind'];
  const facetLimit = integerFlag('facet-limit', flags['facet-limit']);
  if (facetLimit !== undefined) raw.facetLimit = facetLimit;
  if (flags.from) raw.from = flags.from;
  if (flags.to) raw.to = flags.to;
  if (flags.sort) raw.sort = flags.sort;
  const limit = integerFlag('limit', flags.limit);
  if (limit !== undefined) raw.limit = limit;
  const offset = integerFlag('offset', flags.offset);
  if (offset !== undefined) raw.offset = offset;
  if (flags.after !== undefined) raw.after = flags.after;
  if (flags.collapse) raw.collapse = 'group';
  const minSources = integerFlag('min-sources', flags['min-sources']);
  if (minSources !== undefined) raw.minSources = minSources;
  if (flags.group !== undefined) raw.group = flags.group;
  return validateSearchRequest(raw);
}

/** The timeline's request: the search's filters (no paging or sort) and `--series`. */
export function timelineRequestFromFlags(query: string, flags: Flags): TimelineRequest {
  for (const name of ['sort', 'limit', 'offset', 'after', 'facet-limit'] as const) {
    if (flags[name] !== undefined)
      throw new UsageError(`timeline counts every match; --${name} does not apply`);
  }
  if (flags.format !== undefined && flags.format !== 'csv') {
    throw new UsageError(`timeline --format takes csv, not "${flags.format}"`);
  }
  if (flags.format !== undefined && flags.json)
    throw new UsageError('--format and --json do not go together');
  const { q, speaker, topic, kind, notSpeaker, notTopic, notKind, from, to } = searchRequestFromFlags(
    query,
    flags,
  );
  return validateTimelineRequest({
    q,
    speaker,
    topic,
    kind,
    ...(notSpeaker ? { notSpeaker } : {}),
    ...(notTopic ? { notTopic } : {}),
    ...(notKind ? { notKind } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(flags.series !== undefined ? { series: flags.series } : {}),
  });
}

/** `--format`: an export of every match, which pages by itself and prints no JSON response. */
function exportFlag(flags: Flags): ExportFormat | null {
  if (flags.format === undefined) return null;
  const format = EXPORT_FORMATS.find((f) => f === flags.format);
  if (!format) throw new UsageError(`--format takes ${EXPORT_FORMATS.join(' or ')}, not "${flags.format}"`);
  if (flags.json)
    throw new UsageError('--format and --json do not go together: --json prints one page of results');
  if (flags.limit !== undefined || flags.offset !== undefined || flags.after !== undefined) {
    throw new UsageError('--format exports every match; --limit, --offset and --after do not apply');
  }
  return format;
}

function corpusDir(flags: Flags, positional?: string): string {
  const dir = positional ?? flags.corpus;
  return dir ? resolve(dir) : bundledCorpusDir();
}

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: flags, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (flags.help || !command) {
    process.stdout.write(USAGE);
    return command || flags.help ? 0 : 2;
  }
  const cacheDir = flags['no-cache'] ? null : undefined;

  switch (command) {
    case 'search':
    case 'quotes': {
      if (rest.length > 1) throw new UsageError(`${command} takes one QUERY; quote it if it has spaces`);
      // `quotes`: the quoted statements, one row per group of reports of the same words.
      const request =
        command === 'quotes'
          ? searchRequestFromFlags(rest[0] ?? '', { kind: ['quote', 'turn'], collapse: true, ...flags })
          : searchRequestFromFlags(rest[0] ?? '', flags);
      const format = exportFlag(flags);
      const { createSearchService } = await import('../service/index');
      const service = createSearchService({ corpusDir: corpusDir(flags), cacheDir });
      try {
        const status = await service.ready();
        if (status.error) throw new Error(status.error);
        if (format) {
          const { writeExport } = await import('../service/exportWriter');
          await writeExport(service, request, format, process.stdout);
          return 0;
        }
        const response = await service.search(request);
        process.stdout.write(
          flags.json ? `${JSON.stringify(response, null, 2)}\n` : formatSearchResponse(response, status),
        );
      } finally {
        await service.close();
      }
      return 0;
    }
    case 'timeline': {
      if (rest.length > 1) throw new UsageError('timeline takes one QUERY; quote it if it has spaces');
      const request = timelineRequestFromFlags(rest[0] ?? '', flags);
      const { createSearchService } = await import('../service/index');
      const service = createSearchService({ corpusDir: corpusDir(flags), cacheDir });
      try {
        const status = await service.ready();
        if (status.error) throw new Error(status.error);
        const response = await service.timeline(request);
        const { timelineCsv, timelineText } = await import('./timelineFormat');
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(response, null, 2)}\n`
            : flags.format === 'csv'
              ? timelineCsv(response)
              : timelineText(response),
        );
      } finally {
        await service.close();
      }
      return 0;
    }
    case 'saved': {
      if (rest.length > 1) throw new UsageError('saved takes at most one NAME; quote it if it has spaces');
      const name = rest[0];
      const format = name === undefined ? null : exportFlag(flags);
      if (name === undefined && (flags.format !== undefined || flags.limit !== undefined)) {
        throw new UsageError('--format and --limit apply to running a saved search: dictum saved NAME');
      }
      const limit = integerFlag('limit', flags.limit);
      const { createSearchService } = await import('../service/index');
      const { runSaved } = await import('./saved');
      const service = createSearchService({ corpusDir: corpusDir(flags), cacheDir });
      try {
        return await runSaved(service, { name, json: flags.json === true, format, limit });
      } finally {
        await service.close();
      }
    }
    case 'speakers': {
      if (!flags.merges || rest.length > 0) throw new UsageError('speakers takes --merges (and no QUERY)');
      const { createSearchService } = await import('../service/index');
      const { formatNameMerges } = await import('./speakers');
      const service = createSearchService({ corpusDir: corpusDir(flags), cacheDir });
      try {
        const status = await service.ready();
        if (status.error) throw new Error(status.error);
        const merges = await service.nameMerges();
        process.stdout.write(
          flags.json ? `${JSON.stringify({ merges }, null, 2)}\n` : formatNameMerges(merges),
        );
      } finally {
        await service.close();
      }
      return 0;
    }
    case 'extract': {
      const file = rest[0];
      if (!file || rest.length > 1) throw new UsageError('extract takes one FILE');
      const { extractSingleFile } = await import('../corpus/corpusReader');
      const result = await extractSingleFile(resolve(file));
      if (!result.ok) {
        process.stderr.write(`dictum: cannot read ${file}: ${result.reason}\n`);
        return 1;
      }
      // One document prints as the contract's object; a JSON/JSONL file of many prints one per line.
      const out =
        result.documents.length === 1
          ? JSON.stringify(result.documents[0], null, 2)
          : result.documents.map((d) => JSON.stringify(d)).join('\n');
      process.stdout.write(`${out}\n`);
      return 0;
    }
    case 'index': {
      if (rest.length > 1) throw new UsageError('index takes at most one DIR');
      const { createSearchService } = await import('../service/index');
      const service = createSearchService({ corpusDir: corpusDir(flags, rest[0]), cacheDir });
      const unsubscribe = flags.json
        ? () => undefined
        : service.onProgress((s) => process.stderr.write(`\r${formatStatus(s)}`));
      const status = await service.ready();
      unsubscribe();
      await service.close();
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(status, null, 2)}\n`
          : `\n${formatStatus(status)}\n${formatSkipped(status.skipped)}`,
      );
      return status.error ? 1 : 0;
    }
    case 'serve':
    case 'app': {
      if (rest.length > 0) throw new UsageError(`${command} takes no positional arguments; use --corpus DIR`);
      const { runServe, runApp } = await import('./serve');
      const serveOptions = {
        corpusDir: corpusDir(flags),
        cacheDir,
        host: flags.host,
        port: integerFlag('port', flags.port),
        token: flags.token ?? process.env.DICTUM_TOKEN,
        corpusGiven: flags.corpus !== undefined,
      };
      return command === 'serve' ? runServe(serveOptions) : runApp(serveOptions);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dictum: ${error.message}\nRun "dictum --help" for usage.\n`);
      return 2;
    }
    if (error instanceof ContractError) {
      process.stderr.write(`dictum: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`dictum: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
