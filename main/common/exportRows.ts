/**
 * One exported row per statement, as CSV (RFC 4180) or JSON Lines. Pure: the HTTP route, the
 * CLI and the desktop app stream these strings; nothing here holds more than one row.
 *
 * CSV is for spreadsheets, so it starts with a UTF-8 byte-order mark: without it Excel reads
 * the file as the system's legacy code page and garbles every curly quote, accent and
 * non-Latin name; LibreOffice, Google Sheets, pandas and csv-parse all accept the mark.
 * For the same reason a cell that a spreadsheet would run as a formula (it starts with `=`,
 * `+`, `-` or `@`) gets a leading `'` (OWASP's advice on CSV injection): the texts come from
 * other people's documents. JSON Lines is for programs and keeps every value exact.
 */
import type { Hit } from './contract';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The columns, in order; the JSON Lines objects have the same keys. */
export const EXPORT_COLUMNS = [
  'id',
  'docId',
  'speaker',
  'kind',
  'date',
  'dateSource',
  'topics',
  'title',
  'source',
  'url',
  'page',
  'path',
  'text',
  'start',
  'end',
  'highlights',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export type ExportRecord = {
  id: string;
  docId: string;
  speaker: string | null;
  kind: Hit['kind'];
  date: string | null;
  dateSource: Hit['dateSource'];
  topics: string[];
  title: string;
  source: string | null;
  url: string | null;
  page: number | null;
  path: string;
  /** The statement's full text. */
  text: string;
  /** The statement's offsets in its document's clean text. */
  start: number;
  end: number;
  /** The matched words, as offsets into `text`. */
  highlights: Array<[number, number]>;
};

export const UTF8_BOM = '\uFEFF';

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/jsonl; charset=utf-8',
};

export function exportRecord(hit: Hit): ExportRecord {
  return {
    id: hit.id,
    docId: hit.docId,
    speaker: hit.speaker,
    kind: hit.kind,
    date: hit.date,
    dateSource: hit.dateSource,
    topics: hit.topics,
    title: hit.title,
    source: hit.source,
    url: hit.url,
    page: hit.page ?? null,
    path: hit.path,
    text: hit.text,
    start: hit.start,
    end: hit.end,
    highlights: hit.highlights,
  };
}

/** What a file of this format starts with: the BOM and header for CSV, nothing for JSON Lines. */
export function exportPreamble(format: ExportFormat): string {
  return format === 'csv' ? `${UTF8_BOM}${EXPORT_COLUMNS.join(',')}\r\n` : '';
}

/** One hit as one line of the format, line ending included. */
export function exportLine(format: ExportFormat, hit: Hit): string {
  const record = exportRecord(hit);
  if (format === 'jsonl') return `${JSON.stringify(record)}\n`;
  return `${EXPORT_COLUMNS.map((c) => csvField(csvValue(record, c))).join(',')}\r\n`;
}

function csvValue(record: ExportRecord, column: ExportColumn): string {
  const v = record[column];
  if (v === null) return '';
  if (column === 'topics') return record.topics.join('; ');
  if (column === 'highlights') return record.highlights.map(([s, e]) => `${s}-${e}`).join(' ');
  return String(v);
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
