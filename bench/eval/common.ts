/** Shared helpers of the evaluation: extraction with default options, formatting of figures. */
import {
  defaultExtractOptions,
  extractDocuments,
  type ExtractOptions,
} from '../../main/extract/extractDocuments';
import type { ExtractedDocument } from '../../main/common/contract';

export const options = defaultExtractOptions();
/** The same without the built-in table of well-known people: what the rules do on their own. */
export const withoutNameList = { ...defaultExtractOptions(), builtInPeople: false };

/** The two settings every attribution figure is reported under. */
export const NAME_LIST_SETTINGS = [
  { label: 'name list', options },
  { label: 'no name list', options: withoutNameList },
] as const;

export function extract(
  path: string,
  text: string,
  mtimeMs = 0,
  opts: ExtractOptions = options,
): ExtractedDocument[] {
  const r = extractDocuments({ path, text, mtimeMs }, opts);
  return r.ok ? r.documents : [];
}

export interface Row {
  section: string;
  metric: string;
  value: string;
  n: string;
  note: string;
}

export function ratio(a: number, b: number): string {
  return b === 0 ? 'n/a' : (a / b).toFixed(3);
}

/** Deterministic sample of at most `n` items, spread over the list (no randomness between runs). */
export function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  const step = items.length / n;
  for (let i = 0; i < n; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

/** Collapses whitespace and removes Markdown escapes, for locating raw text in clean text. */
export function loose(s: string): string {
  return s
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>"'])/g, '$1')
    .replace(/[*_]/g, '')
    .replace(/<\/?[a-zA-Z][^>]{0,200}>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
