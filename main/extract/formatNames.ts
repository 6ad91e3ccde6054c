/**
 * Which files Dictum reads, by name: apart from the readers, so that listing a folder (on the
 * main thread, at every start) does not load the readers' libraries.
 */
export type TextFormat = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'rtf';
/** Formats read from their bytes by the readers in main/corpus/formats. */
export type BinaryFormat = 'pdf' | 'docx' | 'odt' | 'eml' | 'mbox';
export type Format = TextFormat | BinaryFormat;

const BINARY: ReadonlySet<Format> = new Set<BinaryFormat>(['pdf', 'docx', 'odt', 'eml', 'mbox']);

export function isBinaryFormat(format: Format): format is BinaryFormat {
  return BINARY.has(format);
}

const EXTENSIONS: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  rtf: 'rtf',
  pdf: 'pdf',
  docx: 'docx',
  odt: 'odt',
  eml: 'eml',
  mbox: 'mbox',
};

/** The format of a file by its name; null when Dictum does not read it. */
export function formatOf(path: string): Format | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  if (!m) return null;
  return EXTENSIONS[(m[1] as string).toLowerCase()] ?? null;
}
